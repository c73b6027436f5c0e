import { BatchClient, JobDetail, JobStatus, JobSummary, ListJobsCommand } from '@aws-sdk/client-batch';
import { describeJobs } from './describe-jobs';
import { childJobId } from './job-env';

/** The children of an array job (in the given status, or all), every page of ListJobs. */
export async function listArrayChildren(client: Pick<BatchClient, 'send'>, arrayJobId: string, status?: JobStatus): Promise<JobSummary[]> {
  const children: JobSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListJobsCommand({ arrayJobId, ...(status ? { jobStatus: status } : {}), nextToken }));
    children.push(...(page.jobSummaryList ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return children.sort((a, b) => (a.arrayProperties?.index ?? 0) - (b.arrayProperties?.index ?? 0));
}

/** Every child of an array parent, by index: Batch names them `<parent>:<index>` (childJobId). */
export async function describeArrayChildren(client: Pick<BatchClient, 'send'>, parent: JobDetail): Promise<JobDetail[]> {
  const size = parent.arrayProperties?.index === undefined ? (parent.arrayProperties?.size ?? 0) : 0;
  if (!parent.jobId || size === 0) return [];
  const ids = Array.from({ length: size }, (_, index) => childJobId(parent.jobId!, index));
  const found = await describeJobs(client, ids);
  return ids.map((id) => found.get(id)).filter((job): job is JobDetail => job !== undefined);
}
