import type { JobSpec } from '@framefarm/job-specs';

/** vCPUs and installed memory of one EC2 instance type. */
export interface InstanceCapacity {
  vcpus: number;
  memoryMiB: number;
}

/** Installed memory per vCPU in the families the stack allows (all x86_64, current generation, Batch-supported). */
const FAMILY_MIB_PER_VCPU: Record<string, number> = {
  c5: 2048,
  c6i: 2048,
  c7i: 2048,
  m5: 4096,
  m6i: 4096,
  m7i: 4096,
  r5: 8192,
  r6i: 8192,
  r7i: 8192,
};

const SIZE_VCPUS: Record<string, number> = {
  large: 2,
  xlarge: 4,
  '2xlarge': 8,
  '4xlarge': 16,
  '8xlarge': 32,
  '12xlarge': 48,
  '16xlarge': 64,
};

export const SUPPORTED_INSTANCE_TYPES: readonly string[] = Object.keys(FAMILY_MIB_PER_VCPU).flatMap((family) =>
  Object.keys(SIZE_VCPUS).map((size) => `${family}.${size}`),
);

/**
 * The ECS agent registers less memory than the instance type lists: the kernel and platform keep
 * about 2.5 % (AWS Batch "compute resource memory management": an m4.large with 8192 MiB registers
 * 7985 MiB), and the Batch AMI reserves another 32 MiB (ECS_RESERVED_MEMORY). 3 % keeps a margin.
 */
const PLATFORM_OVERHEAD = 0.03;
const ECS_RESERVED_MEMORY_MIB = 32;

export class UnsupportedInstanceTypeError extends Error {
  override readonly name = 'UnsupportedInstanceTypeError';
}

export class JobDoesNotFitError extends Error {
  override readonly name = 'JobDoesNotFitError';
}

export function instanceCapacity(instanceType: string): InstanceCapacity {
  const [family, size] = instanceType.split('.');
  const mibPerVcpu = FAMILY_MIB_PER_VCPU[family];
  const vcpus = SIZE_VCPUS[size];
  if (mibPerVcpu === undefined || vcpus === undefined) {
    throw new UnsupportedInstanceTypeError(
      `Instance type "${instanceType}" is not in the stack's capacity table. Use one of the families ` +
        `${Object.keys(FAMILY_MIB_PER_VCPU).join(', ')} with a size of ${Object.keys(SIZE_VCPUS).join(', ')} ` +
        `(apps/infra/src/instance-capacity.ts), or add the type there with its vCPUs and memory.`,
    );
  }
  return { vcpus, memoryMiB: vcpus * mibPerVcpu };
}

/** What a single container can be given on one instance of this type. */
export function containerCapacity(instanceType: string): InstanceCapacity {
  const installed = instanceCapacity(instanceType);
  return {
    vcpus: installed.vcpus,
    memoryMiB: Math.floor(installed.memoryMiB * (1 - PLATFORM_OVERHEAD)) - ECS_RESERVED_MEMORY_MIB,
  };
}

/**
 * EC2 compute environments take whole vCPUs (fractions are a Fargate feature), so a spec asking for
 * 0.25 vCPU reserves one on AWS. The local engine keeps the fraction.
 */
export function ec2Vcpus(spec: Pick<JobSpec, 'vcpus'>): number {
  return Math.max(1, Math.ceil(spec.vcpus));
}

export type JobSize = Pick<JobSpec, 'jobDefinitionName' | 'vcpus' | 'memoryMiB'>;

/**
 * Fails when a job asks for more than one instance of any allowed type can give a container:
 * Batch would accept the job definition and leave every job RUNNABLE forever.
 */
export function assertJobsFit(jobs: JobSize[], instanceTypes: string[]): void {
  if (instanceTypes.length === 0) {
    throw new UnsupportedInstanceTypeError('instanceTypes is empty: name at least one instance type for the compute environments.');
  }
  const capacities = instanceTypes.map((type) => ({ type, ...containerCapacity(type) }));
  const problems = jobs.flatMap((job) => {
    const vcpus = ec2Vcpus(job);
    const fits = capacities.some((c) => c.vcpus >= vcpus && c.memoryMiB >= job.memoryMiB);
    if (fits) return [];
    const largest = capacities
      .map((c) => `${c.type}: ${c.vcpus} vCPU / ${c.memoryMiB} MiB`)
      .join(', ');
    return [`${job.jobDefinitionName} asks for ${vcpus} vCPU and ${job.memoryMiB} MiB, more than any container can get on ${largest}`];
  });
  if (problems.length > 0) {
    throw new JobDoesNotFitError(
      `Job definitions that no instance can run (jobs would stay RUNNABLE forever):\n  - ${problems.join('\n  - ')}\n` +
        'Add a larger instance type to instanceTypes, or lower the job size (jobSizes prop, or libs/job-specs).',
    );
  }
}
