import { WaitAbortedError } from './errors';

/** Waits `ms` milliseconds; rejects early when `signal` aborts. Injected in tests. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new WaitAbortedError('Stopped waiting: the operation was aborted.'));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new WaitAbortedError('Stopped waiting: the operation was aborted.'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
