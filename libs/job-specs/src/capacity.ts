/**
 * What the AWS stack's compute environments run on unless told otherwise (`-c instanceTypes=…`,
 * `-c spot=false`). The local stack's compute environment describes the same capacity, so a local
 * run's cost is what the same run would cost on a stack deployed with these defaults.
 */
export const STACK_CAPACITY_DEFAULTS = {
  instanceTypes: ['c6i.large', 'c6i.xlarge', 'c6i.2xlarge', 'c5.large', 'c5.xlarge', 'm6i.large', 'm6i.xlarge'],
  /** Spot first in every queue, On-Demand as the fallback. */
  spot: true,
} as const;
