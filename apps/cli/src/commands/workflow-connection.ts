import { BatchClient } from '@aws-sdk/client-batch';
import { createBatchClient as batchClientWithRetries } from '@framefarm/batch-client';
import { UsageError } from '../errors';

/** Where the Batch API is: the local stack by default, AWS when an AWS endpoint is given. */
export interface BatchConnection {
  endpoint: string;
  region: string;
}

export const LOCAL_ENDPOINT = 'http://127.0.0.1:4566';
export const DEFAULT_REGION = 'us-east-1';

/** `--endpoint`, else the SDK's standard variables, else the local stack. */
export function resolveConnection(flags: { endpoint?: string; region?: string }, env: NodeJS.ProcessEnv): BatchConnection {
  const endpoint = flags.endpoint ?? env.AWS_ENDPOINT_URL_BATCH ?? env.AWS_ENDPOINT_URL ?? LOCAL_ENDPOINT;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UsageError(`"${endpoint}" is not a URL. Give the Batch endpoint as --endpoint http://host:port (or AWS_ENDPOINT_URL_BATCH).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`The Batch endpoint "${endpoint}" must use http or https.`);
  }
  return { endpoint: endpoint.replace(/\/+$/, ''), region: flags.region ?? env.AWS_REGION ?? DEFAULT_REGION };
}

const isLoopback = (endpoint: string): boolean => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(endpoint).hostname);

/**
 * The local stack accepts any signature, so when nothing else provides credentials, a fixed
 * local pair spares users from configuring AWS just to run on their laptop.
 */
export function createBatchClient(connection: BatchConnection, env: NodeJS.ProcessEnv): BatchClient {
  const hasOwnCredentials = Boolean(env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE || env.AWS_CONTAINER_CREDENTIALS_FULL_URI || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI);
  return batchClientWithRetries({
    region: connection.region,
    endpoint: connection.endpoint,
    ...(isLoopback(connection.endpoint) && !hasOwnCredentials ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
}
