import {
  BatchClient,
  DescribeComputeEnvironmentsCommand,
  DescribeJobDefinitionsCommand,
  DescribeJobQueuesCommand,
  DescribeJobsCommand,
  RegisterJobDefinitionCommand,
  UpdateComputeEnvironmentCommand,
  SubmitJobCommand,
} from '@aws-sdk/client-batch';
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { jobSpec, LOCAL_COMPUTE_ENVIRONMENT, LOCAL_RESOURCES, RUNS_BY_TIME_INDEX, SHELL_JOB_DEFINITION, STACK_CAPACITY_DEFAULTS } from '@framefarm/job-specs';
import { provisionLocalStack, startLocalStack, stepJobDefinition, type LocalStack } from '../src';
import { REGION, removeDir, tempStateDir } from './helpers';

const CAPACITY = { vcpus: 2, memoryMiB: 4096 };

/** Polls DescribeJobs until the job has stopped (the engine runs it as a real process). */
async function waitForJob(batch: BatchClient, jobId: string) {
  for (;;) {
    const { jobs } = await batch.send(new DescribeJobsCommand({ jobs: [jobId] }));
    const job = jobs?.[0];
    if (job?.stoppedAt !== undefined) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('local stack: composition and provisioning', () => {
  let stateDir: string;
  let stack: LocalStack;
  let batch: BatchClient;

  beforeAll(async () => {
    stateDir = tempStateDir();
    stack = await startLocalStack({ stateDir, port: 0, quiet: true, capacity: CAPACITY });
    batch = new BatchClient({ endpoint: stack.endpoint, region: REGION, credentials: stack.credentials, maxAttempts: 1 });
  });
  afterAll(async () => {
    batch.destroy();
    await stack.stop();
    removeDir(stateDir);
  });

  it('provisions everything from the job specs, and a second run changes nothing', async () => {
    const first = await provisionLocalStack(stack.endpoint, { credentials: stack.credentials, capacity: CAPACITY });
    expect(first.bucket).toEqual({ name: LOCAL_RESOURCES.bucket, action: 'created' });
    expect(first.table.action).toBe('created');
    expect(first.computeEnvironment.action).toBe('created');
    expect(Object.values(first.jobQueues).map((q) => q.action)).toEqual(['created', 'created', 'created']);
    expect(Object.values(first.jobDefinitions).map((d) => [d.action, d.revision])).toEqual([
      ['created', 1],
      ['created', 1],
      ['created', 1],
    ]);
    expect(first.shellJobDefinition).toMatchObject({ name: SHELL_JOB_DEFINITION, revision: 1 });
    expect(first.outputs.CfnOutputPlanJobQueue).toBe(first.jobQueues.plan.arn);
    expect(first.outputs.CfnOutputRenderJobDefinition).toMatch(/:job-definition\/framefarm-render:1$/);

    const second = await provisionLocalStack(stack.endpoint, { credentials: stack.credentials, capacity: CAPACITY });
    const actions = [
      second.bucket.action,
      second.table.action,
      second.logGroup.action,
      second.computeEnvironment.action,
      ...Object.values(second.jobQueues).map((q) => q.action),
      ...Object.values(second.jobDefinitions).map((d) => d.action),
      second.shellJobDefinition.action,
    ];
    expect(new Set(actions)).toEqual(new Set(['unchanged']));
    expect(second.outputs).toEqual(first.outputs);
  });

  it('created what the SDK clients see, with the specs values', async () => {
    const config = { endpoint: stack.endpoint, region: REGION, credentials: stack.credentials };
    const s3 = new S3Client({ ...config, forcePathStyle: true });
    const dynamodb = new DynamoDBClient(config);
    await expect(s3.send(new HeadBucketCommand({ Bucket: LOCAL_RESOURCES.bucket }))).resolves.toBeDefined();
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: LOCAL_RESOURCES.table }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    s3.destroy();
    dynamodb.destroy();

    const { computeEnvironments } = await batch.send(new DescribeComputeEnvironmentsCommand({ computeEnvironments: [LOCAL_COMPUTE_ENVIRONMENT] }));
    expect(computeEnvironments?.[0].computeResources?.maxvCpus).toBe(CAPACITY.vcpus);
    // Described as the AWS stack's default capacity, which is what prices a local run.
    expect(computeEnvironments?.[0].computeResources).toMatchObject({
      type: STACK_CAPACITY_DEFAULTS.spot ? 'SPOT' : 'EC2',
      instanceTypes: [...STACK_CAPACITY_DEFAULTS.instanceTypes],
    });
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual([RUNS_BY_TIME_INDEX.name]);
    const render = jobSpec('render');
    const { jobQueues } = await batch.send(new DescribeJobQueuesCommand({ jobQueues: [render.jobQueueName] }));
    expect(jobQueues?.[0]).toMatchObject({ priority: render.queuePriority, state: 'ENABLED' });
    const { jobDefinitions } = await batch.send(new DescribeJobDefinitionsCommand({ jobDefinitionName: render.jobDefinitionName }));
    expect(jobDefinitions?.[0]).toMatchObject({
      containerProperties: {
        image: render.image,
        resourceRequirements: expect.arrayContaining([{ type: 'MEMORY', value: String(render.memoryMiB) }]),
        environment: expect.arrayContaining([{ name: 'FRAMEFARM_BUCKET', value: LOCAL_RESOURCES.bucket }]),
      },
      retryStrategy: { attempts: render.retryAttempts, evaluateOnExit: expect.arrayContaining([expect.objectContaining({ onStatusReason: 'Host EC2*' })]) },
      timeout: { attemptDurationSeconds: render.timeoutSeconds },
    });
  });

  it('brings a compute environment from an older state directory in line with the stack’s capacity', async () => {
    await batch.send(
      new UpdateComputeEnvironmentCommand({ computeEnvironment: LOCAL_COMPUTE_ENVIRONMENT, computeResources: { type: 'EC2', instanceTypes: ['optimal'] } }),
    );
    const again = await provisionLocalStack(stack.endpoint, { credentials: stack.credentials, capacity: CAPACITY });
    expect(again.computeEnvironment.action).toBe('updated');
    const { computeEnvironments } = await batch.send(new DescribeComputeEnvironmentsCommand({ computeEnvironments: [LOCAL_COMPUTE_ENVIRONMENT] }));
    expect(computeEnvironments?.[0].computeResources).toMatchObject({ type: STACK_CAPACITY_DEFAULTS.spot ? 'SPOT' : 'EC2', instanceTypes: [...STACK_CAPACITY_DEFAULTS.instanceTypes] });
    expect((await provisionLocalStack(stack.endpoint, { credentials: stack.credentials, capacity: CAPACITY })).computeEnvironment.action).toBe('unchanged');
  });

  it('registers a new revision only for a definition that differs from the latest one', async () => {
    const render = stepJobDefinition(jobSpec('render'));
    // Someone registered a different revision 2 by hand (say, with more memory).
    await batch.send(
      new RegisterJobDefinitionCommand({
        ...render,
        containerProperties: { ...render.containerProperties, resourceRequirements: [{ type: 'VCPU', value: '1' }, { type: 'MEMORY', value: '9999' }] },
      }),
    );
    const again = await provisionLocalStack(stack.endpoint, { credentials: stack.credentials, capacity: CAPACITY });
    expect(again.jobDefinitions.render).toMatchObject({ action: 'updated', revision: 3 });
    expect(again.jobDefinitions.plan).toMatchObject({ action: 'unchanged', revision: 1 });
    const once = await provisionLocalStack(stack.endpoint, { credentials: stack.credentials, capacity: CAPACITY });
    expect(once.jobDefinitions.render).toMatchObject({ action: 'unchanged', revision: 3 });
  });

  it('runs a job that reaches the same edge, and serves its output through CloudWatch Logs', async () => {
    const script = "fetch(process.env.AWS_ENDPOINT_URL + '/health').then((r) => r.json()).then((h) => console.log('services ' + h.services.join(',')))";
    const { jobId } = await batch.send(
      new SubmitJobCommand({
        jobName: 'reach-the-edge',
        jobQueue: jobSpec('plan').jobQueueName,
        jobDefinition: SHELL_JOB_DEFINITION,
        containerOverrides: { command: [process.execPath, '-e', script] },
      }),
    );
    const job = await waitForJob(batch, jobId ?? '');
    expect(job.status).toBe('SUCCEEDED');
    const logStreamName = job.container?.logStreamName;
    expect(logStreamName).toMatch(new RegExp(`^${SHELL_JOB_DEFINITION}/default/`));
    const logs = new CloudWatchLogsClient({ endpoint: stack.endpoint, region: REGION, credentials: stack.credentials });
    const { events } = await logs.send(new GetLogEventsCommand({ logGroupName: '/aws/batch/job', logStreamName, startFromHead: true }));
    logs.destroy();
    expect(events?.map((e) => e.message)).toContain('services batch,dynamodb,logs,s3,sts');
  });
});
