import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPriceTable, InvalidPriceTableError, loadPriceTable } from './price-table';
import { hourlyRate } from './hourly-rate';

describe('price tables', () => {
  it('the project’s table prices every instance type of the C, M and R families it lists, Spot below On-Demand', () => {
    const table = defaultPriceTable();
    expect(Object.keys(table.instances).length).toBeGreaterThan(20);
    for (const [type, price] of Object.entries(table.instances)) {
      expect([type, price.spotUsdPerHour < price.onDemandUsdPerHour]).toEqual([type, true]);
    }
    // The stack's default render job on its default Spot capacity has a price.
    expect(hourlyRate({ vcpus: 1, memoryMiB: 2048 }, { platform: 'ec2', purchase: 'spot', instanceTypes: ['c6i.large', 'm6i.large'] }, table).usdPerHour).toBeGreaterThan(0);
  });

  it('loads a user’s table and refuses a broken one with the field at fault', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prices-'));
    try {
      const good = join(dir, 'good.json');
      writeFileSync(good, JSON.stringify({ ...defaultPriceTable(), region: 'eu-west-1' }));
      expect(loadPriceTable(good).region).toBe('eu-west-1');

      const broken = join(dir, 'broken.json');
      writeFileSync(broken, JSON.stringify({ ...defaultPriceTable(), instances: { 'c6i.large': { vcpus: 2 } } }));
      expect(() => loadPriceTable(broken)).toThrow(InvalidPriceTableError);
      expect(() => loadPriceTable(broken)).toThrow(/instances\.c6i\.large\.memoryMiB/);
      expect(() => loadPriceTable(join(dir, 'missing.json'))).toThrow(/Cannot read the price table/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
