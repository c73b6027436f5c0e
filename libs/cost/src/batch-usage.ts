import type { ContainerDetail, JobDetail } from '@aws-sdk/client-batch';
import { jobAttempts } from '@framefarm/batch-client';
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

/** Every attempt of a job, the one running now included (Batch's own account of them). */
export function attemptUsagesOf(job: JobDetail, step: string, offer: ComputeOffer): AttemptUsage[] {
  const size = jobSizeOf(job);
  return jobAttempts(job).map((attempt) => ({
    step,
    size,
    offer,
    startedAt: attempt.startedAt,
    // A finished attempt Batch gave no stop time is costed as nothing rather than up to now.
    stoppedAt: attempt.outcome === 'running' ? undefined : (attempt.stoppedAt ?? attempt.startedAt),
    outcome: attempt.outcome,
  }));
}
