import { BatchClient } from '@aws-sdk/client-batch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { createBatchClient } from '@framefarm/batch-client';
import { createDocumentClient, createS3Client, ObjectStore, RunRecords, RunStore } from '@framefarm/run-store';
import { localTargetCredentials } from './local-credentials';
import { Target } from './target';

export interface AwsClients {
  batch: BatchClient;
  logs: CloudWatchLogsClient;
  /** The run's bucket and table, through the same code the jobs use. */
  store: RunStore;
}

/**
 * The SDK environment for a target, as a job there would have it: only the endpoint (and, locally,
 * the local stack's credentials) differ between places.
 */
export function targetEnvironment(target: Target, env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const credentials = target.kind === 'local' ? localTargetCredentials(env) : undefined;
  return {
    ...env,
    AWS_REGION: target.region,
    ...(target.endpoint ? { AWS_ENDPOINT_URL: target.endpoint } : {}),
    ...(credentials ? { AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_SESSION_TOKEN: credentials.sessionToken } : {}),
  };
}

/** The Batch client of a target: the one retry policy (createBatchClient), the target's endpoint and keys. */
export function batchClientFor(target: Target, env: NodeJS.ProcessEnv = process.env): BatchClient {
  return createBatchClient(clientConfig(target, env));
}

// On AWS the SDK's own credential chain applies; locally, the keys localTargetCredentials settles on.
const clientConfig = (target: Target, env: NodeJS.ProcessEnv) => ({
  region: target.region,
  ...(target.endpoint ? { endpoint: target.endpoint } : {}),
  ...(target.kind === 'local' ? { credentials: localTargetCredentials(env) } : {}),
});

export function clientsFor(target: Target, env: NodeJS.ProcessEnv = process.env): AwsClients {
  const sdkEnv = targetEnvironment(target, env);
  return {
    batch: batchClientFor(target, env),
    logs: new CloudWatchLogsClient(clientConfig(target, env)),
    store: new RunStore(new ObjectStore(createS3Client(sdkEnv), target.bucket), new RunRecords(createDocumentClient(sdkEnv), target.table)),
  };
}

export function destroyClients(clients: AwsClients): void {
  clients.batch.destroy();
  clients.logs.destroy();
  clients.store.objects.s3.destroy();
  clients.store.records.db.destroy();
}
