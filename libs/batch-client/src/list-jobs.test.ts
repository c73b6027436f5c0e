import { BatchClient, ListJobsCommand, type ListJobsCommandInput } from '@aws-sdk/client-batch';
import { mockClient } from 'aws-sdk-client-mock';
import { listArrayChildren, listQueueJobs } from './list-jobs';

const batch = mockClient(BatchClient);
const client = new BatchClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });

/** ListJobs in pages of two, as Batch pages (its page size is its own choice). */
function pagedListJobs(ids: string[]): void {
  batch.on(ListJobsCommand).callsFake((input: ListJobsCommandInput) => {
    const start = Number(input.nextToken ?? 0);
    const page = ids.slice(start, start + 2).map((jobId) => ({ jobId, jobName: 'j', arrayProperties: jobId.includes(':') ? { index: Number(jobId.split(':')[1]) } : undefined }));
    return { jobSummaryList: page, ...(start + 2 < ids.length ? { nextToken: String(start + 2) } : {}) };
  });
}

beforeEach(() => batch.reset());

describe('ListJobs, every page', () => {
  it("lists a queue's jobs in one status across pages", async () => {
    pagedListJobs(['a', 'b', 'c', 'd', 'e']);
    const jobs = await listQueueJobs(client, 'q', 'RUNNABLE');
    expect(jobs.map((j) => j.jobId)).toEqual(['a', 'b', 'c', 'd', 'e']);
    const inputs = batch.commandCalls(ListJobsCommand).map((call) => call.args[0].input);
    expect(inputs).toHaveLength(3);
    expect(inputs.every((input) => input.jobQueue === 'q' && input.jobStatus === 'RUNNABLE')).toBe(true);
  });

  it("lists an array's children across pages, by index", async () => {
    pagedListJobs(['p:2', 'p:0', 'p:1']);
    expect((await listArrayChildren(client, 'p')).map((j) => j.jobId)).toEqual(['p:0', 'p:1', 'p:2']);
  });
});
