import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { startCoreServices, type CoreServices } from '../src/core-services';
import { LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS } from '../src/local-environment';

export const REGION = 'us-east-1';

export function tempStateDir(prefix = 'framefarm-local-aws-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function startCore(stateDir: string): Promise<CoreServices> {
  return startCoreServices({ stateDir, host: '127.0.0.1', port: 0, region: REGION, accountId: LOCAL_ACCOUNT_ID });
}

const clientConfig = (endpoint: string) => ({ endpoint, region: REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });

export const s3Client = (endpoint: string): S3Client => new S3Client({ ...clientConfig(endpoint), forcePathStyle: true });
export const dynamoClient = (endpoint: string): DynamoDBClient => new DynamoDBClient(clientConfig(endpoint));
export const logsClient = (endpoint: string): CloudWatchLogsClient => new CloudWatchLogsClient(clientConfig(endpoint));
