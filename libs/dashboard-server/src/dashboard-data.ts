import type { JobView, LogPage, QueueView, RunDetailView, RunsPage } from './api-types';

/** A file of a run's objects (poster, video, chunk preview) with what to send it as. */
export interface MediaObject {
  body: NodeJS.ReadableStream | Buffer;
  contentType: string;
  bytes?: number;
}

/**
 * Everything the dashboard shows and does, read and done through the AWS APIs (Batch, S3,
 * DynamoDB, CloudWatch Logs), so it is the same for the local stack and a deployed one.
 * `undefined` means "no such run/job/object".
 */
export interface DashboardData {
  runs(next?: string): Promise<RunsPage>;
  run(runId: string): Promise<RunDetailView | undefined>;
  job(jobId: string): Promise<JobView | undefined>;
  log(jobId: string, tail: number): Promise<LogPage | undefined>;
  queues(): Promise<QueueView[]>;
  /** Only keys under a run's prefix; anything else is not found. */
  media(key: string): Promise<MediaObject | undefined>;
  cancel(runId: string): Promise<{ message: string } | undefined>;
  resume(runId: string): Promise<{ message: string } | undefined>;
}
