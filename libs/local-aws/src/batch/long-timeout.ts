/** Node's timers hold at most 2^31-1 ms (about 24.8 days); a longer delay fires after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `fn` after `ms`, however long, by chaining timers of at most MAX_TIMER_MS. Each timer
 * started is handed to `track`, so the caller can clear whichever one is pending.
 */
export function setLongTimeout(fn: () => void, ms: number, track: (timer: NodeJS.Timeout) => void): void {
  const step = Math.min(Math.max(0, ms), MAX_TIMER_MS);
  const timer = setTimeout(() => (ms > MAX_TIMER_MS ? setLongTimeout(fn, ms - MAX_TIMER_MS, track) : fn()), step);
  timer.unref?.();
  track(timer);
}
