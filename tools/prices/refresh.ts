/**
 * `npm run prices [-- --region eu-west-1] [--out file.json]`: refreshes the price table the cost
 * figures use, from the AWS Price List API and EC2's Spot price history, with the caller's AWS
 * credentials (pricing:GetProducts, ec2:DescribeSpotPriceHistory). Without --out it rewrites the
 * project's own table (libs/cost/src/prices/us-east-1.json) for us-east-1.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { PricingClient } from '@aws-sdk/client-pricing';
import { defaultPriceTable } from '@framefarm/cost';
import { refreshPriceTable } from '@framefarm/cost/refresh';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { region: { type: 'string', default: 'us-east-1' }, out: { type: 'string' } } });
  const region = values.region as string;
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
    process.stderr.write(`--region must be an AWS region such as us-east-1, got "${region}"\n`);
    process.exit(2);
  }
  const out = values.out ?? (region === 'us-east-1' ? join(__dirname, '..', '..', 'libs', 'cost', 'src', 'prices', 'us-east-1.json') : undefined);
  if (!out) {
    process.stderr.write('--out is needed for a region other than us-east-1 (the project keeps the us-east-1 table)\n');
    process.exit(2);
  }
  const table = await refreshPriceTable(defaultPriceTable(), region, { pricing: new PricingClient({ region: 'us-east-1' }), ec2: new EC2Client({ region }) });
  writeFileSync(out, `${JSON.stringify(table, null, 2)}\n`);
  process.stdout.write(`wrote ${Object.keys(table.instances).length} instance prices of ${table.asOf} to ${out}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.name}: ${error.message}\n`);
  process.exit(1);
});
