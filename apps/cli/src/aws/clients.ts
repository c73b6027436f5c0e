import { BatchClient } from '@aws-sdk/client-batch';
import { createBatchClient } from '@framefarm/batch-client';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LOCAL_CREDENTIALS } from '@framefarm/local-aws';
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
 * the dummy credentials the local stack accepts when none are configured) differ between places.
 */
export function targetEnvironment(target: Target, env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const local = target.kind === 'local' && !env.AWS_ACCESS_KEY_ID;
  return {
    ...env,
    AWS_REGION: target.region,
    ...(target.endpoint ? { AWS_ENDPOINT_URL: target.endpoint } : {}),
    ...(local ? { AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey } : {}),
  };
}

export function clientsFor(target: Target): AwsClients {
  const env = targetEnvironment(target);
  // On AWS the SDK's own credential chain applies; locally, the keys targetEnvironment settled on.
  const local = target.kind === 'local' ? { credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '' } } : {};
  const base = { region: target.region, ...(target.endpoint ? { endpoint: target.endpoint } : {}), ...local };
  return {
    batch: createBatchClient(base),
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
