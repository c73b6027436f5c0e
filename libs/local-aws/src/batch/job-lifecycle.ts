import { BATCH_REASONS } from '@framefarm/job-specs';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { LogStore } from '../logs/log-store';
import {
  effectiveCommand,
  effectiveEnvironment,
  type ImageTableEntry,
  type JobEnvironment,
  jobEnvironmentOf,
  logGroupOf,
  logStreamNameOf,
  processArgv,
  processEnvironment,
} from './attempt-launch';
import { hasProcess, isCancellable, isFinished, type JobStatus } from './job-states';
import type { AttemptRecord, JobPatch, JobRecord } from './model';
import { LauncherPool } from './launcher-pool';
import { type AttemptExit, RunningAttempt } from './process-runner';
import { resourceNeed, type ResourceNeed } from './resources';
import { type AttemptOutcome, shouldRetry } from './retry-decision';
import { MISCONFIGURED_REASON, Scheduler } from './scheduler';
import type { StateStore } from './state-store';

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

export interface LifecycleOptions {
  store: StateStore;
  logStore: LogStore;
  imageTable: Record<string, ImageTableEntry>;
  jobEnvironment: JobEnvironment;
  host: ResourceNeed;
  stopGraceMs: number;
  /** false: jobs run without a sandbox even where bubblewrap works (tests that share files with jobs). */
  sandbox?: boolean;
  /** Directories a sandboxed job must not see (the stack's state). */
  hiddenFromJobs?: readonly string[];
  /** Called after each scheduling pass; the engine compacts its journal there. */
  afterTick?: () => void;
}

/**
 * Moves jobs through their states: admission (SUBMITTED → PENDING/RUNNABLE), dependency release,
 * placement, attempts and retries, cancellation and termination, and recovery after a restart.
 *
 * Dependencies are indexed both ways so each state change costs O(its direct dependents):
 * plain dependencies by job id, N_TO_N by array parent (child i of a dependent array looks only
 * at child i), SEQUENTIAL by position (child i+1). Finished jobs go through a worklist instead of
 * recursion, so a failure cascading through 10,000 sequential children needs no deep stack.
 */
export class JobLifecycle {
  private readonly store: StateStore;
  private readonly scheduler: Scheduler;
  /**
   * Ids a PENDING job still waits for (top-level: plain dependencies; child: N_TO_N and
   * SEQUENTIAL predecessors). A set, not a count, so a finish seen twice cannot count twice.
   */
  private readonly waiting = new Map<string, Set<string>>();
  /** Top-level jobs that depend plainly on the key. */
  private readonly dependents = new Map<string, string[]>();
  /** Arrays with an N_TO_N dependency on the key (an array parent). */
  private readonly nToNDependents = new Map<string, string[]>();
  /** Array parents whose plain dependencies are met, so their children may be released. */
  private readonly released = new Set<string>();
  private readonly running = new Map<string, RunningAttempt>();
  private readonly needs = new Map<string, ResourceNeed>();
  private readonly launchers: LauncherPool;
  private admissions: JobRecord[] = [];
  private finished: JobRecord[] = [];
  private tickPending = false;
  private stopped = false;

  constructor(private readonly options: LifecycleOptions) {
    this.store = options.store;
    this.launchers = new LauncherPool(options.sandbox === false ? { sandbox: { available: false, reason: 'turned off' } } : { hidden: options.hiddenFromJobs });
    this.scheduler = new Scheduler(options.host, options.store, (job) => this.needOf(job));
  }

  // ---- entry points --------------------------------------------------------------------------

  /** Adds a validated job (SUBMITTED) and schedules its admission. */
  submit(job: JobRecord): void {
    this.store.addJob(job);
    this.indexDependencies(job);
    this.admissions.push(job);
    this.kick();
  }

  /** CancelJob: early states fail with the reason; STARTING/RUNNING are left alone. */
  cancel(job: JobRecord, reason: string): void {
    if (job.submission?.arraySize !== undefined) {
      if (isFinished(job.status)) return;
      this.store.patchJob(job, { isCancelled: true, statusReason: reason });
      for (const child of this.store.children.get(job.jobId) ?? []) {
        if (isCancellable(child.status)) this.finish(child, 'FAILED', reason, { isCancelled: true });
      }
    } else if (isCancellable(job.status)) {
      this.finish(job, 'FAILED', reason, { isCancelled: true });
    }
    this.kick();
  }

