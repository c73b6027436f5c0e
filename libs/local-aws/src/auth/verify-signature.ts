import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest, QueryParameterBag } from '@smithy/types';
import { AuthError, CREDENTIALS_HINT } from './auth-error';
import type { AccessKeys } from './credentials';
import { parseAmzDate, parseQuery, splitUrl, type SigV4Claim } from './sigv4-request';

/** SigV4 allows a signature's time to be this far from the server's clock. */
export const CLOCK_SKEW_MS = 15 * 60 * 1000;

const sha256 = Hash.bind(null, 'sha256');
const UNSIGNED = 'UNSIGNED-PAYLOAD';

const timestamp = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function queryBag(search: string, drop: (name: string) => boolean): QueryParameterBag {
  const bag: QueryParameterBag = {};
  for (const [name, value] of parseQuery(search)) {
    if (drop(name)) continue;
    const existing = bag[name];
    bag[name] = existing === undefined || existing === null ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return bag;
}

/**
 * Checks a request's SigV4 signature by signing the same request again with the SDK's own signer
 * (`@smithy/signature-v4`) and the secret the stack knows for the access key. S3 signs the path
 * as sent; every other service escapes it once more (AWS's rule, mirrored by the signer's
 * `uriEscapePath`). `body` is the whole body when the payload hash is not in a header (the JSON
 * services); S3 always declares it in `x-amz-content-sha256` (a hash, `UNSIGNED-PAYLOAD` or a
 * `STREAMING-…` aws-chunked payload), and presigned S3 URLs are always `UNSIGNED-PAYLOAD`.
 */
export async function verifySignature(req: IncomingMessage, claim: SigV4Claim, keys: AccessKeys, body: Buffer | undefined, now: number): Promise<void> {
  const signedAt = parseAmzDate(claim.amzDate);
  if (claim.presigned) {
    if (signedAt - now > CLOCK_SKEW_MS) throw new AuthError('clock-skew', `Request is not valid yet: X-Amz-Date ${claim.amzDate} is in the future.`);
    if (now > signedAt + (claim.expiresIn as number) * 1000) {
      throw new AuthError('presign-expired', `Request has expired: the URL was valid until ${timestamp(signedAt + (claim.expiresIn as number) * 1000)}, it is now ${timestamp(now)}.`);
    }
  } else if (Math.abs(now - signedAt) > CLOCK_SKEW_MS) {
    throw new AuthError(
      'clock-skew',
      `Signature expired: ${claim.amzDate} is now earlier than ${timestamp(now - CLOCK_SKEW_MS)} (${timestamp(now)} - 15 min.) or later than ${timestamp(now + CLOCK_SKEW_MS)}. Check this machine's clock.`,
    );
  }
  if (claim.amzDate.slice(0, 8) !== claim.date) throw new AuthError('bad-signature', `The credential scope date ${claim.date} is not the date of X-Amz-Date ${claim.amzDate}.`);

  const s3 = claim.service === 's3';
  const { path, search } = splitUrl(req.url ?? '/');
  const signed = new Set(claim.signedHeaders.map((h) => h.toLowerCase()));
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = headerValue(req, name);
    if (value === undefined) throw new AuthError('bad-signature', `The header "${name}" is listed in SignedHeaders but not sent.`);
    headers[name] = value;
  }
  const signer = new SignatureV4({ service: claim.service, region: claim.region, credentials: keys, sha256, uriEscapePath: !s3, applyChecksum: false });
  const [hostname, port] = (headerValue(req, 'host') ?? '').split(/:(?=\d+$)/);
  const base = { method: req.method ?? 'GET', protocol: 'http:', hostname, port: port ? Number(port) : undefined, path, headers } as const;
  const options = { signingDate: new Date(signedAt), signingRegion: claim.region, signingService: claim.service, signableHeaders: signed };

  const matches = (expected: string | undefined): boolean =>
    expected !== undefined && expected.length === claim.signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(claim.signature));
  let expected: string | undefined;
  if (claim.presigned) {
    const presignWith = async (payloadHash: string): Promise<string | undefined> => {
      const payload = signed.has('x-amz-content-sha256') ? {} : { 'x-amz-content-sha256': payloadHash };
      const request = { ...base, headers: { ...headers, ...payload }, query: queryBag(search, (n) => n.toLowerCase() === 'x-amz-signature') } as HttpRequest;
      const presigned = await signer.presign(request, {
        ...options,
        expiresIn: claim.expiresIn,
        unhoistableHeaders: new Set([...signed, 'x-amz-content-sha256']),
        unsignableHeaders: signed.has('x-amz-content-sha256') ? undefined : new Set(['x-amz-content-sha256']),
      });
      const value = presigned.query?.['X-Amz-Signature'];
      return typeof value === 'string' ? value : undefined;
    };
    // Presigned S3 URLs sign UNSIGNED-PAYLOAD (what the SDK's and the CLI's presigners do); a
    // URL presigned with the bare SigV4 signer signs the hash of the (empty) body instead.
    expected = s3 ? await presignWith(UNSIGNED) : undefined;
    if (!matches(expected)) expected = await presignWith(await sha256Hex(body));
  } else {
    const declared = headerValue(req, 'x-amz-content-sha256');
    if (declared === undefined && body === undefined) throw new Error('verifySignature needs the body when the payload hash is not declared');
    const request = { ...base, query: queryBag(search, () => false), body: declared === undefined ? body : undefined } as HttpRequest;
    if (declared !== undefined) request.headers['x-amz-content-sha256'] = declared;
    const result = await signer.sign(request, options);
    expected = /Signature=([0-9a-f]+)/.exec(String(result.headers.authorization ?? result.headers.Authorization))?.[1];
  }
  if (!matches(expected)) {
    throw new AuthError(
      'bad-signature',
      `The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. ${CREDENTIALS_HINT}`,
    );
  }
}

export async function sha256Hex(body: Buffer | undefined): Promise<string> {
  const hash = new sha256();
  hash.update(body ?? Buffer.alloc(0));
  return Buffer.from(await hash.digest()).toString('hex');
}
