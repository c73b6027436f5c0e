import { CancelJobCommand, CreateComputeEnvironmentCommand, CreateJobQueueCommand, SubmitJobCommand, TerminateJobCommand } from '@aws-sdk/client-batch';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createQueue, describe as describeJobs, describeOne, type Harness, shellDefinition, startHarness, waitFinished, waitFor } from './harness';

/** Polls (bounded) until the pid is gone or a zombie. */
async function processGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    try {
      if (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z')) return true;
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

/** Polls (bounded) until the job has written the file. */
async function fileWritten(path: string): Promise<boolean> {
  for (let i = 0; i < 500; i++) {
    if (existsSync(path) && readFileSync(path, 'utf8').endsWith('\n')) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

describe('CancelJob and TerminateJob', () => {
  let h: Harness;
  let release: string;
  beforeAll(async () => {
    h = await startHarness({ stopGraceSeconds: 1 });
    release = join(h.dir, 'release');
    await createQueue(h.client, 'live', { maxvCpus: 4 });
    // a queue whose only environment is DISABLED: its jobs stay RUNNABLE
    await h.client.send(
      new CreateComputeEnvironmentCommand({ computeEnvironmentName: 'off', type: 'MANAGED', state: 'DISABLED', computeResources: { type: 'EC2', maxvCpus: 4, subnets: [] } }),
    );
    await h.client.send(new CreateJobQueueCommand({ jobQueueName: 'stuck', priority: 1, computeEnvironmentOrder: [{ order: 1, computeEnvironment: 'off' }] }));
    await shellDefinition(h.client, 'hold', `for i in $(seq 400); do [ -f ${release} ] && exit 0; sleep 0.025; done; exit 9`, { retryStrategy: { attempts: 3 } });
    await shellDefinition(h.client, 'ok', 'true');
  });
  afterAll(async () => {
    writeFileSync(release, '');
    await h.close();
  });

  const submit = async (name: string, queue: string, definition: string, extra: object = {}) =>
    (await h.client.send(new SubmitJobCommand({ jobName: name, jobQueue: queue, jobDefinition: definition, ...extra }))).jobId as string;

  it('cancels RUNNABLE and PENDING jobs with the given reason', async () => {
    const runnable = await submit('runnable', 'stuck', 'ok');
    const waiting = await waitFor(h.client, runnable, (j) => j.status === 'RUNNABLE');
    expect(waiting.statusReason).toBeUndefined(); // a disabled environment is no misconfiguration
    const pending = await submit('pending', 'stuck', 'ok', { dependsOn: [{ jobId: runnable }] });
    await waitFor(h.client, pending, (j) => j.status === 'PENDING');
    await h.client.send(new CancelJobCommand({ jobId: pending, reason: 'not needed' }));
    await h.client.send(new CancelJobCommand({ jobId: runnable, reason: 'changed my mind' }));
    const [p, r] = await describeJobs(h.client, [pending, runnable]);
    expect(p).toMatchObject({ status: 'FAILED', statusReason: 'not needed', isCancelled: true, isTerminated: false });
    expect(r).toMatchObject({ status: 'FAILED', statusReason: 'changed my mind', isCancelled: true, attempts: [] });
    expect(p.stoppedAt).toBeDefined();
  });

  it('leaves a RUNNING job alone on CancelJob', async () => {
    const id = await submit('running', 'live', 'ok', { containerOverrides: { command: ['sh', '-c', `until [ -f ${release}-a ]; do sleep 0.02; done`] } });
    await waitFor(h.client, id, (j) => j.status === 'RUNNING');
    await h.client.send(new CancelJobCommand({ jobId: id, reason: 'too late' }));
    expect((await describeOne(h.client, id)).status).toBe('RUNNING');
    writeFileSync(`${release}-a`, '');
    const done = await waitFinished(h.client, id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', isCancelled: false });
  });

  it('terminates a RUNNING job: the process group is stopped and the job is not retried', async () => {
    const pidFile = join(h.dir, 'grandchild.pid');
    const id = await submit('victim', 'live', 'hold', {
      containerOverrides: { command: ['sh', '-c', `sleep 30 & echo $! > ${pidFile}; until [ -f ${release}-b ]; do sleep 0.02; done`] },
    });
    await waitFor(h.client, id, (j) => j.status === 'RUNNING');
    // RUNNING comes as the process starts: terminate once the grandchild it starts exists
    expect(await fileWritten(pidFile)).toBe(true);
    await h.client.send(new TerminateJobCommand({ jobId: id, reason: 'operator stop' }));
    const job = await waitFinished(h.client, id);
    expect(job).toMatchObject({ status: 'FAILED', statusReason: 'operator stop', isTerminated: true });
    expect(job.attempts).toHaveLength(1);
    expect(job.attempts?.[0].container?.exitCode).toBe(143);
    // the background grandchild dies with its process group
    expect(await processGone(Number(readFileSync(pidFile, 'utf8')))).toBe(true);
  });

  it('terminates jobs that have not started by cancelling them', async () => {
    const runnable = await submit('t-runnable', 'stuck', 'ok');
    await waitFor(h.client, runnable, (j) => j.status === 'RUNNABLE');
    const pending = await submit('t-pending', 'stuck', 'ok', { dependsOn: [{ jobId: runnable }] });
    await waitFor(h.client, pending, (j) => j.status === 'PENDING');
    await h.client.send(new TerminateJobCommand({ jobId: runnable, reason: 'cleanup' }));
    const [r, p] = await describeJobs(h.client, [runnable, pending]);
    expect(r).toMatchObject({ status: 'FAILED', statusReason: 'cleanup', isCancelled: true, isTerminated: true });
    // its dependent fails as a dependent
    const dependent = await waitFinished(h.client, p.jobId as string);
    expect(dependent.statusReason).toContain('Dependent Job failed');
  });

  it('changes nothing on a finished job', async () => {
    const id = await submit('finished', 'live', 'ok');
    const done = await waitFinished(h.client, id);
    await h.client.send(new CancelJobCommand({ jobId: id, reason: 'x' }));
    await h.client.send(new TerminateJobCommand({ jobId: id, reason: 'y' }));
    expect(await describeOne(h.client, id)).toEqual(done);
  });

  it('cancels the waiting children of an array parent', async () => {
    const id = await submit('array', 'stuck', 'ok', { arrayProperties: { size: 3 } });
    await waitFor(h.client, `${id}:2`, (j) => j.status === 'RUNNABLE');
    await h.client.send(new CancelJobCommand({ jobId: id, reason: 'array cancelled' }));
    const parent = await waitFinished(h.client, id);
    expect(parent).toMatchObject({ status: 'FAILED', statusReason: 'array cancelled', isCancelled: true });
    expect(parent.arrayProperties?.statusSummary).toMatchObject({ FAILED: 3, RUNNABLE: 0 });
    for (const child of await describeJobs(h.client, [0, 1, 2].map((i) => `${id}:${i}`))) {
      expect(child).toMatchObject({ status: 'FAILED', statusReason: 'array cancelled', isCancelled: true });
    }
  });

  it('terminates running children of an array parent', async () => {
    const id = await submit('running-array', 'live', 'hold', { arrayProperties: { size: 2 } });
    await waitFor(h.client, id, (j) => (j.arrayProperties?.statusSummary?.RUNNING ?? 0) === 2);
    await h.client.send(new TerminateJobCommand({ jobId: id, reason: 'stop all' }));
    const parent = await waitFinished(h.client, id);
    expect(parent).toMatchObject({ status: 'FAILED', isTerminated: true });
    for (const child of await describeJobs(h.client, [`${id}:0`, `${id}:1`])) {
      expect(child).toMatchObject({ status: 'FAILED', statusReason: 'stop all', isTerminated: true });
      expect(child.attempts).toHaveLength(1);
    }
  });

  it('requires jobId and reason and a known job', async () => {
    await expect(h.client.send(new CancelJobCommand({ jobId: 'nope', reason: 'r' }))).rejects.toMatchObject({ name: 'ClientException', message: 'job nope does not exist' });
    await expect(h.client.send(new TerminateJobCommand({ jobId: 'nope', reason: undefined as unknown as string }))).rejects.toMatchObject({ name: 'ClientException' });
  });
});
