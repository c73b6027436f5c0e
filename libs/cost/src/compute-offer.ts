/** How the capacity behind a job queue is bought, as Batch describes its compute environments. */
export type Purchase = 'on-demand' | 'spot';

export interface ComputeOffer {
  platform: 'ec2' | 'fargate';
  purchase: Purchase;
  /** EC2 only: what `computeResources.instanceTypes` allows (types, families, or "optimal"). */
  instanceTypes: string[];
}

/** The part of Batch's ComputeEnvironmentDetail that decides the price (the SDK's shape). */
export interface ComputeEnvironmentPricingFields {
  computeResources?: { type?: string; instanceTypes?: string[] };
}

export class UnpricedComputeEnvironmentError extends Error {
  override readonly name = 'UnpricedComputeEnvironmentError';
}

/**
 * A job runs in the first compute environment of its queue that has room, so its price is that
 * environment's: with the stack's Spot-first queues that is Spot, On-Demand being the fallback.
 */
export function offerOf(environment: ComputeEnvironmentPricingFields): ComputeOffer {
  const resources = environment.computeResources;
  switch (resources?.type) {
    case 'EC2':
      return { platform: 'ec2', purchase: 'on-demand', instanceTypes: resources.instanceTypes ?? [] };
    case 'SPOT':
      return { platform: 'ec2', purchase: 'spot', instanceTypes: resources.instanceTypes ?? [] };
    case 'FARGATE':
      return { platform: 'fargate', purchase: 'on-demand', instanceTypes: [] };
    case 'FARGATE_SPOT':
      return { platform: 'fargate', purchase: 'spot', instanceTypes: [] };
    default:
      throw new UnpricedComputeEnvironmentError(
        'An unmanaged compute environment (no computeResources) runs on instances the stack does not know: it has no price.',
      );
  }
}
