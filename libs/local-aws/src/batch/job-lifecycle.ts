import { type AttemptOptions, Attempts } from './attempts';
import { cancelJob, terminateJob } from './cancellation';
import { recoverJobs } from './crash-recovery';
import { DependencyTracker } from './dependencies';
import type { JobStatus } from './job-states';
import { guarded, type LifecycleCore } from './lifecycle-core';
import type { JobPatch, JobRecord } from './model';
import type { ResourceNeed } from './resources';
import { MISCONFIGURED_REASON, Scheduler } from './scheduler';
import type { StateStore } from './state-store';
import { REASONS } from './status-reasons';

export { REASONS } from './status-reasons';

export interface LifecycleOptions extends AttemptOptions {
  store: StateStore;
  host: ResourceNeed;
  /** Called after each scheduling pass; the engine compacts its journal there. */
  afterTick?: () => void;
}

/**
 * Moves jobs through their states: admission and dependency release (`dependencies.ts`),
 * placement (`scheduler.ts`), attempts and retries (`attempts.ts`), cancellation and termination
 * (`cancellation.ts`), and recovery after a restart (`crash-recovery.ts`). This class owns the
 * scheduling pass that ties them together.
 */
export class JobLifecycle {
  private readonly store: StateStore;
  private readonly scheduler: Scheduler;
  private readonly core: LifecycleCore;
  private readonly dependencies: DependencyTracker;
  private readonly attempts: Attempts;
  private admissions: JobRecord[] = [];
  private finished: JobRecord[] = [];
  private tickPending = false;
  private stopped = false;

  constructor(private readonly options: LifecycleOptions) {
    this.store = options.store;
    this.scheduler = new Scheduler(options.host, options.store, (job) => this.attempts.needOf(job));
    this.core = {
      store: this.store,
      scheduler: this.scheduler,
      finish: (job, status, statusReason, extra) => this.finish(job, status, statusReason, extra),
      kick: () => this.kick(),
    };
    this.dependencies = new DependencyTracker(this.core);
    this.attempts = new Attempts(this.core, options);
  }

  // ---- entry points --------------------------------------------------------------------------

  /** Adds a validated job (SUBMITTED) and schedules its admission. */
  submit(job: JobRecord): void {
    this.store.addJob(job);
    this.dependencies.index(job);
    this.admissions.push(job);
    this.kick();
  }

  /** CancelJob: early states fail with the reason; STARTING/RUNNING are left alone. */
  cancel(job: JobRecord, reason: string): void {
    cancelJob(this.core, job, reason);
    this.kick();
  }

  /** TerminateJob: a running attempt is stopped (SIGTERM, then SIGKILL); earlier states are cancelled. */
  terminate(job: JobRecord, reason: string): void {
    terminateJob(this.core, (jobId) => this.attempts.stop(jobId), job, reason);
    this.kick();
  }

  /** Jobs of a deleted queue: running ones are terminated, waiting ones cancelled. */
  queueDeleted(queueName: string): void {
    for (const job of this.store.queueJobs.get(queueName) ?? []) this.terminate(job, REASONS.queueDeleted);
    this.scheduler.takeQueue(queueName);
    this.scheduler.resourcesChanged();
    this.kick();
  }

  /** A queue or compute environment changed: parked jobs get another chance. */
  resourcesChanged(): void {
    this.scheduler.resourcesChanged();
    this.kick();
  }

  /** After loading a journal: see `recoverJobs`. */
  recover(): void {
    recoverJobs({ core: this.core, dependencies: this.dependencies, attempts: this.attempts, admissions: this.admissions });
    this.kick();
  }

  /** Stops scheduling and kills every process; their jobs recover as host loss on the next start. */
  stop(): void {
    this.stopped = true;
    this.attempts.stopAll();
  }

  // ---- the scheduling pass -------------------------------------------------------------------

  private kick(): void {
    if (this.tickPending || this.stopped) return;
    this.tickPending = true;
    setImmediate(() => this.tick());
  }

  private tick(): void {
    this.tickPending = false;
    if (this.stopped) return;
    guarded('scheduling pass', () => {
      const admissions = this.admissions;
      this.admissions = [];
      for (const job of admissions) this.dependencies.admit(job);
      this.drainFinished();
      this.scheduler.run(
        (job, ce) => this.attempts.start(job, ce),
        (job) => this.store.patchJob(job, { statusReason: MISCONFIGURED_REASON }),
      );
      this.options.afterTick?.();
    });
  }

  /** Notifies everything that waited on jobs that just finished, until nothing new finishes. */
  private drainFinished(): void {
    while (this.finished.length > 0) {
      const batch = this.finished;
      this.finished = [];
      for (const job of batch) {
        this.dependencies.notifyFinished(job);
        if (job.parentId === undefined) this.attempts.forgetNeed(job.jobId);
      }
    }
  }

  private finish(job: JobRecord, status: Extract<JobStatus, 'SUCCEEDED' | 'FAILED'>, statusReason: string, extra: JobPatch = {}): void {
    this.store.patchJob(job, { stoppedAt: Date.now(), ...extra, status, statusReason });
    this.finished.push(job);
    this.kick();
  }
}
