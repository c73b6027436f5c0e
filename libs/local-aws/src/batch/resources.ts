import type { ContainerOverrides, ContainerProperties, ResourceRequirement } from '@aws-sdk/client-batch';

/** What one attempt holds while it runs. vCPUs in thousandths so fractions add up exactly. */
export interface ResourceNeed {
  milliVcpus: number;
  memoryMiB: number;
}

/**
 * Undocumented locally-chosen default for a definition that names no vCPU or memory (AWS rejects
 * such a job at submission on EC2 resources): 1 vCPU and 512 MiB.
 */
export const DEFAULT_NEED: ResourceNeed = { milliVcpus: 1000, memoryMiB: 512 };

function requirement(list: ResourceRequirement[] | undefined, type: 'VCPU' | 'MEMORY'): number | undefined {
  const value = list?.find((r) => r.type === type)?.value;
  return value === undefined ? undefined : Number(value);
}

/** Overrides win over the definition; resourceRequirements win over the legacy vcpus/memory. */
export function resourceNeed(properties: ContainerProperties | undefined, overrides: ContainerOverrides | undefined): ResourceNeed {
  const vcpus =
    requirement(overrides?.resourceRequirements, 'VCPU') ??
    overrides?.vcpus ??
    requirement(properties?.resourceRequirements, 'VCPU') ??
    properties?.vcpus;
  const memory =
    requirement(overrides?.resourceRequirements, 'MEMORY') ??
    overrides?.memory ??
    requirement(properties?.resourceRequirements, 'MEMORY') ??
    properties?.memory;
  return {
    milliVcpus: vcpus === undefined ? DEFAULT_NEED.milliVcpus : Math.round(vcpus * 1000),
    memoryMiB: memory ?? DEFAULT_NEED.memoryMiB,
  };
}
