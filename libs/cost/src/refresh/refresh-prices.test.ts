import { DescribeSpotPriceHistoryCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { mockClient } from 'aws-sdk-client-mock';
import type { PriceTable } from '../price-table';
import { onDemandOf, PriceListShapeError, spotPriceOf } from './price-list';
import { refreshPriceTable } from './refresh-prices';

/** A GetProducts entry in the Price List's own shape (trimmed of attributes the table does not use). */
const product = (instanceType: string, vcpu: string, memory: string, usd: string): string =>
  JSON.stringify({
    product: {
      productFamily: 'Compute Instance',
      attributes: { instanceType, vcpu, memory, regionCode: 'us-east-1', operatingSystem: 'Linux', tenancy: 'Shared', preInstalledSw: 'NA', capacitystatus: 'Used' },
      sku: 'SKU1',
    },
    serviceCode: 'AmazonEC2',
    terms: {
      OnDemand: {
        'SKU1.JRTCKXETXF': {
          priceDimensions: {
            'SKU1.JRTCKXETXF.6YS6EN2CT7': { unit: 'Hrs', endRange: 'Inf', beginRange: '0', description: `$${usd} per On Demand Linux ${instanceType} Instance Hour`, pricePerUnit: { USD: usd } },
          },
          offerTermCode: 'JRTCKXETXF',
          effectiveDate: '2026-11-01T00:00:00Z',
        },
      },
    },
    version: '20261101000000',
    publicationDate: '2026-11-01T00:00:00Z',
  });

const spot = (zone: string, type: string, price: string, at: string) => ({ AvailabilityZone: zone, InstanceType: type as never, ProductDescription: 'Linux/UNIX' as const, SpotPrice: price, Timestamp: new Date(at) });

describe('price list parsing', () => {
  it('reads size and hourly price of a product', () => {
    expect(onDemandOf(product('c6i.large', '2', '4 GiB', '0.0850000000'))).toEqual({ instanceType: 'c6i.large', vcpus: 2, memoryMiB: 4096, usdPerHour: 0.085 });
    expect(() => onDemandOf(JSON.stringify({ product: { attributes: {} } }))).toThrow(PriceListShapeError);
  });

  it('takes the median over zones of each zone’s latest Spot price', () => {
    const history = [
      spot('us-east-1a', 'c6i.large', '0.0400', '2026-11-30T08:00:00Z'),
      spot('us-east-1a', 'c6i.large', '0.0300', '2026-11-30T09:00:00Z'),
      spot('us-east-1b', 'c6i.large', '0.0350', '2026-11-30T07:00:00Z'),
      spot('us-east-1c', 'c6i.large', '0.0500', '2026-11-30T07:00:00Z'),
      spot('us-east-1a', 'm6i.large', '0.9', '2026-11-30T09:00:00Z'),
    ];
    // Latest per zone: 0.030, 0.035, 0.050 → median 0.035.
    expect(spotPriceOf(history, 'c6i.large')).toBe(0.035);
    expect(spotPriceOf(history, 'r6i.large')).toBeUndefined();
  });
});

describe('refreshPriceTable', () => {
  it('rebuilds the table from GetProducts and DescribeSpotPriceHistory, saying where each price came from', async () => {
    const pricing = mockClient(PricingClient);
    const ec2 = mockClient(EC2Client);
    pricing.on(GetProductsCommand).callsFake((input: { Filters: { Field: string; Value: string }[] }) => {
      const type = input.Filters.find((f) => f.Field === 'instanceType')?.Value;
      return { FormatVersion: 'aws_v1', PriceList: type === 'c6i.large' ? [product('c6i.large', '2', '4 GiB', '0.0850000000')] : [product('m6i.large', '2', '8 GiB', '0.0960000000')] };
    });
    ec2
      .on(DescribeSpotPriceHistoryCommand)
      .resolvesOnce({ SpotPriceHistory: [spot('us-east-1a', 'c6i.large', '0.0310', '2026-11-30T09:00:00Z')], NextToken: 'page2' })
      .resolvesOnce({ SpotPriceHistory: [spot('us-east-1a', 'm6i.large', '0.0420', '2026-11-30T09:00:00Z')], NextToken: '' });

    const current: PriceTable = {
      region: 'us-east-1',
      currency: 'USD',
      asOf: '2025-06-01',
      sources: { fargate: 'kept' },
      fargate: { usdPerVcpuHour: 0.04, usdPerGibHour: 0.004, spotUsdPerVcpuHour: 0.01, spotUsdPerGibHour: 0.001 },
      instances: {
        'c6i.large': { vcpus: 2, memoryMiB: 4096, onDemandUsdPerHour: 1, spotUsdPerHour: 1 },
        'm6i.large': { vcpus: 2, memoryMiB: 8192, onDemandUsdPerHour: 1, spotUsdPerHour: 1 },
      },
    };
    const table = await refreshPriceTable(current, 'us-east-1', { pricing: new PricingClient({ region: 'us-east-1' }), ec2: new EC2Client({ region: 'us-east-1' }) }, new Date('2026-11-30T10:00:00Z'));
    expect(table.asOf).toBe('2026-11-30');
    expect(table.instances).toEqual({
      'c6i.large': { vcpus: 2, memoryMiB: 4096, onDemandUsdPerHour: 0.085, spotUsdPerHour: 0.031 },
      'm6i.large': { vcpus: 2, memoryMiB: 8192, onDemandUsdPerHour: 0.096, spotUsdPerHour: 0.042 },
    });
    expect(table.sources.fargate).toBe('kept');
    expect(table.sources.spot).toMatch(/DescribeSpotPriceHistory/);
    expect(ec2.commandCalls(DescribeSpotPriceHistoryCommand)[1].args[0].input.NextToken).toBe('page2');
    pricing.restore();
    ec2.restore();
  });
});
