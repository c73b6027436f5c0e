import type { JobStatus } from './job-states';
import type { JobPatch, JobRecord } from './model';
import type { Scheduler } from './scheduler';
import type { StateStore } from './state-store';

/** What the parts of the job lifecycle share: the records, the placement, and how a job finishes. */
export interface LifecycleCore {
  readonly store: StateStore;
  readonly scheduler: Scheduler;
  /** Ends a job; whatever waited on it is notified in the next scheduling pass. */
  finish(job: JobRecord, status: Extract<JobStatus, 'SUCCEEDED' | 'FAILED'>, statusReason: string, extra?: JobPatch): void;
  /** Asks for a scheduling pass soon (once, however often it is asked). */
  kick(): void;
}

/**
 * Runs engine work from an event callback. A bug must not take down the process that also
 * serves S3, DynamoDB and Logs; the state stays durable, and the next event carries on.
 */
export function guarded(what: string, work: () => void): void {
  try {
    work();
  } catch (error) {
    console.error(`[batch] ${what} failed:`, error);
  }
}
