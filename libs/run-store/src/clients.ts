import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Env = Record<string, string | undefined>;

/**
 * The SDK reads AWS_ENDPOINT_URL(_S3/_DYNAMODB) itself. What it cannot guess is that a custom S3
 * endpoint (the local stack) wants path-style addressing, and that a local stack needs no real
 * region: both are endpoint configuration, not business logic.
 */
const customEndpoint = (env: Env, service: 'S3' | 'DYNAMODB'): string | undefined => env[`AWS_ENDPOINT_URL_${service}`] || env.AWS_ENDPOINT_URL || undefined;

const regionFor = (env: Env, endpoint: string | undefined): string | undefined =>
  env.AWS_REGION || env.AWS_DEFAULT_REGION || (endpoint ? 'us-east-1' : undefined);

/** Keys given in `env` (not necessarily process.env); otherwise the SDK's default provider chain. */
const credentialsFrom = (env: Env) =>
  env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
    ? { credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) } }
    : {};

export function createS3Client(env: Env = process.env): S3Client {
  const endpoint = customEndpoint(env, 'S3');
  const region = regionFor(env, endpoint);
  // S3-compatible stores do not all decode aws-chunked uploads with trailing checksums (s3rver
  // stores the framing as data), so custom endpoints get checksums only where S3 requires them.
  const compatible = endpoint ? { endpoint, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' as const } : {};
  return new S3Client({ ...credentialsFrom(env), ...(region ? { region } : {}), ...compatible });
}

export function createDocumentClient(env: Env = process.env): DynamoDBDocumentClient {
  const endpoint = customEndpoint(env, 'DYNAMODB');
  const region = regionFor(env, endpoint);
  const client = new DynamoDBClient({ ...credentialsFrom(env), ...(region ? { region } : {}), ...(endpoint ? { endpoint } : {}) });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
