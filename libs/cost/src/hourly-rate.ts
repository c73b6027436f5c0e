import type { ComputeOffer } from './compute-offer';
import type { InstancePrice, PriceTable } from './price-table';

/** What one job asks Batch for. */
export interface JobSize {
  vcpus: number;
  memoryMiB: number;
}

export interface HourlyRate {
  usdPerHour: number;
  /** How the rate was reached, for a reader who checks the figure, e.g. "c6i.large Spot, ½ of it". */
  basis: string;
}

export class UnpricedInstanceTypeError extends Error {
  override readonly name = 'UnpricedInstanceTypeError';
}

/** Batch's "optimal" picks from the current C, M and R families. */
const OPTIMAL_FAMILIES = /^[cmr]\d+[a-z]*$/;

/** Instance types an entry of `instanceTypes` allows: a type, a family ("c6i") or "optimal". */
function typesAllowedBy(entry: string, table: PriceTable): string[] {
  if (entry in table.instances) return [entry];
  const family = (type: string): string => type.split('.')[0];
  const matches = Object.keys(table.instances).filter((type) => (entry === 'optimal' ? OPTIMAL_FAMILIES.test(family(type)) : family(type) === entry));
  if (matches.length === 0) {
    throw new UnpricedInstanceTypeError(
      `The price table (${table.region}, ${table.asOf}) has no price for instance type "${entry}". ` +
        'Refresh it with `npm run prices`, or give your own table.',
    );
  }
  return matches;
}

/**
 * The job's share of an instance: the larger of its vCPU and memory shares, since whichever of the
 * two it fills is what keeps other jobs off that instance.
 */
const shareOf = (size: JobSize, instance: InstancePrice): number => Math.max(size.vcpus / instance.vcpus, size.memoryMiB / instance.memoryMiB);

const fraction = (share: number): string => (share >= 1 ? 'all' : `${+(share * 100).toFixed(1)} %`);

/**
 * What an hour of this job costs: on EC2 its share of the cheapest allowed instance type it fits
 * on (Batch's allocation strategies favour the cheapest capacity), on Fargate the vCPU and memory
 * it asks for at Fargate's rates.
 */
export function hourlyRate(size: JobSize, offer: ComputeOffer, table: PriceTable): HourlyRate {
  const spot = offer.purchase === 'spot';
  if (offer.platform === 'fargate') {
    const f = table.fargate;
    const gib = size.memoryMiB / 1024;
    const usdPerHour = size.vcpus * (spot ? f.spotUsdPerVcpuHour : f.usdPerVcpuHour) + gib * (spot ? f.spotUsdPerGibHour : f.usdPerGibHour);
    return { usdPerHour, basis: `Fargate${spot ? ' Spot' : ''}, ${size.vcpus} vCPU and ${+gib.toFixed(2)} GiB` };
  }
  const candidates = [...new Set(offer.instanceTypes.flatMap((entry) => typesAllowedBy(entry, table)))]
    .map((type) => ({ type, instance: table.instances[type] }))
    .filter(({ instance }) => instance.vcpus >= size.vcpus && instance.memoryMiB >= size.memoryMiB);
  if (candidates.length === 0) {
    throw new UnpricedInstanceTypeError(
      `No priced instance type among ${offer.instanceTypes.join(', ') || '(none)'} fits a job of ${size.vcpus} vCPU and ${size.memoryMiB} MiB.`,
    );
  }
  const priced = candidates.map(({ type, instance }) => {
    const share = shareOf(size, instance);
    return { type, share, usdPerHour: share * (spot ? instance.spotUsdPerHour : instance.onDemandUsdPerHour) };
  });
  const cheapest = priced.reduce((best, next) => (next.usdPerHour < best.usdPerHour ? next : best));
  return { usdPerHour: cheapest.usdPerHour, basis: `${cheapest.type} ${spot ? 'Spot' : 'On-Demand'}, ${fraction(cheapest.share)} of it` };
}
