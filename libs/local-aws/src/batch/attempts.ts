import { randomUUID } from 'node:crypto';
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
import { LauncherPool } from './launcher-pool';
import { guarded, type LifecycleCore } from './lifecycle-core';
import type { AttemptRecord, JobRecord } from './model';
import { type AttemptExit, RunningAttempt } from './process-runner';
import { resourceNeed, type ResourceNeed } from './resources';
import { type AttemptOutcome, shouldRetry } from './retry-decision';
import { REASONS } from './status-reasons';

export interface AttemptOptions {
  logStore: LogStore;
  imageTable: Record<string, ImageTableEntry>;
  jobEnvironment: JobEnvironment;
  stopGraceMs: number;
  /** false: jobs run without a sandbox even where bubblewrap works (tests that share files with jobs). */
  sandbox?: boolean;
  /** Directories a sandboxed job must not see (the stack's state). */
  hiddenFromJobs?: readonly string[];
}

/** A placed job's attempts: the process of each, its end, and the retry decision after it. */
export class Attempts {
  private readonly running = new Map<string, RunningAttempt>();
  private readonly needs = new Map<string, ResourceNeed>();
  private readonly launchers: LauncherPool;
  private stopped = false;

  constructor(
    private readonly core: LifecycleCore,
    private readonly options: AttemptOptions,
  ) {
    this.launchers = new LauncherPool(options.sandbox === false ? { sandbox: { available: false, reason: 'turned off' } } : { hidden: options.hiddenFromJobs });
  }

  private get store() {
    return this.core.store;
  }

  needOf(job: JobRecord): ResourceNeed {
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

  /** A finished top-level job's need is no longer looked up (an array's children are done too). */
  forgetNeed(jobId: string): void {
    this.needs.delete(jobId);
  }

  start(job: JobRecord, computeEnvironmentName: string): void {
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
      setImmediate(() => guarded(`end of ${job.jobId}`, () => this.exited(job, { startError, timedOut: false })));
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
        onRunning: (pid, at) => guarded(`start of ${job.jobId}`, () => this.isRunning(job, pid, at)),
        onExit: (exit) => guarded(`end of ${job.jobId}`, () => this.exited(job, exit)),
      },
    );
    this.running.set(job.jobId, attemptProcess);
  }

  /** Stops a job's running process (SIGTERM, then SIGKILL), if it has one. */
  stop(jobId: string): void {
    this.running.get(jobId)?.stop();
  }

  /** Kills every process; their jobs recover as host loss on the next start. */
  stopAll(): void {
    this.stopped = true;
    for (const attempt of this.running.values()) attempt.kill();
    this.running.clear();
    this.launchers.close();
  }

  private isRunning(job: JobRecord, pid: number, at: number): void {
    if (this.stopped || job.status !== 'STARTING') return;
    const current = { ...job.attempts[job.attempts.length - 1], startedAt: at, pid };
    this.store.patchJob(job, { status: 'RUNNING', startedAt: at, attempts: [...job.attempts.slice(0, -1), current] });
    if (job.parentId !== undefined) {
      const parent = this.store.jobs.get(job.parentId);
      if (parent && parent.startedAt === undefined) this.store.patchJob(parent, { startedAt: at });
    }
    if (job.isTerminated) this.running.get(job.jobId)?.stop();
  }

  private exited(job: JobRecord, exit: AttemptExit): void {
    if (this.stopped) return;
    this.running.delete(job.jobId);
    this.core.scheduler.release(job.attempts[job.attempts.length - 1].computeEnvironmentName, this.needOf(job));
    if (exit.startError !== undefined) {
      this.end(job, { reason: `CannotStartContainerError: ${exit.startError}`, statusReason: REASONS.failedToStart }, false, false);
    } else {
      const statusReason = exit.timedOut ? REASONS.timeout : job.isTerminated ? job.statusReason : REASONS.containerExited;
      this.end(job, { exitCode: exit.exitCode, statusReason }, exit.timedOut, true);
    }
    this.core.kick();
  }

  /**
   * Records the end of the current attempt and decides: SUCCEEDED on exit 0; FAILED for good
   * when terminated or timed out; otherwise back to RUNNABLE while the retry strategy allows.
   */
  end(job: JobRecord, outcome: AttemptOutcome, timedOut: boolean, processRan: boolean, now = Date.now()): void {
    const current = job.attempts[job.attempts.length - 1];
    const ended: AttemptRecord = { ...current, startedAt: current.startedAt ?? now, stoppedAt: now, ...outcome };
    const attempts = [...job.attempts.slice(0, -1), ended];
    const statusReason = outcome.statusReason ?? REASONS.containerExited;
    if (processRan && outcome.exitCode === 0 && !job.isTerminated && !timedOut) {
      return this.core.finish(job, 'SUCCEEDED', statusReason, { attempts, stoppedAt: now });
    }
    if (job.isTerminated) return this.core.finish(job, 'FAILED', job.statusReason ?? statusReason, { attempts, stoppedAt: now });
    if (!timedOut && shouldRetry(this.store.submissionOf(job).retryStrategy ?? this.definitionRetry(job), attempts.length, outcome)) {
      this.store.patchJob(job, { status: 'RUNNABLE', statusReason, attempts });
      this.core.scheduler.enqueue(job);
      return;
    }
    this.core.finish(job, 'FAILED', statusReason, { attempts, stoppedAt: now });
  }

  private definitionRetry(job: JobRecord) {
    return this.store.definitionOf(this.store.submissionOf(job)).retryStrategy;
  }
}
