import { BatchClient, DescribeJobsCommand, SubmitJobCommand } from '@aws-sdk/client-batch';
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { jobSpec, LOCAL_RESOURCES, SHELL_JOB_DEFINITION } from '@framefarm/job-specs';
import type { AccessKeys } from '../../src';
import { startSecureStack, type SecureStack } from './stack-fixture';

const BUCKET = LOCAL_RESOURCES.bucket;
const denial = (role: string, session: string, action: string, resource: string) =>
  `User: arn:aws:sts::000000000000:assumed-role/${role}/${session} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

describe('STS and job roles: each role may do what its step needs, nothing else', () => {
  let secure: SecureStack;
  const clients: { destroy(): void }[] = [];
  const config = (credentials: AccessKeys) => ({ endpoint: secure.stack.endpoint, region: secure.stack.region, credentials, maxAttempts: 1 });
  const track = <T extends { destroy(): void }>(client: T): T => {
    clients.push(client);
    return client;
  };
  const sts = (credentials: AccessKeys) => track(new STSClient(config(credentials)));
  /** A role's credentials the way a developer gets them: sts:AssumeRole with the admin keys. */
  async function assume(step: 'plan' | 'render' | 'encode', session: string): Promise<AccessKeys> {
    const { Credentials } = await sts(secure.stack.credentials).send(new AssumeRoleCommand({ RoleArn: secure.stack.jobRoleArns[step], RoleSessionName: session }));
    return { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken! };
  }

  beforeAll(async () => {
    secure = await startSecureStack();
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await secure.close();
  });

  it('answers GetCallerIdentity and AssumeRole for the job roles, with the SDK', async () => {
    const admin = await sts(secure.stack.credentials).send(new GetCallerIdentityCommand({}));
    expect(admin).toMatchObject({ Account: '000000000000', Arn: 'arn:aws:iam::000000000000:user/framefarm-local-admin' });
    expect(secure.stack.jobRoleArns.render).toBe('arn:aws:iam::000000000000:role/framefarm-render-job-role');
    const render = await assume('render', 'dev-session');
    expect(render.accessKeyId).toMatch(/^ASIA/);
    const me = await sts(render).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe('arn:aws:sts::000000000000:assumed-role/framefarm-render-job-role/dev-session');
    expect(me.UserId).toMatch(/^AROA[0-9A-F]+:dev-session$/);
  });

  it('refuses AssumeRole of a role the stack does not have, and job roles may not assume roles', async () => {
    await expect(sts(secure.stack.credentials).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::000000000000:role/admin', RoleSessionName: 'x1' }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    const encode = await assume('encode', 'e1');
    await expect(sts(encode).send(new AssumeRoleCommand({ RoleArn: secure.stack.jobRoleArns.plan, RoleSessionName: 'x2' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: denial('framefarm-encode-job-role', 'e1', 'sts:AssumeRole', secure.stack.jobRoleArns.plan),
    });
  });

  it('render writes only under its run\'s chunk prefix', async () => {
    const s3 = track(new S3Client({ ...config(await assume('render', 'r1')), forcePathStyle: true }));
    await expect(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'runs/run-1/chunks/00000.ts', Body: 'segment', Tagging: 'framefarm-lifecycle=intermediate' }))).resolves.toBeDefined();
    await expect(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'runs/run-1/video.mp4', Body: 'not mine' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
      message: denial('framefarm-render-job-role', 'r1', 's3:PutObject', `arn:aws:s3:::${BUCKET}/runs/run-1/video.mp4`),
    });
  });

  it('plan may not delete objects', async () => {
    const s3 = track(new S3Client({ ...config(await assume('plan', 'p1')), forcePathStyle: true }));
    await expect(s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'runs/run-1/chunks/00000.ts' }))).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('encode may not submit jobs; plan may submit render jobs but not plan jobs', async () => {
    const render = jobSpec('render', LOCAL_RESOURCES.prefix);
    const encodeBatch = track(new BatchClient(config(await assume('encode', 'e2'))));
    await expect(encodeBatch.send(new SubmitJobCommand({ jobName: 'sneaky', jobQueue: render.jobQueueName, jobDefinition: render.jobDefinitionName }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
      message: denial('framefarm-encode-job-role', 'e2', 'batch:SubmitJob', `arn:aws:batch:${secure.stack.region}:000000000000:job-queue/${render.jobQueueName}`),
    });
    const planBatch = track(new BatchClient(config(await assume('plan', 'p2'))));
    await expect(planBatch.send(new SubmitJobCommand({ jobName: 'render', jobQueue: render.jobQueueName, jobDefinition: render.jobDefinitionName }))).resolves.toMatchObject({ jobId: expect.any(String) });
    const plan = jobSpec('plan', LOCAL_RESOURCES.prefix);
    await expect(planBatch.send(new SubmitJobCommand({ jobName: 'again', jobQueue: plan.jobQueueName, jobDefinition: plan.jobDefinitionName }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
  });

  it('items: only RUN# partitions, as the dynamodb:LeadingKeys condition says', async () => {
    const db = track(new DynamoDBClient(config(await assume('render', 'r2'))));
    await expect(db.send(new GetItemCommand({ TableName: LOCAL_RESOURCES.table, Key: { pk: { S: 'RUN#run-1' }, sk: { S: 'RUN' } } }))).resolves.toBeDefined();
    await expect(db.send(new GetItemCommand({ TableName: LOCAL_RESOURCES.table, Key: { pk: { S: 'USER#someone' }, sk: { S: 'RUN' } } }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
  });

  it('a job runs with its definition\'s job role, and without one it has no credentials', async () => {
    const batch = track(new BatchClient(config(secure.stack.credentials)));
    const logs = track(new CloudWatchLogsClient(config(secure.stack.credentials)));
    const script = "console.log('identity ' + (process.env.AWS_ACCESS_KEY_ID ?? 'none').slice(0, 4) + ' ' + (process.env.AWS_SESSION_TOKEN ? 'token' : 'no-token'))";
    const plan = jobSpec('plan', LOCAL_RESOURCES.prefix);
    const output = async (jobDefinition: string): Promise<string[]> => {
      const { jobId } = await batch.send(new SubmitJobCommand({ jobName: 'who-am-i', jobQueue: plan.jobQueueName, jobDefinition, containerOverrides: { command: [process.execPath, '-e', script] } }));
      for (;;) {
        const { jobs = [] } = await batch.send(new DescribeJobsCommand({ jobs: [jobId!] }));
        if (jobs[0]?.stoppedAt !== undefined) {
          const { events = [] } = await logs.send(new GetLogEventsCommand({ logGroupName: '/aws/batch/job', logStreamName: jobs[0].container?.logStreamName, startFromHead: true }));
          return events.map((e) => e.message ?? '');
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    expect(await output(plan.jobDefinitionName)).toContain('identity ASIA token');
    expect(await output(SHELL_JOB_DEFINITION)).toContain('identity none no-token');
    expect(() => secure.stack.roleCredentials('arn:aws:iam::000000000000:role/nobody', 'x')).toThrow('is not a role of this stack');
  });
});
