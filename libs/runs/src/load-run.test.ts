import { BatchClient, DescribeJobsCommand } from '@aws-sdk/client-batch';
import { mockClient } from 'aws-sdk-client-mock';
import { RunRecord } from '@framefarm/run-store';
import { checkRunId, loadRunJobs, requireRun } from './load-run';

const store = { records: { table: 't', getRun: async (): Promise<RunRecord | undefined> => undefined, listChunks: async () => [] } };
const sources = { batch: new BatchClient({ region: 'us-east-1' }), store };

describe('loading a run', () => {
  it('describes plan, the render array and encode, then every child in calls of at most 100', async () => {
    const batch = mockClient(BatchClient);
    batch.on(DescribeJobsCommand).callsFake((input: { jobs: string[] }) => ({
      jobs: input.jobs.map((jobId) => ({
        jobId,
        jobName: jobId.split(':')[0],
        status: 'SUCCEEDED',
        ...(jobId === 'render' ? { arrayProperties: { size: 250 } } : {}),
        ...(jobId.includes(':') ? { arrayProperties: { index: Number(jobId.split(':')[1]) } } : {}),
      })),
    }));
    const jobs = await loadRunJobs(sources, 'r1', { planJobId: 'plan', renderJobId: 'render', encodeJobId: 'encode' });
    expect(jobs.plan?.jobId).toBe('plan');
    expect(jobs.encode?.jobId).toBe('encode');
    expect(jobs.render?.arrayProperties?.size).toBe(250);
    expect(jobs.renderChildren.map((job) => job.jobId)).toEqual(Array.from({ length: 250 }, (_, i) => `render:${i}`));
    const calls = batch.commandCalls(DescribeJobsCommand).map((call) => call.args[0].input.jobs?.length);
    expect(calls).toEqual([3, 100, 100, 50]);
    batch.restore();
  });

  it('copes with a run that has only its plan job so far', async () => {
    const batch = mockClient(BatchClient);
    batch.on(DescribeJobsCommand).resolves({ jobs: [{ jobId: 'plan', jobName: 'p', status: 'RUNNING' } as never] });
    const jobs = await loadRunJobs(sources, 'r1', { planJobId: 'plan' });
    expect(jobs).toEqual({ plan: expect.objectContaining({ jobId: 'plan' }), render: undefined, renderChildren: [], encode: undefined, record: undefined, chunks: [] });
    batch.restore();
  });

  it('checks a run id with the run-id rule before asking anyone', async () => {
    expect(() => checkRunId('r'.repeat(5000))).toThrow(/is not a run id: a run id is 1–64 letters, digits, - or _/);
    expect(() => checkRunId('r'.repeat(5000))).toThrow(/\(5000 characters\)/);
    await expect(requireRun(sources, 'no such run')).rejects.toMatchObject({ name: 'RunNotFoundError' });
    await expect(requireRun(sources, 'r2')).rejects.toThrow('no run r2 in table t');
  });
});
