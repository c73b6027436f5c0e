import { BatchClient } from '@aws-sdk/client-batch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { credentialsEnvironment } from '@framefarm/local-aws';
import { createDocumentClient, createS3Client, ObjectStore, RunRecords, RunStore } from '@framefarm/run-store';
import { Target } from './target';

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

export function clientsFor(target: Target): AwsClients {
  const env = targetEnvironment(target);
  // On AWS the SDK's own credential chain applies; locally, the keys targetEnvironment settled on.
  const local = target.kind === 'local' && target.credentials ? { credentials: target.credentials } : {};
  const base = { region: target.region, ...(target.endpoint ? { endpoint: target.endpoint } : {}), ...local };
  return {
    batch: new BatchClient(base),
    logs: new CloudWatchLogsClient(base),
    store: new RunStore(new ObjectStore(createS3Client(env), target.bucket), new RunRecords(createDocumentClient(env), target.table)),
  };
}

export function destroyClients(clients: AwsClients): void {
  clients.batch.destroy();
  clients.logs.destroy();
  clients.store.objects.s3.destroy();
  clients.store.records.db.destroy();
}
