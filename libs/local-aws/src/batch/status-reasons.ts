import { BATCH_REASONS } from '@framefarm/job-specs';

/** Status reasons users match on; the attempt-end texts are Batch's own (see BATCH_REASONS). */
export const REASONS = {
  dependencyFailed: 'Dependent Job failed',
  childFailed: 'Array Child Job failed',
  containerExited: BATCH_REASONS.containerExited,
  timeout: BATCH_REASONS.timeout,
  hostLost: BATCH_REASONS.hostTerminated('local'),
  failedToStart: BATCH_REASONS.taskFailedToStart,
  queueDeleted: 'Job queue deleted',
} as const;
