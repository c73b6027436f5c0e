import { DescribeSpotPriceHistoryCommand, EC2Client, type SpotPrice } from '@aws-sdk/client-ec2';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import type { PriceTable } from '../price-table';
import { onDemandOf, spotPriceOf } from './price-list';

export interface RefreshClients {
  /** The Price List API answers in us-east-1 (and ap-south-1) whatever region is priced. */
  pricing: PricingClient;
  /** EC2 in the region priced. */
  ec2: EC2Client;
}

const filter = (Field: string, Value: string) => ({ Type: 'TERM_MATCH' as const, Field, Value });

async function onDemandPrices(pricing: PricingClient, region: string, instanceType: string): Promise<ReturnType<typeof onDemandOf>> {
  const { PriceList } = await pricing.send(
    new GetProductsCommand({
      ServiceCode: 'AmazonEC2',
      Filters: [
        filter('instanceType', instanceType),
        filter('regionCode', region),
        filter('operatingSystem', 'Linux'),
        filter('tenancy', 'Shared'),
        filter('preInstalledSw', 'NA'),
        filter('capacitystatus', 'Used'),
      ],
      MaxResults: 10,
    }),
  );
  // Each entry is a JSON document in a string (the SDK may wrap it in a String subclass).
  const item = ((PriceList ?? []) as unknown[]).map(String)[0];
  if (item === undefined) throw new Error(`The Price List API has no Linux On-Demand price for ${instanceType} in ${region}.`);
  return onDemandOf(item);
}

async function spotHistory(ec2: EC2Client, instanceTypes: string[], now: Date): Promise<SpotPrice[]> {
  const history: SpotPrice[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ec2.send(
      new DescribeSpotPriceHistoryCommand({ InstanceTypes: instanceTypes as never, ProductDescriptions: ['Linux/UNIX'], StartTime: now, EndTime: now, NextToken }),
    );
    history.push(...(page.SpotPriceHistory ?? []));
    NextToken = page.NextToken || undefined;
  } while (NextToken);
  return history;
}

/** A new table for the same instance types, from the Price List API and the current Spot prices. */
export async function refreshPriceTable(current: PriceTable, region: string, clients: RefreshClients, now = new Date()): Promise<PriceTable> {
  const types = Object.keys(current.instances);
  const history = await spotHistory(clients.ec2, types, now);
  const instances: PriceTable['instances'] = {};
  for (const type of types) {
    const onDemand = await onDemandPrices(clients.pricing, region, type);
    const spot = spotPriceOf(history, type);
    if (spot === undefined) throw new Error(`EC2 reports no current Spot price for ${type} in ${region}.`);
    instances[type] = { vcpus: onDemand.vcpus, memoryMiB: onDemand.memoryMiB, onDemandUsdPerHour: onDemand.usdPerHour, spotUsdPerHour: spot };
  }
  return {
    ...current,
    region,
    asOf: now.toISOString().slice(0, 10),
    sources: {
      ...current.sources,
      onDemand: `AWS Price List API (GetProducts), Linux, shared tenancy, ${region}`,
      spot: `EC2 DescribeSpotPriceHistory, Linux/UNIX: median over availability zones of the latest price, ${region}`,
    },
    instances,
  };
}
