import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/** Signs one HTTP request; returns the headers to send (the given ones plus the signature). */
export type RequestSigner = (request: { url: URL; method: string; headers: Record<string, string>; body: Uint8Array }) => Promise<Record<string, string>>;

/**
 * SigV4 signing with the SDK's default credential chain (environment, web identity, ECS task
 * role — the one a Batch job has — instance profile). The body is part of the signature.
 */
export function createSigV4Signer(options: {
  region: string;
  service: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}): RequestSigner {
  const signer = new SignatureV4({
    region: options.region,
    service: options.service,
    credentials: options.credentials ?? defaultProvider(),
    sha256: Hash.bind(null, 'sha256'),
  });
  return async ({ url, method, headers, body }) => {
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...headers, host: url.host },
      body,
    });
    return signed.headers;
  };
}
