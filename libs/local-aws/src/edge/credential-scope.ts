import type { IncomingMessage } from 'node:http';

/** The parts of a SigV4 credential scope: `<accessKey>/<date>/<region>/<service>/aws4_request`. */
export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

const SCOPE = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;

export function parseCredential(credential: string): CredentialScope | undefined {
  const match = SCOPE.exec(credential.trim());
  if (!match) return undefined;
  return { accessKeyId: match[1], date: match[2], region: match[3], service: match[4] };
}

/**
 * The credential scope a request was signed with: from the `Authorization` header
 * (`AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`) or, for presigned URLs,
 * from the `X-Amz-Credential` query parameter. Parsing only: the edge has already verified the
 * signature (src/auth/) before a service sees the request; services use this to tell their
 * backend who signed (s3rver wants to know the access key).
 */
export function credentialScopeOf(req: IncomingMessage): CredentialScope | undefined {
  const authorization = req.headers.authorization;
  if (typeof authorization === 'string') {
    const credential = /Credential=([^,\s]+)/.exec(authorization);
    if (credential) return parseCredential(credential[1]);
  }
  const url = new URL(req.url ?? '/', 'http://edge');
  for (const [name, value] of url.searchParams) {
    if (name.toLowerCase() === 'x-amz-credential') return parseCredential(value);
  }
  return undefined;
}

/**
 * The access key of a request signed with SigV2, which only S3 still accepts: the
 * `Authorization: AWS <key>:<signature>` header, or `AWSAccessKeyId` + `Signature` query
 * parameters (what `aws s3 presign` of the v1 CLI produces).
 */
export function sigV2AccessKeyOf(req: IncomingMessage): string | undefined {
  const authorization = req.headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^AWS ([^:\s]+):/.exec(authorization);
    return match?.[1];
  }
  const url = new URL(req.url ?? '/', 'http://edge');
  const key = url.searchParams.get('AWSAccessKeyId');
  return key && url.searchParams.has('Signature') ? key : undefined;
}
