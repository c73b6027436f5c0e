import { BatchClient, DescribeJobsCommand, JobDetail } from '@aws-sdk/client-batch';
import { BackoffOptions, isTransient, withBackoff } from './backoff';
import { MAX_DESCRIBE_JOBS } from './limits';

/**
 * DescribeJobs for any number of ids, 100 per call (Batch's limit), one call at a time so a
 * large wait does not trip the account's throttling. Throttling and 5xx are retried: reads are
 * safe to repeat. Ids Batch does not know are simply absent from the map.
 */
export async function describeJobs(client: BatchClient, jobIds: readonly string[], backoff?: BackoffOptions): Promise<Map<string, JobDetail>> {
  const unique = [...new Set(jobIds)];
  const found = new Map<string, JobDetail>();
  for (let i = 0; i < unique.length; i += MAX_DESCRIBE_JOBS) {
    const batch = unique.slice(i, i + MAX_DESCRIBE_JOBS);
    const output = await withBackoff('DescribeJobs', () => client.send(new DescribeJobsCommand({ jobs: batch })), isTransient, backoff);
    for (const job of output.jobs ?? []) if (job.jobId) found.set(job.jobId, job);
  }
  return found;
}
