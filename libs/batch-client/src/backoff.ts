import { BatchRetriesExhaustedError, WaitAbortedError } from './errors';

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

export interface BackoffOptions {
  /** First retry waits up to this long (before jitter). Default 200 ms. */
  baseDelayMs?: number;
  /** No single wait is longer than this. Default 20 s. */
  maxDelayMs?: number;
  /** Total tries, the first one included. Default 8. */
  maxAttempts?: number;
  sleep?: Sleep;
  /** A number in [0, 1); Math.random by default. */
  random?: () => number;
  signal?: AbortSignal;
  /** Called before each wait, e.g. to log throttling. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

interface AwsLikeError {
  name?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

const THROTTLING_NAMES = new Set(['TooManyRequestsException', 'ThrottlingException', 'Throttling', 'RequestLimitExceeded']);

export function isThrottling(error: unknown): boolean {
  const e = error as AwsLikeError | undefined;
  if (!e || typeof e !== 'object') return false;
  return (
    (e.name !== undefined && THROTTLING_NAMES.has(e.name)) ||
    e.$metadata?.httpStatusCode === 429 ||
    e.$retryable?.throttling === true
  );
}

export function isServerError(error: unknown): boolean {
  const status = (error as AwsLikeError | undefined)?.$metadata?.httpStatusCode;
  return (status !== undefined && status >= 500) || (error as AwsLikeError | undefined)?.name === 'ServerException';
}

/** Throttling and 5xx: safe to retry for reads. */
export const isTransient = (error: unknown): boolean => isThrottling(error) || isServerError(error);

/**
 * Runs `operation`, retrying failures `shouldRetry` accepts with exponential backoff and full
 * jitter (a random wait in [0, min(max, base·2^n)]), so many throttled clients spread out instead
 * of retrying in lock step.
 */
export async function withBackoff<T>(
  description: string,
  operation: () => Promise<T>,
  shouldRetry: (error: unknown) => boolean,
  options: BackoffOptions = {},
): Promise<T> {
  const base = options.baseDelayMs ?? 200;
  const max = options.maxDelayMs ?? 20_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw new WaitAbortedError(`Stopped before ${description}: the operation was aborted.`);
    try {
      return await operation();
    } catch (error) {
      if (!shouldRetry(error)) throw error;
      if (attempt >= maxAttempts) {
        const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        throw new BatchRetriesExhaustedError(
          `${description} failed ${attempt} times (last: ${detail}). AWS Batch is throttling or unavailable; try again later or poll less often.`,
          attempt,
          error,
        );
      }
      const delayMs = Math.floor(random() * Math.min(max, base * 2 ** (attempt - 1)));
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}
