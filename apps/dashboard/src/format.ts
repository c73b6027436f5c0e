export { formatUsd as usd } from '@framefarm/cost/format';

export function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}


export const clock = (epochMs: number): string => new Date(epochMs).toLocaleString();

export const percent = (done: number, total: number): number => (total > 0 ? Math.min(100, (100 * done) / total) : 0);
