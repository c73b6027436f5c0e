import { BatchClient, BatchClientConfig } from '@aws-sdk/client-batch';

/**
 * The one retry policy for AWS Batch calls, applied where the client is built: the SDK's own
 * retry strategy in adaptive mode, which backs off and also slows the client's sending rate when
 * Batch throttles (SubmitJob and DescribeJobs are limited to about 50 calls a second per
 * account). Throttling, 5xx and network errors are retried, up to 8 calls in all; nothing in
 * this library retries on top of it.
 */
export const BATCH_RETRY = { retryMode: 'adaptive', maxAttempts: 8 } as const satisfies Pick<BatchClientConfig, 'retryMode' | 'maxAttempts'>;

/** A Batch client with the retry policy; endpoint, region and credentials are the caller's. */
export function createBatchClient(config: Omit<BatchClientConfig, 'retryMode' | 'maxAttempts' | 'retryStrategy'> = {}): BatchClient {
  return new BatchClient({ ...config, ...BATCH_RETRY });
}
