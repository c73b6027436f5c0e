import { BatchClient, DescribeJobsCommand } from '@aws-sdk/client-batch';
import { BatchJob, RunJobs } from './run-input';

export interface RunJobIds {
  planJobId?: string;
  /** The render array job (parent). */
  renderJobId?: string;
  encodeJobId?: string;
}

/** DescribeJobs takes at most 100 ids per call. */
const DESCRIBE_LIMIT = 100;

/**
 * Fetches a run's jobs from Batch: plan, the render array and encode by id, then the array's
 * children, whose ids Batch defines as `<arrayId>:<index>` for every index below the array size.
 */
export async function fetchRunJobs(batch: Pick<BatchClient, 'send'>, ids: RunJobIds): Promise<RunJobs> {
  const top = await describeJobs(batch, [ids.planJobId, ids.renderJobId, ids.encodeJobId].filter((id): id is string => Boolean(id)));
  const find = (id: string | undefined) => (id ? top.find((job) => job.jobId === id) : undefined);
  const renderArray = find(ids.renderJobId);
  const size = renderArray?.arrayProperties?.size ?? 0;
  const childIds = Array.from({ length: size }, (_, index) => `${ids.renderJobId}:${index}`);
  return {
    plan: find(ids.planJobId),
    renderArray,
    renderChildren: await describeJobs(batch, childIds),
    encode: find(ids.encodeJobId),
  };
}

async function describeJobs(batch: Pick<BatchClient, 'send'>, jobIds: string[]): Promise<BatchJob[]> {
  const jobs: BatchJob[] = [];
  for (let i = 0; i < jobIds.length; i += DESCRIBE_LIMIT) {
    const { jobs: page } = await batch.send(new DescribeJobsCommand({ jobs: jobIds.slice(i, i + DESCRIBE_LIMIT) }));
    jobs.push(...(page ?? []));
  }
  return jobs;
}
