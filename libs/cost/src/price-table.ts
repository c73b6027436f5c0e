import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import defaultTable from './prices/us-east-1.json';

// zod/mini speaks no language until told (classic zod sets English as it loads).
z.config(z.locales.en());

const usdPerHour = z.number().check(z.nonnegative());

const InstancePriceSchema = z.object({
  vcpus: z.number().check(z.positive()),
  memoryMiB: z.number().check(z.positive()),
  onDemandUsdPerHour: usdPerHour,
  spotUsdPerHour: usdPerHour,
});

export const PriceTableSchema = z.object({
  region: z.string().check(z.minLength(1)),
  currency: z.literal('USD'),
  /** The day the prices were read (the refresh tool writes it). */
  asOf: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-01-31')),
  /** Where each kind of price came from, in words a reader of the cost can check. */
  sources: z.record(z.string(), z.string()),
  fargate: z.object({
    usdPerVcpuHour: usdPerHour,
    usdPerGibHour: usdPerHour,
    spotUsdPerVcpuHour: usdPerHour,
    spotUsdPerGibHour: usdPerHour,
  }),
  instances: z.record(z.string(), InstancePriceSchema),
});

export type PriceTable = z.infer<typeof PriceTableSchema>;
export type InstancePrice = z.infer<typeof InstancePriceSchema>;

export class InvalidPriceTableError extends Error {
  override readonly name = 'InvalidPriceTableError';
}

/** The table the project keeps (`libs/cost/src/prices/`; `npm run prices` refreshes it). */
export function defaultPriceTable(): PriceTable {
  return PriceTableSchema.parse(defaultTable);
}

/** A user's own table (same shape as the default one), e.g. with their negotiated prices. */
export function loadPriceTable(file: string): PriceTable {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InvalidPriceTableError(`Cannot read the price table ${file}: ${(error as Error).message}`);
  }
  const parsed = PriceTableSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidPriceTableError(
      `The price table ${file} is not valid: ${issue.path.join('.') || '(top level)'} ${issue.message}. ` +
        'It must have the shape of libs/cost/src/prices/us-east-1.json.',
    );
  }
  return parsed.data;
}
