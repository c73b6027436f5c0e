import { BatchClient } from '@aws-sdk/client-batch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { createBatchClient } from '@framefarm/batch-client';
import { credentialsEnvironment } from '@framefarm/local-aws';
import { createDocumentClient, createS3Client, ObjectStore, RunRecords, RunStore } from '@framefarm/run-store';
import { Target } from './target';
import { explainUnreachable } from './unreachable';

export interface AwsClients {
  batch: BatchClient;
  logs: CloudWatchLogsClient;
  /** The run's bucket and table, through the same code the jobs use. */
  store: RunStore;
}

/**
 * The SDK environment for a target, as a job there would have it: only the endpoint (and, locally,
 * the stack's own credentials, see `localStackCredentials`) differ between places.
 */
export function targetEnvironment(target: Target, env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const local = target.kind === 'local' && target.credentials;
  return {
    ...env,
    AWS_REGION: target.region,
    ...(target.endpoint ? { AWS_ENDPOINT_URL: target.endpoint } : {}),
    ...(local ? { AWS_SESSION_TOKEN: undefined, ...credentialsEnvironment(local) } : {}),
  };
}

/** The Batch client of a target: the one retry policy (createBatchClient), the target's endpoint and keys. */
export function batchClientFor(target: Target, env: NodeJS.ProcessEnv = process.env): BatchClient {
  return createBatchClient(clientConfig(target, env));
}

// On AWS the SDK's own credential chain applies; locally, the stack's keys resolveTarget found.
const clientConfig = (target: Target, _env: NodeJS.ProcessEnv) => ({
  region: target.region,
  ...(target.endpoint ? { endpoint: target.endpoint } : {}),
  ...(target.kind === 'local' && target.credentials ? { credentials: target.credentials } : {}),
});

export function clientsFor(target: Target, env: NodeJS.ProcessEnv = process.env): AwsClients {
  const sdkEnv = targetEnvironment(target, env);
  return {
    batch: batchClientFor(target, env),
    logs: new CloudWatchLogsClient(clientConfig(target, env)),
    store: new RunStore(new ObjectStore(createS3Client(sdkEnv), target.bucket), new RunRecords(createDocumentClient(sdkEnv), target.table)),
  };
}

/** Runs `work` with the target's clients and closes them after; a target that does not answer is said so (explainUnreachable). */
export async function withClients<T>(target: Target, work: (clients: AwsClients) => Promise<T>): Promise<T> {
  const clients = clientsFor(target);
  try {
    return await work(clients);
  } catch (error) {
    throw explainUnreachable(error, target);
  } finally {
    destroyClients(clients);
  }
}

export function destroyClients(clients: AwsClients): void {
  clients.batch.destroy();
  clients.logs.destroy();
  clients.store.objects.s3.destroy();
  clients.store.records.db.destroy();
}
