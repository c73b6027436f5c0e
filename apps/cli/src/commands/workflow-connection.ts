import { BatchClient } from '@aws-sdk/client-batch';
import { localStackCredentials } from '@framefarm/local-aws';
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

/** A local stack on this machine signs with its own credentials (see `localStackCredentials`); AWS with the SDK's chain. */
export function createBatchClient(connection: BatchConnection, env: NodeJS.ProcessEnv): BatchClient {
  return new BatchClient({
    region: connection.region,
    endpoint: connection.endpoint,
    ...(isLoopback(connection.endpoint) ? { credentials: () => localStackCredentials(connection.endpoint, env) } : {}),
  });
}
