import type { JobDetail } from '@aws-sdk/client-batch';

/** One attempt of a Batch job, the one running now included. Times are epoch milliseconds. */
export interface JobAttempt {
  /** From 1. */
  number: number;
  startedAt: number;
  /** Undefined while running. */
  stoppedAt?: number;
  outcome: 'succeeded' | 'failed' | 'running';
  exitCode?: number;
  reason?: string;
}

const ACTIVE = new Set(['STARTING', 'RUNNING']);

/**
 * A job's attempts from its BatchJob. Batch lists finished attempts in `attempts[]`; the one
 * running now shows only as the job's `startedAt` past the last finished attempt. A job that
 * ended without any `attempts[]` entry (cancelled before it ran, or a minimal engine) gets one
 * attempt from its own times, if it ever started.
 */
export function jobAttempts(job: Partial<JobDetail>): JobAttempt[] {
  const attempts: JobAttempt[] = (job.attempts ?? [])
    .filter((attempt) => attempt.startedAt !== undefined)
    .map((attempt, index, all) => {
      const exitCode = attempt.container?.exitCode;
      const reason = attempt.container?.reason ?? attempt.statusReason;
      const succeeded = exitCode === 0 || (exitCode === undefined && index === all.length - 1 && job.status === 'SUCCEEDED');
      return {
        number: index + 1,
        startedAt: attempt.startedAt as number,
        ...(attempt.stoppedAt !== undefined ? { stoppedAt: attempt.stoppedAt } : {}),
        outcome: succeeded ? ('succeeded' as const) : ('failed' as const),
        ...(exitCode !== undefined ? { exitCode } : {}),
        ...(reason ? { reason } : {}),
      };
    });
  const last = attempts[attempts.length - 1];
  if (job.startedAt !== undefined && ACTIVE.has(job.status ?? '') && (!last || (last.stoppedAt ?? Infinity) <= job.startedAt)) {
    attempts.push({ number: attempts.length + 1, startedAt: job.startedAt, outcome: 'running' });
  } else if (attempts.length === 0 && job.startedAt !== undefined) {
    const exitCode = job.container?.exitCode;
    attempts.push({
      number: 1,
      startedAt: job.startedAt,
      ...(job.stoppedAt !== undefined ? { stoppedAt: job.stoppedAt } : {}),
      outcome: job.status === 'SUCCEEDED' ? 'succeeded' : job.status === 'FAILED' ? 'failed' : 'running',
      ...(exitCode !== undefined ? { exitCode } : {}),
      ...(job.container?.reason ? { reason: job.container.reason } : {}),
    });
  }
  return attempts;
}
