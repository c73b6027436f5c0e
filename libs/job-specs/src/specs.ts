import { JobSpec, RetryRule, StepName, STEPS } from './steps';

export const DEFAULT_PREFIX = 'framefarm';

/**
 * Texts AWS Batch reports for an attempt that ended, where it puts them (`statusReason` of the
 * attempt, or `container.reason` / `container.exitCode`). The local engine reports the same texts
 * and codes for the same faults, so these rules behave the same in both places.
 */
export const BATCH_REASONS = {
  /** statusReason when the host (a Spot instance, or the local engine) went away mid-attempt. */
  hostTerminated: (instanceId: string): string => `Host EC2 (instance ${instanceId}) terminated.`,
  /** statusReason when the container could not start; `container.reason` says why (CannotPullContainerError: ...). */
  taskFailedToStart: 'Task failed to start',
  /** statusReason when the container exited by itself or was killed; the exit code tells which. */
  containerExited: 'Essential container in task exited',
  /** container.reason of an attempt killed by the kernel's OOM killer at the container's memory limit. */
  outOfMemory: 'OutOfMemoryError: Container killed due to memory usage',
  /** statusReason of an attempt stopped at `timeout.attemptDurationSeconds` (never retried). */
  timeout: 'Job attempt duration exceeded timeout',
} as const;

/** Exit codes of a container killed by a signal, as Docker reports them (128 + signal number). */
export const SIGNAL_EXIT_CODES = { SIGTERM: 143, SIGKILL: 137 } as const;

/**
 * Retry what broke from outside the program, never what the program itself decided: a host lost
 * (Spot reclaim, or the local engine restarted), a container that failed to start (image pull,
 * secrets, volumes), a process killed by SIGKILL (the OOM killer, or a kill from outside) or
 * SIGTERM. Every job of the pipeline is idempotent (a chunk rewrites its segment and manifest), so a
 * retry costs only the work lost. An application error (any other exit code) fails at once.
 * Timed-out, cancelled and terminated attempts are never retried, whatever the rules say.
 * An OOM kill is retried too (exit 137): the last attempt still fails with Batch's OutOfMemoryError reason.
 * AWS allows at most 5 rules; the first that matches wins.
 */
export const RETRY_RULES: RetryRule[] = [
  { action: 'RETRY', onStatusReason: 'Host EC2*' },
  { action: 'RETRY', onStatusReason: `${BATCH_REASONS.taskFailedToStart}*` },
  { action: 'RETRY', onExitCode: String(SIGNAL_EXIT_CODES.SIGKILL) },
  { action: 'RETRY', onExitCode: String(SIGNAL_EXIT_CODES.SIGTERM) },
  { action: 'EXIT', onReason: '*' },
];

interface StepSizing {
  vcpus: number;
  memoryMiB: number;
  timeoutSeconds: number;
  queuePriority: number;
}

const SIZING: Record<StepName, StepSizing> = {
  plan: { vcpus: 0.25, memoryMiB: 512, timeoutSeconds: 10 * 60, queuePriority: 30 },
  render: { vcpus: 1, memoryMiB: 2048, timeoutSeconds: 60 * 60, queuePriority: 10 },
  encode: { vcpus: 1, memoryMiB: 2048, timeoutSeconds: 30 * 60, queuePriority: 20 },
};

const capitalized = (step: StepName): string => step[0].toUpperCase() + step.slice(1);

export function jobSpec(step: StepName, prefix = DEFAULT_PREFIX): JobSpec {
  const sizing = SIZING[step];
  return {
    step,
    jobQueueName: `${prefix}-${step}`,
    jobDefinitionName: `${prefix}-${step}`,
    image: `${prefix}/${step}`,
    vcpus: sizing.vcpus,
    memoryMiB: sizing.memoryMiB,
    timeoutSeconds: sizing.timeoutSeconds,
    retryAttempts: 3,
    retryRules: RETRY_RULES,
    queuePriority: sizing.queuePriority,
    outputs: {
      jobQueue: `CfnOutput${capitalized(step)}JobQueue`,
      jobDefinition: `CfnOutput${capitalized(step)}JobDefinition`,
    },
  };
}

/**
 * Threads for the tools a job runs (x264, ffmpeg's decoder): the job's vCPUs, not the host's
 * cores, which on a shared host other jobs hold. At least one.
 */
export const toolThreads = (step: StepName): number => Math.max(1, Math.floor(jobSpec(step).vcpus));

export function allJobSpecs(prefix = DEFAULT_PREFIX): JobSpec[] {
  return STEPS.map((step) => jobSpec(step, prefix));
}

/** Stack outputs besides the per-step ones. */
export const OUTPUT_BUCKET = 'CfnOutputBucket';
export const OUTPUT_TABLE = 'CfnOutputTable';
