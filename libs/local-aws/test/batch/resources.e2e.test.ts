import {
  CreateComputeEnvironmentCommand,
  CreateJobQueueCommand,
  DeleteComputeEnvironmentCommand,
  DeleteJobQueueCommand,
  DeregisterJobDefinitionCommand,
  DescribeComputeEnvironmentsCommand,
  DescribeJobDefinitionsCommand,
  DescribeJobQueuesCommand,
  ListTagsForResourceCommand,
  SubmitJobCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateComputeEnvironmentCommand,
  UpdateJobQueueCommand,
} from '@aws-sdk/client-batch';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createQueue, describeOne, type Harness, shellDefinition, startHarness, waitFinished, waitFor } from './harness';

const ARN = 'arn:aws:batch:us-east-1:123456789012';

describe('capacity, priorities and resources', () => {
  let h: Harness;
  const marker = (name: string) => join(h.dir, `marker-${name}`);
  /** A script that creates its own marker, then waits (bounded) for another one. */
  const handshake = (mine: string, other: string) => `touch ${marker(mine)}; for i in $(seq 400); do [ -f ${marker(other)} ] && exit 0; sleep 0.025; done; exit 7`;
  const submit = async (queue: string, definition: string, command?: string, extra: object = {}) =>
    (
      await h.client.send(
        new SubmitJobCommand({ jobName: 'j', jobQueue: queue, jobDefinition: definition, containerOverrides: command ? { command: ['sh', '-c', command] } : undefined, ...extra }),
      )
    ).jobId as string;

  beforeAll(async () => {
    h = await startHarness({ defaultCapacity: { vcpus: 8, memoryMiB: 8192 } });
    await shellDefinition(h.client, 'one-cpu', 'true');
    await shellDefinition(h.client, 'half-cpu', 'true', {
      containerProperties: { image: 'x', command: ['true'], resourceRequirements: [{ type: 'VCPU', value: '0.5' }, { type: 'MEMORY', value: '64' }] },
    });
  });
  afterAll(() => h.close());

  it('never runs more vCPUs than the environment has', async () => {
    await createQueue(h.client, 'narrow', { maxvCpus: 1 });
    const ids = [await submit('narrow', 'one-cpu', 'sleep 0.05'), await submit('narrow', 'one-cpu', 'sleep 0.05'), await submit('narrow', 'one-cpu', 'sleep 0.05')];
    const jobs = [];
    for (const id of ids) jobs.push(await waitFinished(h.client, id));
    const spans = jobs.map((j) => [j.startedAt as number, j.stoppedAt as number]).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1]);
  });

  it('fits two half-vCPU jobs side by side where one vCPU job fits', async () => {
    const a = await submit('narrow', 'half-cpu', handshake('half-a', 'half-b'));
    const b = await submit('narrow', 'half-cpu', handshake('half-b', 'half-a'));
    const third = await submit('narrow', 'one-cpu', 'true');
    const [ja, jb, jc] = [await waitFinished(h.client, a), await waitFinished(h.client, b), await waitFinished(h.client, third)];
    expect([ja.status, jb.status, jc.status]).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    expect(jc.startedAt as number).toBeGreaterThanOrEqual(Math.max(ja.stoppedAt as number, jb.stoppedAt as number));
  });

  it('serves the higher-priority queue first', async () => {
    await h.client.send(new CreateComputeEnvironmentCommand({ computeEnvironmentName: 'shared', type: 'MANAGED', computeResources: { type: 'EC2', maxvCpus: 1, subnets: [] } }));
    await h.client.send(new CreateJobQueueCommand({ jobQueueName: 'low', priority: 1, computeEnvironmentOrder: [{ order: 1, computeEnvironment: 'shared' }] }));
    await h.client.send(new CreateJobQueueCommand({ jobQueueName: 'high', priority: 10, computeEnvironmentOrder: [{ order: 1, computeEnvironment: `${ARN}:compute-environment/shared` }] }));
    const blocker = await submit('low', 'one-cpu', handshake('blocker', 'go'));
    await waitFor(h.client, blocker, (j) => j.status === 'RUNNING');
    const low = await submit('low', 'one-cpu', 'true');
    const high = await submit('high', 'one-cpu', 'true');
    await waitFor(h.client, high, (j) => j.status === 'RUNNABLE');
    writeFileSync(marker('go'), '');
    const [jl, jh] = [await waitFinished(h.client, low), await waitFinished(h.client, high)];
    expect(jl.startedAt as number).toBeGreaterThanOrEqual(jh.stoppedAt as number);
  });

  it('places jobs on the compute environments in order', async () => {
    for (const name of ['first', 'second']) {
      await h.client.send(new CreateComputeEnvironmentCommand({ computeEnvironmentName: name, type: 'MANAGED', computeResources: { type: 'EC2', maxvCpus: 1, subnets: [] } }));
    }
    await h.client.send(
      new CreateJobQueueCommand({ jobQueueName: 'ordered', priority: 1, computeEnvironmentOrder: [{ order: 2, computeEnvironment: 'second' }, { order: 1, computeEnvironment: 'first' }] }),
    );
    const a = await submit('ordered', 'one-cpu', `echo $AWS_BATCH_CE_NAME; ${handshake('ce-a', 'ce-b')}`);
    await waitFor(h.client, a, (j) => j.status === 'RUNNING');
    const b = await submit('ordered', 'one-cpu', `echo $AWS_BATCH_CE_NAME; ${handshake('ce-b', 'ce-a')}`);
    const ce = async (id: string) => h.logStore.read('/aws/batch/job', (await waitFinished(h.client, id)).container?.logStreamName as string)[0]?.message;
    expect([await ce(a), await ce(b)]).toEqual(['first', 'second']);
  });

  it('parks a job no environment can hold without blocking its queue, and runs it once one can', async () => {
    await createQueue(h.client, 'small', { maxvCpus: 1 });
    const big = await submit('small', 'one-cpu', 'true', { containerOverrides: { command: ['true'], resourceRequirements: [{ type: 'VCPU', value: '2' }] } });
    const parked = await waitFor(h.client, big, (j) => (j.statusReason ?? '').startsWith('MISCONFIGURATION'));
    expect(parked.status).toBe('RUNNABLE');
    expect((await waitFinished(h.client, await submit('small', 'one-cpu', 'true'))).status).toBe('SUCCEEDED');
    expect((await describeOne(h.client, big)).status).toBe('RUNNABLE');
    await h.client.send(new UpdateComputeEnvironmentCommand({ computeEnvironment: 'small-ce', computeResources: { maxvCpus: 2 } }));
    expect((await waitFinished(h.client, big)).status).toBe('SUCCEEDED');
  });

  it('describes, updates and deletes compute environments and queues as AWS allows', async () => {
    await createQueue(h.client, 'crud');
    const ces = await h.client.send(new DescribeComputeEnvironmentsCommand({ computeEnvironments: ['crud-ce'] }));
    expect(ces.computeEnvironments?.[0]).toMatchObject({
      computeEnvironmentArn: `${ARN}:compute-environment/crud-ce`,
      type: 'MANAGED',
      state: 'ENABLED',
      status: 'VALID',
      computeResources: { maxvCpus: 4 },
    });
    const queues = await h.client.send(new DescribeJobQueuesCommand({ jobQueues: [`${ARN}:job-queue/crud`] }));
    expect(queues.jobQueues?.[0]).toMatchObject({ jobQueueName: 'crud', priority: 1, state: 'ENABLED', computeEnvironmentOrder: [{ order: 1, computeEnvironment: `${ARN}:compute-environment/crud-ce` }] });
    await expect(h.client.send(new CreateJobQueueCommand({ jobQueueName: 'crud', priority: 1, computeEnvironmentOrder: [{ order: 1, computeEnvironment: 'crud-ce' }] }))).rejects.toMatchObject({ message: expect.stringContaining('already exists') });
    await expect(h.client.send(new CreateJobQueueCommand({ jobQueueName: 'x', priority: 1, computeEnvironmentOrder: [{ order: 1, computeEnvironment: 'ghost' }] }))).rejects.toMatchObject({ message: 'compute environment ghost does not exist' });
    await expect(h.client.send(new DeleteJobQueueCommand({ jobQueue: 'crud' }))).rejects.toMatchObject({ message: expect.stringContaining('disable it first') });
    await h.client.send(new UpdateComputeEnvironmentCommand({ computeEnvironment: 'crud-ce', state: 'DISABLED' }));
    await expect(h.client.send(new DeleteComputeEnvironmentCommand({ computeEnvironment: 'crud-ce' }))).rejects.toMatchObject({ message: expect.stringContaining('found existing JobQueue relationship') });
    await h.client.send(new UpdateJobQueueCommand({ jobQueue: 'crud', state: 'DISABLED', priority: 5 }));
    await expect(submit('crud', 'one-cpu')).rejects.toMatchObject({ message: expect.stringContaining('DISABLED') });
    await h.client.send(new DeleteJobQueueCommand({ jobQueue: 'crud' }));
    await h.client.send(new DeleteComputeEnvironmentCommand({ computeEnvironment: 'crud-ce' }));
    expect((await h.client.send(new DescribeJobQueuesCommand({ jobQueues: ['crud'] }))).jobQueues).toEqual([]);
    expect((await h.client.send(new DescribeComputeEnvironmentsCommand({ computeEnvironments: ['crud-ce'] }))).computeEnvironments).toEqual([]);
  });

  it('keeps job definition revisions and refuses INACTIVE ones', async () => {
    await createQueue(h.client, 'defs');
    const r1 = await shellDefinition(h.client, 'versioned', 'exit 1');
    const r2 = await shellDefinition(h.client, 'versioned', 'exit 0');
    expect([r1, r2]).toEqual([`${ARN}:job-definition/versioned:1`, `${ARN}:job-definition/versioned:2`]);
    await h.client.send(new DeregisterJobDefinitionCommand({ jobDefinition: 'versioned:2' }));
    const all = await h.client.send(new DescribeJobDefinitionsCommand({ jobDefinitionName: 'versioned' }));
    expect(all.jobDefinitions?.map((d) => [d.revision, d.status])).toEqual([[1, 'ACTIVE'], [2, 'INACTIVE']]);
    const active = await h.client.send(new DescribeJobDefinitionsCommand({ jobDefinitions: ['versioned'], status: 'ACTIVE' }));
    expect(active.jobDefinitions?.map((d) => d.revision)).toEqual([1]);
    const latest = await waitFinished(h.client, await submit('defs', 'versioned'));
    expect(latest.jobDefinition).toBe(r1);
    await expect(submit('defs', r2)).rejects.toMatchObject({ message: expect.stringContaining('INACTIVE') });
  });

  it('tags queues and jobs', async () => {
    const queueArn = await createQueue(h.client, 'tagged');
    await h.client.send(new TagResourceCommand({ resourceArn: queueArn, tags: { team: 'render', tier: 'gold' } }));
    await h.client.send(new UntagResourceCommand({ resourceArn: queueArn, tagKeys: ['tier'] }));
    expect((await h.client.send(new ListTagsForResourceCommand({ resourceArn: queueArn }))).tags).toEqual({ team: 'render' });
    const jobId = await submit('tagged', 'one-cpu', 'true', { tags: { run: 'r1' } });
    const jobArn = `${ARN}:job/${jobId}`;
    await h.client.send(new TagResourceCommand({ resourceArn: jobArn, tags: { extra: 'yes' } }));
    expect((await h.client.send(new ListTagsForResourceCommand({ resourceArn: jobArn }))).tags).toEqual({ run: 'r1', extra: 'yes' });
    expect((await describeOne(h.client, jobId)).tags).toEqual({ run: 'r1', extra: 'yes' });
    await expect(h.client.send(new ListTagsForResourceCommand({ resourceArn: `${ARN}:job/nope` }))).rejects.toMatchObject({ name: 'ClientException' });
  });
});