  /** TerminateJob: a running attempt is stopped (SIGTERM, then SIGKILL); earlier states are cancelled. */
  terminate(job: JobRecord, reason: string): void {
    if (job.submission?.arraySize !== undefined) {
      if (isFinished(job.status)) return;
      this.store.patchJob(job, { isTerminated: true, statusReason: reason });
      for (const child of this.store.children.get(job.jobId) ?? []) this.terminateOne(child, reason);
    } else {
      this.terminateOne(job, reason);
    }
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

  /**
   * After loading a journal: attempts that were starting or running died with the previous
   * engine (host loss, retried per strategy); everything else resumes where it was.
   */
  recover(): void {
    const now = Date.now();
    for (const job of this.store.jobs.values()) {
      if (hasProcess(job.status)) {
        this.killOrphan(job);
        this.endAttempt(job, { statusReason: REASONS.hostLost }, false, false, now);
      }
    }
    for (const job of this.store.jobs.values()) {
      if (job.parentId === undefined) {
        this.indexDependencies(job);
        if (job.status === 'SUBMITTED' || job.status === 'PENDING') this.admissions.push(job);
      }
      if (job.status === 'RUNNABLE') this.scheduler.enqueue(job);
    }
    for (const [parentId] of this.store.children) this.settleArrayParent(parentId);
    this.kick();
  }

  /** Stops scheduling and kills every process; their jobs recover as host loss on the next start. */
  stop(): void {
    this.stopped = true;
    for (const attempt of this.running.values()) attempt.kill();
    this.running.clear();
    this.launchers.close();
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
    this.guarded('scheduling pass', () => {
      const admissions = this.admissions;
      this.admissions = [];
      for (const job of admissions) this.admit(job);
      this.drainFinished();
      this.scheduler.run(
        (job, ce) => this.startAttempt(job, ce),
        (job) => this.store.patchJob(job, { statusReason: MISCONFIGURED_REASON }),
      );
      this.options.afterTick?.();
    });
  }

  /**
   * Runs engine work from an event callback. A bug must not take down the process that also
   * serves S3, DynamoDB and Logs; the state stays durable, and the next event carries on.
   */
  private guarded(what: string, work: () => void): void {
    try {
      work();
    } catch (error) {
      console.error(`[batch] ${what} failed:`, error);
    }
  }

  // ---- dependencies --------------------------------------------------------------------------

  /** Indexes who waits on whom; a dependency that has already finished is settled at admission. */
  private indexDependencies(job: JobRecord): void {
    if (isFinished(job.status)) return;
    for (const dep of job.submission?.dependsOn ?? []) {
      if (dep.jobId === undefined) continue; // SEQUENTIAL: handled by position
      const status = this.store.jobs.get(dep.jobId)?.status;
      if (status === undefined || isFinished(status)) continue;
      const index = dep.type === 'N_TO_N' ? this.nToNDependents : this.dependents;
      const list = index.get(dep.jobId) ?? [];
      list.push(job.jobId);
      index.set(dep.jobId, list);
    }
  }

  private plainDependencies(job: JobRecord): string[] {
    return (job.submission?.dependsOn ?? []).flatMap((d) => (d.jobId !== undefined && d.type !== 'N_TO_N' ? [d.jobId] : []));
  }

  /** SUBMITTED or PENDING top-level job: count what it still waits for, fail or release it. */
  private admit(job: JobRecord): void {
    if (job.status !== 'SUBMITTED' && job.status !== 'PENDING') return;
    const unresolved = new Set<string>();
    for (const id of this.plainDependencies(job)) {
      const status = this.store.jobs.get(id)?.status;
      if (status === 'FAILED') return this.failAsDependent(job);
      if (status !== 'SUCCEEDED') unresolved.add(id);
    }
    if (unresolved.size > 0) {
      this.waiting.set(job.jobId, unresolved);
      if (job.status === 'SUBMITTED') this.store.patchJob(job, { status: 'PENDING' });
      if (job.submission?.arraySize !== undefined) {
        for (const child of this.store.children.get(job.jobId) ?? []) {
          if (child.status === 'SUBMITTED') this.store.patchJob(child, { status: 'PENDING' });
        }
      }
      return;
    }
    this.release(job);
  }

  /** Plain dependencies met: a job becomes RUNNABLE, an array lets its children go. */
  private release(job: JobRecord): void {
    this.waiting.delete(job.jobId);
    if (job.submission?.arraySize === undefined) return this.makeRunnable(job);
    this.released.add(job.jobId);
    if (job.status === 'SUBMITTED') this.store.patchJob(job, { status: 'PENDING' });
    for (const child of this.store.children.get(job.jobId) ?? []) this.admitChild(child);
  }

  /** A child of a released array: count its N_TO_N and SEQUENTIAL predecessors. */
  private admitChild(child: JobRecord): void {
    if (child.status !== 'SUBMITTED' && child.status !== 'PENDING') return;
    const unresolved = new Set<string>();
    for (const predecessor of this.childPredecessors(child)) {
      if (predecessor.status === 'FAILED') return this.failAsDependent(child);
      if (predecessor.status !== 'SUCCEEDED') unresolved.add(predecessor.jobId);
    }
    if (unresolved.size === 0) {
      this.waiting.delete(child.jobId);
      return this.makeRunnable(child);
    }
    this.waiting.set(child.jobId, unresolved);
    if (child.status === 'SUBMITTED') this.store.patchJob(child, { status: 'PENDING' });
  }

  private childPredecessors(child: JobRecord): JobRecord[] {
    const submission = this.store.submissionOf(child);
    const index = child.index as number;
    const result: JobRecord[] = [];
    for (const dep of submission.dependsOn) {
      if (dep.type === 'N_TO_N' && dep.jobId !== undefined) {
        const other = this.store.children.get(dep.jobId)?.[index];
        if (other) result.push(other);
      } else if (dep.type === 'SEQUENTIAL' && dep.jobId === undefined && index > 0) {
        result.push(this.store.children.get(child.parentId as string)?.[index - 1] as JobRecord);
      }
    }
    return result;
  }

  /** One predecessor of a PENDING job finished. */
  private predecessorFinished(job: JobRecord, predecessor: JobRecord): void {
    const unresolved = this.waiting.get(job.jobId);
    if (job.status !== 'PENDING' || !unresolved?.has(predecessor.jobId)) return;
    if (predecessor.status === 'FAILED') return this.failAsDependent(job);
    unresolved.delete(predecessor.jobId);
    if (unresolved.size > 0) return;
    if (job.parentId === undefined) this.release(job);
    else {
      this.waiting.delete(job.jobId);
      this.makeRunnable(job);
    }
  }

  private failAsDependent(job: JobRecord): void {
    this.waiting.delete(job.jobId);
    if (job.submission?.arraySize === undefined) return this.finish(job, 'FAILED', REASONS.dependencyFailed);
    this.store.patchJob(job, { statusReason: REASONS.dependencyFailed });
    for (const child of this.store.children.get(job.jobId) ?? []) {
      if (!isFinished(child.status) && !hasProcess(child.status)) this.finish(child, 'FAILED', REASONS.dependencyFailed);
    }
  }

  /** Notifies everything that waited on jobs that just finished, until nothing new finishes. */
  private drainFinished(): void {
    while (this.finished.length > 0) {
      const batch = this.finished;
      this.finished = [];
      for (const job of batch) this.notifyFinished(job);
    }
  }

  private notifyFinished(job: JobRecord): void {
    for (const id of this.dependents.get(job.jobId) ?? []) {
      const dependent = this.store.jobs.get(id);
      if (dependent) this.predecessorFinished(dependent, job);
    }
    this.dependents.delete(job.jobId);
    if (job.parentId === undefined) {
      this.forgetFinishedJob(job.jobId);
      return;
    }
    const index = job.index as number;
    for (const arrayId of this.nToNDependents.get(job.parentId) ?? []) {
      if (!this.released.has(arrayId)) continue; // admitted later with fresh counts
      const peer = this.store.children.get(arrayId)?.[index];
      if (peer) this.predecessorFinished(peer, job);
    }
    const siblings = this.store.children.get(job.parentId) as JobRecord[];
    const submission = this.store.submissionOf(job);
    if (index + 1 < siblings.length && submission.dependsOn.some((d) => d.type === 'SEQUENTIAL' && d.jobId === undefined)) {
      this.predecessorFinished(siblings[index + 1], job);
    }
    this.settleArrayParent(job.parentId);
  }

  /** Runtime indexes of a finished top-level job are no longer needed (an array's children are done too). */
  private forgetFinishedJob(jobId: string): void {
    this.nToNDependents.delete(jobId);
    this.needs.delete(jobId);
  }

  /** An array parent finishes once every child has: SUCCEEDED if all did, else FAILED. */
  private settleArrayParent(parentId: string): void {
    const parent = this.store.jobs.get(parentId);
    const counts = this.store.childCounts.get(parentId);
    if (!parent || !counts || isFinished(parent.status)) return;
    if (counts.SUCCEEDED + counts.FAILED < (parent.submission?.arraySize ?? 0)) return;
    this.released.delete(parentId);
    if (counts.FAILED === 0) this.finish(parent, 'SUCCEEDED', '');
    else this.finish(parent, 'FAILED', parent.statusReason || REASONS.childFailed);
  }

  private makeRunnable(job: JobRecord): void {
    this.store.patchJob(job, { status: 'RUNNABLE' });
    this.scheduler.enqueue(job);
  }

  private finish(job: JobRecord, status: Extract<JobStatus, 'SUCCEEDED' | 'FAILED'>, statusReason: string, extra: JobPatch = {}): void {
    this.store.patchJob(job, { stoppedAt: Date.now(), ...extra, status, statusReason });
    this.finished.push(job);
    this.kick();
  }

  // ---- attempts ------------------------------------------------------------------------------

  private needOf(job: JobRecord): ResourceNeed {
    const owner = job.parentId ?? job.jobId;
    let need = this.needs.get(owner);
    if (!need) {
      const submission = this.store.submissionOf(job);
      const definition = this.store.definitionOf(submission);
      need = resourceNeed(definition.containerProperties, submission.containerOverrides);
      this.needs.set(owner, need);
    }
    return need;
  }

  private startAttempt(job: JobRecord, computeEnvironmentName: string): void {
    const submission = this.store.submissionOf(job);
    const definition = this.store.definitionOf(submission);
    const taskId = randomUUID().replace(/-/g, '');
    const attempt: AttemptRecord = { computeEnvironmentName, taskId, logStreamName: logStreamNameOf(definition, taskId) };
    this.store.patchJob(job, { status: 'STARTING', statusReason: '', attempts: [...job.attempts, attempt] });

    const { argv, cwd } = processArgv(this.options.imageTable, definition.containerProperties?.image, effectiveCommand(submission, definition));
    const array = job.parentId === undefined ? undefined : { index: job.index as number, size: submission.arraySize as number };
    const identity = { jobId: job.jobId, attempt: job.attempts.length, jobQueueName: submission.jobQueueName, computeEnvironmentName, array };
    if (argv.length === 0) {
      const startError = 'the job has no command and its image is not in the image table';
      setImmediate(() => this.guarded(`end of ${job.jobId}`, () => this.attemptExited(job, { startError, timedOut: false })));
      return;
    }
    const attemptProcess = new RunningAttempt(
      {
        argv,
        cwd,
        env: processEnvironment(identity, jobEnvironmentOf(this.options.jobEnvironment, job.jobId, definition), effectiveEnvironment(submission, definition)),
        logGroup: logGroupOf(definition),
        logStreamName: attempt.logStreamName,
        timeoutSeconds: (submission.timeout ?? definition.timeout)?.attemptDurationSeconds,
        stopGraceMs: this.options.stopGraceMs,
      },
      this.launchers,
      this.options.logStore,
      {
        onRunning: (pid, at) => this.guarded(`start of ${job.jobId}`, () => this.attemptRunning(job, pid, at)),
        onExit: (exit) => this.guarded(`end of ${job.jobId}`, () => this.attemptExited(job, exit)),
      },
    );
    this.running.set(job.jobId, attemptProcess);
  }

  private attemptRunning(job: JobRecord, pid: number, at: number): void {
    if (this.stopped || job.status !== 'STARTING') return;
    const current = { ...job.attempts[job.attempts.length - 1], startedAt: at, pid };
    this.store.patchJob(job, { status: 'RUNNING', startedAt: at, attempts: [...job.attempts.slice(0, -1), current] });
    if (job.parentId !== undefined) {
      const parent = this.store.jobs.get(job.parentId);
      if (parent && parent.startedAt === undefined) this.store.patchJob(parent, { startedAt: at });
    }
    if (job.isTerminated) this.running.get(job.jobId)?.stop();
  }

  private attemptExited(job: JobRecord, exit: AttemptExit): void {
    if (this.stopped) return;
    this.running.delete(job.jobId);
    this.scheduler.release(job.attempts[job.attempts.length - 1].computeEnvironmentName, this.needOf(job));
    if (exit.startError !== undefined) {
      this.endAttempt(job, { reason: `CannotStartContainerError: ${exit.startError}`, statusReason: REASONS.failedToStart }, false, false);
    } else {
      const statusReason = exit.timedOut ? REASONS.timeout : job.isTerminated ? job.statusReason : REASONS.containerExited;
      this.endAttempt(job, { exitCode: exit.exitCode, statusReason }, exit.timedOut, true);
    }
    this.kick();
  }

  /**
   * Records the end of the current attempt and decides: SUCCEEDED on exit 0; FAILED for good
   * when terminated or timed out; otherwise back to RUNNABLE while the retry strategy allows.
   */
  private endAttempt(job: JobRecord, outcome: AttemptOutcome, timedOut: boolean, processRan: boolean, now = Date.now()): void {
    const current = job.attempts[job.attempts.length - 1];
    const ended: AttemptRecord = { ...current, startedAt: current.startedAt ?? now, stoppedAt: now, ...outcome };
    const attempts = [...job.attempts.slice(0, -1), ended];
    const statusReason = outcome.statusReason ?? REASONS.containerExited;
    if (processRan && outcome.exitCode === 0 && !job.isTerminated && !timedOut) {
      return this.finish(job, 'SUCCEEDED', statusReason, { attempts, stoppedAt: now });
    }
    if (job.isTerminated) return this.finish(job, 'FAILED', job.statusReason ?? statusReason, { attempts, stoppedAt: now });
    if (!timedOut && shouldRetry(this.store.submissionOf(job).retryStrategy ?? this.definitionRetry(job), attempts.length, outcome)) {
      this.store.patchJob(job, { status: 'RUNNABLE', statusReason, attempts });
      this.scheduler.enqueue(job);
      return;
    }
    this.finish(job, 'FAILED', statusReason, { attempts, stoppedAt: now });
  }

  private definitionRetry(job: JobRecord) {
    return this.store.definitionOf(this.store.submissionOf(job)).retryStrategy;
  }

  private terminateOne(job: JobRecord, reason: string): void {
    if (isFinished(job.status)) return;
    if (hasProcess(job.status)) {
      this.store.patchJob(job, { isTerminated: true, statusReason: reason });
      if (job.status === 'RUNNING') this.running.get(job.jobId)?.stop();
      return; // STARTING: stopped as soon as the process is up
    }
    // Chosen: TerminateJob before a job started cancels it and also marks it terminated.
    this.finish(job, 'FAILED', reason, { isCancelled: true, isTerminated: true });
  }

  /**
   * A process of a crashed engine may outlive it (own process group). It is killed only if
   * /proc shows that pid still carries this job's id, so a recycled pid is never hit.
   */
  private killOrphan(job: JobRecord): void {
    const pid = job.attempts[job.attempts.length - 1]?.pid;
    if (pid === undefined) return;
    try {
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (environ.includes(`AWS_BATCH_JOB_ID=${job.jobId}`)) process.kill(-pid, 'SIGKILL');
    } catch {
      // gone already, or no /proc on this platform
    }
  }
}
