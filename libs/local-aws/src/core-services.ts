import { tracesDir } from '@framefarm/tracing/spans';
import { prepareStateDir } from './state-dir';
import { join } from 'node:path';
import { startDynamoDbService } from './dynamodb/dynamodb-service';
import { Authenticator } from './auth/authenticator';
import { loadOrCreateStackCredentials, type AccessKeys, type StoredCredentials } from './auth/credentials';
import { startEdgeServer, type Authorizer, type EdgeServer } from './edge/edge-server';
import { LogStore } from './logs/log-store';
import { createLogsService } from './logs/logs-service';
import { startS3Service } from './s3/s3-service';
import { createOtlpReceiver } from './traces/otlp-receiver';

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
}

/** Where each service keeps its state under the stack's state directory. */
export function stateLayout(stateDir: string) {
  return {
    s3: join(stateDir, 's3'),
    s3Incoming: join(stateDir, 's3-incoming'),
    dynamodb: join(stateDir, 'dynamodb'),
    logs: join(stateDir, 'logs'),
    // where the tracing library's readers (the report's span source) look
    traces: tracesDir(stateDir),
    batch: join(stateDir, 'batch'),
  };
}

export interface CoreServicesOptions {
  stateDir: string;
  host: string;
  port: number;
  region: string;
  accountId: string;
  /** Accept any key pair without checking signatures (`framefarm up --accept-any-credentials`). Unsafe. */
  acceptAnyCredentials?: boolean;
  /** IAM for role credentials (the stack adds its job roles' policies). */
  authorize?: Authorizer;
}

export interface CoreServices {
  edge: EdgeServer;
  /** The stack's admin key pair, from `<stateDir>/credentials.json` (created on first start). */
  credentials: AccessKeys;
  /** With the session key that seals role credentials: stays inside the stack. */
  storedCredentials: StoredCredentials;
  logStore: LogStore;
  tracesDir: string;
  stop(): Promise<void>;
}

/**
 * The edge with S3, DynamoDB, CloudWatch Logs and the OTLP receiver behind it. The edge listens
 * first, so a busy port fails fast before anything else starts; the Batch engine is added by
 * the caller with `edge.setService('batch', …)` once it knows the endpoint.
 */
export async function startCoreServices(options: CoreServicesOptions): Promise<CoreServices> {
  prepareStateDir(options.stateDir);
  const layout = stateLayout(options.stateDir);
  const logStore = new LogStore(layout.logs);
  const storedCredentials = loadOrCreateStackCredentials(options.stateDir);
  const authenticator = new Authenticator({ credentials: storedCredentials, accountId: options.accountId, acceptAnyCredentials: options.acceptAnyCredentials });
  let edge: EdgeServer;
  try {
    edge = await startEdgeServer({
      host: options.host,
      port: options.port,
      authenticator,
      authorize: options.authorize,
      traces: createOtlpReceiver({ stateDir: options.stateDir }),
      health: () => ({ region: options.region, stateDir: options.stateDir }),
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new PortInUseError(
        `Port ${options.port} on ${options.host} is already in use (is another local stack running?). Stop it, or choose another port.`,
      );
    }
    throw err;
  }
  const stoppers: (() => Promise<void>)[] = [() => edge.stop()];
  const stop = async (): Promise<void> => {
    const errors: unknown[] = [];
    for (const s of stoppers.splice(0)) await s().catch((e: unknown) => errors.push(e));
    if (errors.length > 0) throw errors[0];
  };
  try {
    edge.setService('logs', createLogsService({ store: logStore, region: options.region, accountId: options.accountId }));
    const s3 = await startS3Service({ directory: layout.s3, spoolDirectory: layout.s3Incoming });
    stoppers.push(() => s3.stop());
    edge.setService('s3', s3.handle);
    const dynamodb = await startDynamoDbService({ directory: layout.dynamodb });
    stoppers.push(() => dynamodb.stop());
    edge.setService('dynamodb', dynamodb.handle);
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
  return {
    edge,
    // A fresh object each time: SDK clients annotate the credentials object they are given.
    get credentials() {
      return { accessKeyId: storedCredentials.accessKeyId, secretAccessKey: storedCredentials.secretAccessKey };
    },
    storedCredentials,
    logStore,
    tracesDir: layout.traces,
    stop,
  };
}
