import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { Hash } from '@smithy/core/serde';
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { startCoreServices, type CoreServices } from '../src/core-services';
import { LOCAL_ACCOUNT_ID } from '../src/local-environment';

export const REGION = 'us-east-1';

export function tempStateDir(prefix = 'framefarm-local-aws-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function startCore(stateDir: string, options: { acceptAnyCredentials?: boolean } = {}): Promise<CoreServices> {
  return startCoreServices({ stateDir, host: '127.0.0.1', port: 0, region: REGION, accountId: LOCAL_ACCOUNT_ID, ...options });
}

/** Headers of a SigV4-signed request (the SDK's signer), for tests that send raw HTTP. */
export async function signedHeaders(
  services: Pick<Services, 'credentials'>,
  request: { service: string; method: string; url: string; headers?: Record<string, string>; body?: Uint8Array | string },
): Promise<Record<string, string>> {
  const url = new URL(request.url);
  const signer = new SignatureV4({ service: request.service, region: REGION, credentials: services.credentials, sha256: Hash.bind(null, 'sha256'), uriEscapePath: request.service !== 's3' });
  const signed = await signer.sign(
    new HttpRequest({
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { host: url.host, ...request.headers },
      body: request.body,
    }),
  );
  return signed.headers;
}

/** The running services' endpoint and admin credentials, as core services and stacks have them. */
type Services = Pick<CoreServices, 'edge' | 'credentials'>;
const clientConfig = (services: Services) => ({ endpoint: services.edge.endpoint, region: REGION, credentials: services.credentials, maxAttempts: 1 });

export const s3Client = (services: Services): S3Client => new S3Client({ ...clientConfig(services), forcePathStyle: true });
export const dynamoClient = (services: Services): DynamoDBClient => new DynamoDBClient(clientConfig(services));
export const logsClient = (services: Services): CloudWatchLogsClient => new CloudWatchLogsClient(clientConfig(services));
