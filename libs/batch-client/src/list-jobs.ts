import { BatchClient, JobDetail, JobStatus, JobSummary, ListJobsCommand, ListJobsCommandInput } from '@aws-sdk/client-batch';
import { describeJobs } from './describe-jobs';
import { childJobId } from './job-env';

/** Every page of one ListJobs query. */
async function listAllJobs(client: Pick<BatchClient, 'send'>, input: ListJobsCommandInput): Promise<JobSummary[]> {
  const jobs: JobSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListJobsCommand({ ...input, nextToken }));
    jobs.push(...(page.jobSummaryList ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return jobs;
}

/** The children of an array job (in the given status, or all), every page of ListJobs. */
export async function listArrayChildren(client: Pick<BatchClient, 'send'>, arrayJobId: string, status?: JobStatus): Promise<JobSummary[]> {
  const children = await listAllJobs(client, { arrayJobId, ...(status ? { jobStatus: status } : {}) });
  return children.sort((a, b) => (a.arrayProperties?.index ?? 0) - (b.arrayProperties?.index ?? 0));
}

/** A queue's jobs in one status (array parents, not their children), every page of ListJobs. */
export function listQueueJobs(client: Pick<BatchClient, 'send'>, jobQueue: string, status: JobStatus): Promise<JobSummary[]> {
  return listAllJobs(client, { jobQueue, jobStatus: status });
}

/** Every child of an array parent, by index: Batch names them `<parent>:<index>` (childJobId). */
export async function describeArrayChildren(client: Pick<BatchClient, 'send'>, parent: JobDetail): Promise<JobDetail[]> {
  const size = parent.arrayProperties?.index === undefined ? (parent.arrayProperties?.size ?? 0) : 0;
  if (!parent.jobId || size === 0) return [];
  const ids = Array.from({ length: size }, (_, index) => childJobId(parent.jobId!, index));
  const found = await describeJobs(client, ids);
  return ids.map((id) => found.get(id)).filter((job): job is JobDetail => job !== undefined);
}
