import type { AccessKeys } from './auth/credentials';

/** The account id the local stack reports in ARNs (dynalite uses the same). */
export const LOCAL_ACCOUNT_ID = '000000000000';

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_PORT = 4566;

/** The variables the AWS SDKs' default credential chain reads. */
export function credentialsEnvironment(keys: AccessKeys): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
    ...(keys.sessionToken ? { AWS_SESSION_TOKEN: keys.sessionToken } : {}),
  };
}

/**
 * The environment that points the AWS SDKs and the aws CLI (and the jobs' OTLP export, signed
 * for X-Ray as on AWS) at the local stack, with the given credentials: the stack's own
 * (`stack.credentials`), a role's, or none (a job without a role has none, as on AWS).
 */
export function localEndpointEnvironment(endpoint: string, region: string, credentials: AccessKeys | undefined): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    ...(credentials ? credentialsEnvironment(credentials) : {}),
  };
}
