export const JOB_STATUSES = ['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Edges of the job state machine. RUNNING/STARTING → RUNNABLE is a retry. */
const NEXT: Record<JobStatus, readonly JobStatus[]> = {
  SUBMITTED: ['PENDING', 'RUNNABLE', 'FAILED', 'SUCCEEDED'],
  PENDING: ['RUNNABLE', 'FAILED', 'SUCCEEDED'],
  RUNNABLE: ['STARTING', 'FAILED'],
  STARTING: ['RUNNING', 'RUNNABLE', 'FAILED'],
  RUNNING: ['SUCCEEDED', 'FAILED', 'RUNNABLE'],
  SUCCEEDED: [],
  FAILED: [],
};

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return NEXT[from].includes(to);
}

export function isFinished(status: JobStatus): boolean {
  return status === 'SUCCEEDED' || status === 'FAILED';
}

/** States in which CancelJob takes effect; in STARTING/RUNNING it is a successful no-op. */
export function isCancellable(status: JobStatus): boolean {
  return status === 'SUBMITTED' || status === 'PENDING' || status === 'RUNNABLE';
}

/** States in which a process exists (or is being started) and TerminateJob must stop it. */
export function hasProcess(status: JobStatus): boolean {
  return status === 'STARTING' || status === 'RUNNING';
}

export function isJobStatus(value: unknown): value is JobStatus {
  return typeof value === 'string' && (JOB_STATUSES as readonly string[]).includes(value);
}

export type StatusCounts = Record<JobStatus, number>;

export function emptyStatusCounts(): StatusCounts {
  return { SUBMITTED: 0, PENDING: 0, RUNNABLE: 0, STARTING: 0, RUNNING: 0, SUCCEEDED: 0, FAILED: 0 };
}
