export function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** Dollars with enough digits that a cent-sized local run is not shown as $0.00. */
export function usd(amount: number): string {
  if (amount === 0) return '$0';
  if (amount < 0.01) return `$${amount.toFixed(5)}`;
  if (amount < 10) return `$${amount.toFixed(3)}`;
  return `$${amount.toFixed(2)}`;
}

export const clock = (epochMs: number): string => new Date(epochMs).toLocaleString();

export const percent = (done: number, total: number): number => (total > 0 ? Math.min(100, (100 * done) / total) : 0);
