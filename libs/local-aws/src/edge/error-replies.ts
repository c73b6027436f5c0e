import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { AuthFailure } from '../auth/auth-error';

const escapeXml = (text: string): string => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function sendJsonError(res: ServerResponse, status: number, type: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ __type: type, message });
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-amzn-errortype': type,
  });
  res.end(body);
}

function sendXml(res: ServerResponse, status: number, body: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** restXml (S3): `<Error><Code>…</Code><Message>…</Message></Error>`. */
export function sendS3XmlError(res: ServerResponse, status: number, code: string, message: string): void {
  sendXml(res, status, `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message><RequestId>${randomUUID()}</RequestId></Error>`);
}

/** awsQuery (STS): `<ErrorResponse><Error><Type>Sender</Type><Code>…</Code>…`. */
export function sendQueryError(res: ServerResponse, status: number, code: string, message: string): void {
  sendXml(
    res,
    status,
    `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );
}

type Protocol = 'json' | 's3' | 'query';
const protocolOf = (service: string | undefined): Protocol => (service === 's3' ? 's3' : service === 'sts' ? 'query' : 'json');

/** AWS's error code and status for each way a signature can fail, per protocol. */
const AUTH_CODES: Record<AuthFailure, Record<Protocol, [number, string]>> = {
  missing: { json: [403, 'MissingAuthenticationTokenException'], s3: [403, 'AccessDenied'], query: [403, 'MissingAuthenticationToken'] },
  malformed: { json: [403, 'IncompleteSignatureException'], s3: [400, 'AuthorizationHeaderMalformed'], query: [403, 'IncompleteSignature'] },
  'unsupported-algorithm': { json: [403, 'IncompleteSignatureException'], s3: [400, 'InvalidRequest'], query: [403, 'IncompleteSignature'] },
  'unknown-key': { json: [403, 'UnrecognizedClientException'], s3: [403, 'InvalidAccessKeyId'], query: [403, 'InvalidClientTokenId'] },
  'invalid-token': { json: [403, 'UnrecognizedClientException'], s3: [400, 'InvalidToken'], query: [403, 'InvalidClientTokenId'] },
  'expired-token': { json: [403, 'ExpiredTokenException'], s3: [400, 'ExpiredToken'], query: [403, 'ExpiredToken'] },
  'bad-signature': { json: [403, 'InvalidSignatureException'], s3: [403, 'SignatureDoesNotMatch'], query: [403, 'SignatureDoesNotMatch'] },
  'clock-skew': { json: [403, 'InvalidSignatureException'], s3: [403, 'RequestTimeTooSkewed'], query: [403, 'SignatureDoesNotMatch'] },
  'presign-expired': { json: [403, 'AccessDeniedException'], s3: [403, 'AccessDenied'], query: [403, 'AccessDenied'] },
  'body-mismatch': { json: [400, 'SerializationException'], s3: [400, 'XAmzContentSHA256Mismatch'], query: [400, 'InvalidRequest'] },
};

/** Sends an error in the protocol of `service` (S3 XML, STS query XML, or JSON with `x-amzn-errortype`). */
export function sendServiceError(res: ServerResponse, service: string | undefined, status: number, codes: Record<Protocol, string>, message: string): void {
  const protocol = protocolOf(service);
  if (protocol === 's3') sendS3XmlError(res, status, codes.s3, message);
  else if (protocol === 'query') sendQueryError(res, status, codes.query, message);
  else sendJsonError(res, status, codes.json, message);
}

export function sendAuthFailure(res: ServerResponse, service: string | undefined, failure: AuthFailure, message: string): void {
  const protocol = protocolOf(service);
  const [status, code] = AUTH_CODES[failure][protocol];
  if (protocol === 's3') sendS3XmlError(res, status, code, message);
  else if (protocol === 'query') sendQueryError(res, status, code, message);
  else sendJsonError(res, status, code, message);
}

/** AWS's answer to a request no policy allows. */
export function sendAccessDenied(res: ServerResponse, service: string, message: string): void {
  sendServiceError(res, service, 403, { json: 'AccessDeniedException', s3: 'AccessDenied', query: 'AccessDenied' }, message);
}
