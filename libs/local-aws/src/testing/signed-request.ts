import { createHash } from 'node:crypto';
import { Hash } from '@smithy/core/serde';
import { request } from 'node:http';
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AccessKeys } from '../auth/credentials';
import { DEFAULT_REGION } from '../local-environment';

/** SHA-256 for the SigV4 signer: the same as the edge's. */
export const sha256 = Hash.bind(null, 'sha256');

export interface RawAnswer {
  status: number;
  body: string;
}

/**
 * A request signed with the stack's credentials but otherwise exactly as given: the raw path is
 * sent unnormalized (`/b/../../x` stays), which no SDK would do. For bad-input and fuzz tests.
 */
export async function signedRequest(
  endpoint: string,
  credentials: AccessKeys,
  options: { service: string; method: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawAnswer> {
  const url = new URL(endpoint);
  const body = options.body ?? '';
  const [rawPath, rawQuery = ''] = options.path.split(/\?(.*)/s);
  const signer = new SignatureV4({ service: options.service, region: DEFAULT_REGION, credentials, sha256, uriEscapePath: false, applyChecksum: false });
  const signed = await signer.sign(
    new HttpRequest({
      method: options.method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      // The raw path is signed as sent; its query goes in the query bag, as a client signs it.
      path: rawPath,
      query: Object.fromEntries(new URLSearchParams(rawQuery)),
      headers: {
        host: url.host,
        'content-length': String(Buffer.byteLength(body)),
        // S3 wants the payload hash as a header; the other services read it from the signature
        ...(options.service === 's3' ? { 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') } : {}),
        ...options.headers,
      },
      body,
    }),
  );
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: Number(url.port), method: options.method, path: options.path, headers: signed.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
