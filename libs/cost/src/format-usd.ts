/**
 * Dollars with enough digits that a local run costing a fraction of a cent does not read as $0.00.
 * Has no imports, so the dashboard page can use it as it is.
 */
export function formatUsd(amount: number): string {
  if (!Number.isFinite(amount)) return '–';
  if (amount === 0) return '$0';
  // Two significant digits for fractions of a cent: $0.0000021, not $0.00000.
  if (amount < 0.01) return `$${amount.toFixed(Math.min(12, 1 - Math.floor(Math.log10(amount))))}`;
  if (amount < 10) return `$${amount.toFixed(3)}`;
  return `$${amount.toFixed(2)}`;
}

/** The price table a figure comes from, e.g. "us-east-1 prices of 2025-06-01". */
export const pricesNote = (prices: { region: string; asOf: string }): string => `${prices.region} prices of ${prices.asOf}`;
