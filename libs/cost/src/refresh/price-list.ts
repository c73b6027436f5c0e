import type { SpotPrice } from '@aws-sdk/client-ec2';
import type { InstancePrice } from '../price-table';

/** One EC2 product of the Price List API (`GetProducts` returns each as a JSON string). */
interface PriceListProduct {
  product: { attributes: { instanceType?: string; vcpu?: string; memory?: string } };
  terms?: { OnDemand?: Record<string, { priceDimensions: Record<string, { unit: string; pricePerUnit: { USD?: string } }> }> };
}

export class PriceListShapeError extends Error {
  override readonly name = 'PriceListShapeError';
}

/** "4 GiB" or "0.5 GiB" → MiB. */
function memoryMiB(text: string | undefined): number {
  const match = /^([\d.,]+) GiB$/.exec(text ?? '');
  if (!match) throw new PriceListShapeError(`unexpected memory "${text}" in the price list`);
  return Number(match[1].replace(/,/g, '')) * 1024;
}

/** An instance type's size and hourly On-Demand price from one Price List product. */
export function onDemandOf(item: string): { instanceType: string; vcpus: number; memoryMiB: number; usdPerHour: number } {
  const product = JSON.parse(item) as PriceListProduct;
  const attributes = product.product.attributes;
  const hourly = Object.values(product.terms?.OnDemand ?? {})
    .flatMap((term) => Object.values(term.priceDimensions))
    .find((dimension) => dimension.unit === 'Hrs' && dimension.pricePerUnit.USD !== undefined);
  if (!attributes.instanceType || !attributes.vcpu || !hourly) {
    throw new PriceListShapeError(`a price list product without instance type, vCPUs or an hourly USD price: ${item.slice(0, 200)}`);
  }
  return { instanceType: attributes.instanceType, vcpus: Number(attributes.vcpu), memoryMiB: memoryMiB(attributes.memory), usdPerHour: Number(hourly.pricePerUnit.USD) };
}

/**
 * The Spot price of one instance type: the median over availability zones of each zone's latest
 * price (Batch's price-capacity-optimized strategy spreads over zones, so no single zone is it).
 */
export function spotPriceOf(history: SpotPrice[], instanceType: string): number | undefined {
  const latestPerZone = new Map<string, SpotPrice>();
  for (const entry of history) {
    if (entry.InstanceType !== instanceType || !entry.AvailabilityZone || entry.SpotPrice === undefined) continue;
    const seen = latestPerZone.get(entry.AvailabilityZone);
    if (!seen || (entry.Timestamp?.getTime() ?? 0) > (seen.Timestamp?.getTime() ?? 0)) latestPerZone.set(entry.AvailabilityZone, entry);
  }
  const prices = [...latestPerZone.values()].map((e) => Number(e.SpotPrice)).sort((a, b) => a - b);
  if (prices.length === 0) return undefined;
  const middle = Math.floor(prices.length / 2);
  return prices.length % 2 ? prices[middle] : (prices[middle - 1] + prices[middle]) / 2;
}

export type PricedInstance = InstancePrice & { instanceType: string };
