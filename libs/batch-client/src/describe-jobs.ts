import { BatchClient, DescribeJobsCommand, JobDetail } from '@aws-sdk/client-batch';
import { MAX_DESCRIBE_JOBS } from './limits';

/**
 * DescribeJobs for any number of ids, 100 per call (Batch's limit), one call at a time so a
 * large wait does not trip the account's throttling. Retries are the client's (createBatchClient).
 * Ids Batch does not know are simply absent from the map.
 */
export async function describeJobs(client: Pick<BatchClient, 'send'>, jobIds: readonly string[]): Promise<Map<string, JobDetail>> {
  const unique = [...new Set(jobIds)];
  const found = new Map<string, JobDetail>();
  for (let i = 0; i < unique.length; i += MAX_DESCRIBE_JOBS) {
    const batch = unique.slice(i, i + MAX_DESCRIBE_JOBS);
    const output = await client.send(new DescribeJobsCommand({ jobs: batch }));
    for (const job of output.jobs ?? []) if (job.jobId) found.set(job.jobId, job);
  }
  return found;
}
