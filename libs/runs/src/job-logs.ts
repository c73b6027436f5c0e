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

/** One line a job printed, with CloudWatch's timestamp (epoch milliseconds). */
export interface LogEvent {
  timestamp: number;
  message: string;
}

/**
 * Events of a log stream, oldest first: all of them (following the forward tokens to the end), or
 * with `limit` the last `limit`. A stream that does not exist yet has no events.
 */
export async function readLogEvents(logs: Pick<CloudWatchLogsClient, 'send'>, group: string, stream: string, limit?: number): Promise<LogEvent[]> {
  const events: LogEvent[] = [];
  let nextToken: string | undefined;
  try {
    for (;;) {
      const page = await logs.send(
        new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: limit === undefined, nextToken, ...(limit ? { limit } : {}) }),
      );
      events.push(...(page.events ?? []).map((e) => ({ timestamp: e.timestamp ?? 0, message: e.message ?? '' })));
      if (limit !== undefined || !page.nextForwardToken || page.nextForwardToken === nextToken || (page.events ?? []).length === 0) break;
      nextToken = page.nextForwardToken;
    }
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return [];
    throw error;
  }
  return events;
}

/** The messages of a log stream (see readLogEvents). */
export async function readLogStream(logs: Pick<CloudWatchLogsClient, 'send'>, group: string, stream: string, limit?: number): Promise<string[]> {
  return (await readLogEvents(logs, group, stream, limit)).map((event) => event.message);
}

/** The last `lines` lines a job printed, for failure reports. */
export async function tailJobLog(logs: Pick<CloudWatchLogsClient, 'send'>, job: JobDetail, lines = 20): Promise<string[]> {
  const stream = logStreamOf(job);
  return stream ? readLogStream(logs, logGroupOf(job), stream, lines) : [];
}
