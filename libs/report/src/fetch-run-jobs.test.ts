import { BatchClient, DescribeJobsCommand } from '@aws-sdk/client-batch';
import { mockClient } from 'aws-sdk-client-mock';
import { fetchRunJobs } from './fetch-run-jobs';

describe('fetchRunJobs', () => {
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
    const jobs = await fetchRunJobs(new BatchClient({ region: 'us-east-1' }), { planJobId: 'plan', renderJobId: 'render', encodeJobId: 'encode' });
    expect(jobs.plan?.jobId).toBe('plan');
    expect(jobs.encode?.jobId).toBe('encode');
    expect(jobs.renderArray?.arrayProperties?.size).toBe(250);
    expect(jobs.renderChildren.map((job) => job.jobId)).toEqual(Array.from({ length: 250 }, (_, i) => `render:${i}`));
    const calls = batch.commandCalls(DescribeJobsCommand).map((call) => call.args[0].input.jobs?.length);
    expect(calls).toEqual([3, 100, 100, 50]);
    batch.restore();
  });

  it('copes with a run that has only its plan job so far', async () => {
    const batch = mockClient(BatchClient);
    batch.on(DescribeJobsCommand).resolves({ jobs: [{ jobId: 'plan', jobName: 'p', status: 'RUNNING' } as never] });
    const jobs = await fetchRunJobs(new BatchClient({ region: 'us-east-1' }), { planJobId: 'plan' });
    expect(jobs).toEqual({ plan: expect.objectContaining({ jobId: 'plan' }), renderArray: undefined, renderChildren: [], encode: undefined });
    batch.restore();
  });
});
