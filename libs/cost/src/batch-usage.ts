import type { AttemptDetail, ContainerDetail, JobDetail } from '@aws-sdk/client-batch';
import type { ComputeOffer } from './compute-offer';
import type { JobSize } from './hourly-rate';
import type { AttemptUsage } from './run-cost';

export class UnknownJobSizeError extends Error {
  override readonly name = 'UnknownJobSizeError';
}

const requirement = (container: ContainerDetail | undefined, type: 'VCPU' | 'MEMORY'): number | undefined => {
  const value = container?.resourceRequirements?.find((r) => r.type === type)?.value;
  return value === undefined ? undefined : Number(value);
};

/** What the job held: resourceRequirements first, then the legacy vcpus/memory fields. */
export function jobSizeOf(job: JobDetail): JobSize {
  const vcpus = requirement(job.container, 'VCPU') ?? job.container?.vcpus;
  const memoryMiB = requirement(job.container, 'MEMORY') ?? job.container?.memory;
  if (!vcpus || !memoryMiB) throw new UnknownJobSizeError(`Job ${job.jobId} does not say how many vCPUs and how much memory it held.`);
  return { vcpus, memoryMiB };
}

const ACTIVE = new Set(['STARTING', 'RUNNING']);

/**
 * Every attempt of a job, finished ones from `attempts[]` and the running one from `startedAt`
 * (Batch adds an attempt to `attempts[]` only when it ends).
 */
export function attemptUsagesOf(job: JobDetail, step: string, offer: ComputeOffer): AttemptUsage[] {
  const finished: AttemptDetail[] = (job.attempts ?? []).filter((a) => a.startedAt !== undefined);
  const size = jobSizeOf(job);
  const usages: AttemptUsage[] = finished.map((attempt, index) => {
    const last = index === finished.length - 1;
    const succeeded = attempt.container?.exitCode === 0 || (last && job.status === 'SUCCEEDED');
    return { step, size, offer, startedAt: attempt.startedAt as number, stoppedAt: attempt.stoppedAt ?? attempt.startedAt, outcome: succeeded ? 'succeeded' : 'failed' };
  });
  const lastStop = finished.length > 0 ? (finished[finished.length - 1].stoppedAt ?? 0) : 0;
  if (job.startedAt !== undefined && ACTIVE.has(job.status ?? '') && job.startedAt >= lastStop) {
    usages.push({ step, size, offer, startedAt: job.startedAt, outcome: 'running' });
  } else if (finished.length === 0 && job.startedAt !== undefined && job.stoppedAt !== undefined) {
    usages.push({ step, size, offer, startedAt: job.startedAt, stoppedAt: job.stoppedAt, outcome: job.status === 'SUCCEEDED' ? 'succeeded' : 'failed' });
  }
  return usages;
}
