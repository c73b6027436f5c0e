import type { Arns } from '../arns';
import type { JobLifecycle } from '../job-lifecycle';
import type { RateLimit } from '../rate-limit';
import type { Body } from '../request-fields';
import type { StateStore } from '../state-store';

/** What every operation handler gets. */
export interface ApiContext {
  store: StateStore;
  lifecycle: JobLifecycle;
  arns: Arns;
  /** Lowest accepted timeout.attemptDurationSeconds (AWS: 60). */
  minimumTimeoutSeconds: number;
  /** SubmitJob throttling, when enabled. */
  submitLimit?: RateLimit;
  /** Bytes of the request body, for the SubmitJob payload limit. */
  bodyBytes: number;
  /**
   * Set by a read to the journal position of the newest change its answer shows: the reply then
   * waits only until that much of the journal is durable, not for every change so far.
   */
  shows?: number;
}

export type Operation = (context: ApiContext, body: Body) => object;
