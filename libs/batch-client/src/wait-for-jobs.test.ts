import { BatchClient, DescribeJobsCommand, DescribeJobsCommandInput, JobDetail, JobStatus } from '@aws-sdk/client-batch';
import { mockClient } from 'aws-sdk-client-mock';
import { JobNotFoundError, WaitAbortedError } from './errors';
import { waitForJobs, WaitProgress, watchJobs } from './wait-for-jobs';

const batch = mockClient(BatchClient);
const client = new BatchClient({ region: 'us-east-1' });

const detail = (jobId: string, status: JobStatus, extra: Partial<JobDetail> = {}): JobDetail => ({
  jobId,
  jobName: `name-${jobId}`,
  jobQueue: 'arn:q',
  jobDefinition: 'arn:d',
  status,
  startedAt: undefined,
  ...extra,
});

/** A fake clock and sleep: sleeping advances the clock, so tests never wait for real. */
function fakeTime() {
  let now = 1_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

const httpError = (name: string, status: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

beforeEach(() => batch.reset());

describe('waitForJobs', () => {
  it('describes 250 jobs in calls of 100, 100 and 50', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `job-${i}`);
    batch.on(DescribeJobsCommand).callsFake((input: DescribeJobsCommandInput) => ({
      jobs: (input.jobs ?? []).map((id) => detail(id, 'SUCCEEDED', { startedAt: 5, stoppedAt: 9, container: { exitCode: 0 } })),
    }));
    const result = await waitForJobs(client, ids, fakeTime());
    const calls = batch.commandCalls(DescribeJobsCommand).map((c) => c.args[0].input.jobs ?? []);
    expect(calls.map((c) => c.length)).toEqual([100, 100, 50]);
    expect(calls.flat()).toEqual(ids);
    expect(result.succeeded).toBe(true);
    expect(result.jobs).toHaveLength(250);
  });

  it('polls until every job stops, reporting progress and each final state', async () => {
    const polls: JobStatus[][] = [
      ['RUNNABLE', 'PENDING'],
      ['RUNNING', 'PENDING'],
      ['SUCCEEDED', 'PENDING'],
      ['SUCCEEDED', 'FAILED'],
    ];
    let poll = 0;
    batch.on(DescribeJobsCommand).callsFake((input: DescribeJobsCommandInput) => {
      const statuses = polls[poll++];
      const all = [
        detail('a', statuses[0], statuses[0] === 'SUCCEEDED' ? { createdAt: 1, startedAt: 2, stoppedAt: 3, container: { exitCode: 0 } } : {}),
        detail('b', statuses[1], statuses[1] === 'FAILED' ? { statusReason: 'Essential container in task exited', stoppedAt: 4, attempts: [{ container: { exitCode: 3 } }] } : {}),
      ];
      return { jobs: all.filter((j) => input.jobs?.includes(j.jobId ?? '')) };
    });
    const time = fakeTime();
    const progress: WaitProgress[] = [];
    const result = await waitForJobs(client, ['a', 'b'], { ...time, pollIntervalMs: 2_000, onProgress: (p) => progress.push(p) });

    expect(progress.map((p) => p.counts)).toEqual([{ RUNNABLE: 1, PENDING: 1 }, { RUNNING: 1, PENDING: 1 }, { SUCCEEDED: 1, PENDING: 1 }, { SUCCEEDED: 1, FAILED: 1 }]);
    expect(progress.map((p) => p.changed)).toEqual([['a', 'b'], ['a'], ['a'], ['b']]);
    expect(progress.map((p) => p.finished)).toEqual([0, 0, 1, 2]);
    expect(progress.map((p) => p.elapsedMs)).toEqual([0, 2_000, 4_000, 6_000]);
    expect(time.sleeps).toEqual([2_000, 2_000, 2_000]);
    // Finished jobs are not described again.
    expect(batch.commandCalls(DescribeJobsCommand)[3].args[0].input.jobs).toEqual(['b']);

    expect(result.succeeded).toBe(false);
    expect(result.byId.a).toEqual({ jobId: 'a', jobName: 'name-a', status: 'SUCCEEDED', exitCode: 0, createdAt: 1, startedAt: 2, stoppedAt: 3, attempts: 0, finished: true });
    expect(result.failed).toEqual([
      { jobId: 'b', jobName: 'name-b', status: 'FAILED', statusReason: 'Essential container in task exited', exitCode: 3, stoppedAt: 4, attempts: 1, finished: true },
    ]);
  });

  it('summarises an array job by its children', async () => {
    batch
      .on(DescribeJobsCommand)
      .resolvesOnce({ jobs: [detail('arr', 'PENDING', { arrayProperties: { size: 5, statusSummary: { RUNNING: 2, SUCCEEDED: 3 } } })] })
      .resolves({ jobs: [detail('arr', 'SUCCEEDED', { stoppedAt: 10, arrayProperties: { size: 5, statusSummary: { SUCCEEDED: 5 } } })] });
    const progress: WaitProgress[] = [];
    const result = await waitForJobs(client, ['arr'], { ...fakeTime(), onProgress: (p) => progress.push(p) });
    expect(progress[0].jobs[0].array).toEqual({ size: 5, statusSummary: { RUNNING: 2, SUCCEEDED: 3 } });
    expect(progress[0].childCounts).toEqual({ RUNNING: 2, SUCCEEDED: 3 });
    expect(result.byId.arr).toMatchObject({ status: 'SUCCEEDED', array: { size: 5, statusSummary: { SUCCEEDED: 5 } } });
    expect(result.byId.arr.exitCode).toBeUndefined();
  });

  it('does not retry a client error', async () => {
    batch.on(DescribeJobsCommand).rejects(httpError('ClientException', 400));
    await expect(waitForJobs(client, ['a'], fakeTime())).rejects.toThrow('ClientException');
    expect(batch.commandCalls(DescribeJobsCommand)).toHaveLength(1);
  });

  it('reports ids Batch never returns as not found after the allowed misses', async () => {
    batch.on(DescribeJobsCommand).resolves({ jobs: [detail('a', 'RUNNING')] });
    const failure = waitForJobs(client, ['a', 'ghost'], { ...fakeTime(), missingPolls: 2 });
    await expect(failure).rejects.toThrow(JobNotFoundError);
    await expect(failure).rejects.toMatchObject({ jobIds: ['ghost'] });
    expect(batch.commandCalls(DescribeJobsCommand)).toHaveLength(2);
  });

  it('stops when the signal aborts', async () => {
    batch.on(DescribeJobsCommand).resolves({ jobs: [detail('a', 'RUNNING')] });
    const controller = new AbortController();
    const time = fakeTime();
    const failure = waitForJobs(client, ['a'], {
      ...time,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.poll === 2) controller.abort();
      },
    });
    await expect(failure).rejects.toThrow(WaitAbortedError);
    expect(batch.commandCalls(DescribeJobsCommand)).toHaveLength(2);
  });

  it('can be consumed as an async iterator', async () => {
    batch.on(DescribeJobsCommand).resolvesOnce({ jobs: [detail('a', 'RUNNING')] }).resolves({ jobs: [detail('a', 'SUCCEEDED')] });
    const seen: string[] = [];
    for await (const p of watchJobs(client, ['a'], fakeTime())) seen.push(p.jobs[0].status);
    expect(seen).toEqual(['RUNNING', 'SUCCEEDED']);
  });
});
