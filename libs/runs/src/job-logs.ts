import type { BatchClient, JobDetail } from '@aws-sdk/client-batch';
import { describeJobs } from '@framefarm/batch-client';
import { CloudWatchLogsClient, GetLogEventsCommand, ResourceNotFoundException } from '@aws-sdk/client-cloudwatch-logs';

export const BATCH_LOG_GROUP = '/aws/batch/job';

export async function describeJob(batch: Pick<BatchClient, 'send'>, jobId: string): Promise<JobDetail | undefined> {
  return (await describeJobs(batch, [jobId])).get(jobId);
}

/** The log stream of a job's latest attempt (Batch keeps it on `container` and on each attempt). */
export function logStreamOf(job: JobDetail): string | undefined {
  const attempts = job.attempts ?? [];
  return job.container?.logStreamName ?? attempts[attempts.length - 1]?.container?.logStreamName;
}

export function logGroupOf(job: JobDetail): string {
  return job.container?.logConfiguration?.options?.['awslogs-group'] ?? BATCH_LOG_GROUP;
}

/** All events of a log stream, oldest first, following the forward tokens to the end. */
export async function readLogStream(logs: Pick<CloudWatchLogsClient, 'send'>, group: string, stream: string, limit?: number): Promise<string[]> {
  const messages: string[] = [];
  let nextToken: string | undefined;
  try {
    for (;;) {
      const page = await logs.send(
        new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: limit === undefined, nextToken, ...(limit ? { limit } : {}) }),
      );
      messages.push(...(page.events ?? []).map((e) => e.message ?? ''));
      if (limit !== undefined || !page.nextForwardToken || page.nextForwardToken === nextToken || (page.events ?? []).length === 0) break;
      nextToken = page.nextForwardToken;
    }
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return [];
    throw error;
  }
  return messages;
}

/** The last `lines` lines a job printed, for failure reports. */
export async function tailJobLog(logs: Pick<CloudWatchLogsClient, 'send'>, job: JobDetail, lines = 20): Promise<string[]> {
  const stream = logStreamOf(job);
  return stream ? readLogStream(logs, logGroupOf(job), stream, lines) : [];
}
