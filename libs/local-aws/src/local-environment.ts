/** Credentials for talking to the local stack: it accepts any, these are the conventional ones. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

/** The account id the local stack reports in ARNs (dynalite uses the same). */
export const LOCAL_ACCOUNT_ID = '000000000000';

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_PORT = 4566;

/**
 * The environment that points the AWS SDKs and the aws CLI (and OTLP exporters) at the local
 * stack: every service through the one edge endpoint.
 */
export function localEndpointEnvironment(endpoint: string, region: string = DEFAULT_REGION): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
  };
}
