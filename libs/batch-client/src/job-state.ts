import type { JobDetail, JobStatus } from '@aws-sdk/client-batch';

export type { JobStatus };

/**
 * A job is finished once SUCCEEDED or FAILED; Batch sets `stoppedAt` with these, but a job
 * cancelled before it started may lack it, so the status alone decides.
 */
export const TERMINAL_STATUSES: readonly JobStatus[] = ['SUCCEEDED', 'FAILED'];

/** An array parent's children, counted by status. */
export interface ArraySummary {
  size: number;
  statusSummary: Partial<Record<JobStatus, number>>;
}

/** What a waiter knows about one job after a poll. */
export interface JobState {
  jobId: string;
  jobName?: string;
  /** UNKNOWN until DescribeJobs first returns the job. */
  status: JobStatus | 'UNKNOWN';
  statusReason?: string;
  /** The container's exit code (of the last attempt); none for array parents. */
  exitCode?: number;
  createdAt?: number;
  startedAt?: number;
  stoppedAt?: number;
  attempts: number;
  array?: ArraySummary;
  finished: boolean;
}

export const unknownJob = (jobId: string): JobState => ({ jobId, status: 'UNKNOWN', attempts: 0, finished: false });

export function jobStateOf(detail: JobDetail): JobState {
  const status = detail.status ?? 'SUBMITTED';
  const lastAttempt = detail.attempts?.[detail.attempts.length - 1];
  const exitCode = detail.container?.exitCode ?? lastAttempt?.container?.exitCode;
  const summary = detail.arrayProperties?.statusSummary;
  const size = detail.arrayProperties?.size;
  // Children also carry arrayProperties (with their index); only a parent has a statusSummary.
  const array: ArraySummary | undefined =
    size !== undefined && summary !== undefined && detail.arrayProperties?.index === undefined
      ? { size, statusSummary: summary as Partial<Record<JobStatus, number>> }
      : undefined;
  const state: JobState = {
    jobId: detail.jobId ?? '',
    jobName: detail.jobName,
    status,
    statusReason: detail.statusReason,
    exitCode,
    createdAt: detail.createdAt,
    startedAt: detail.startedAt,
    stoppedAt: detail.stoppedAt,
    attempts: detail.attempts?.length ?? 0,
    array,
    finished: TERMINAL_STATUSES.includes(status),
  };
  return Object.fromEntries(Object.entries(state).filter(([, v]) => v !== undefined)) as unknown as JobState;
}
