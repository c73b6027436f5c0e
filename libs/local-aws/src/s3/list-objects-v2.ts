import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SafeObjectStore } from './object-store';
import { sendS3Error } from './s3-error';

const escapeXml = (text: string): string =>
  text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => `&#${c.charCodeAt(0)};`);

/** S3's continuation token is opaque to clients; here it is the last key listed, base64url-encoded. */
const encodeToken = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');
const decodeToken = (token: string): string | undefined => {
  const key = Buffer.from(token, 'base64url').toString('utf8');
  return encodeToken(key) === token ? key : undefined;
};

/**
 * ListObjectsV2 (`GET /<bucket>?list-type=2`), answered from the object store. s3rver's own
 * version encrypts its continuation token with DES, which OpenSSL 3 no longer offers, so every
 * listing with more than one page (over 1,000 keys) failed with InternalError.
 */
export async function listObjectsV2(store: SafeObjectStore, bucket: string, query: URLSearchParams, res: ServerResponse): Promise<void> {
  if (!(await store.getBucket(bucket))) return sendS3Error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
  const maxKeysText = query.get('max-keys');
  const maxKeys = maxKeysText === null ? 1000 : Number(maxKeysText);
  if (!Number.isInteger(maxKeys) || maxKeys < 0) return sendS3Error(res, 400, 'InvalidArgument', 'Provided max-keys not an integer or within integer range');
  const token = query.get('continuation-token');
  const after = token === null ? undefined : decodeToken(token);
  if (token !== null && after === undefined) return sendS3Error(res, 400, 'InvalidArgument', 'The continuation token provided is incorrect');
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const startAfter = query.get('start-after') ?? '';
  const urlEncoded = query.get('encoding-type') === 'url';
  const key = (text: string): string => escapeXml(urlEncoded ? encodeURIComponent(text).replace(/%2F/g, '/') : text);

  const page = await store.listObjects(bucket, { prefix, delimiter, startAfter: after ?? startAfter, maxKeys: Math.min(maxKeys, 1000) });
  const objects = page.objects as { key: string; metadata: { etag: string; 'content-length': number; 'last-modified': string } }[];
  // a common prefix counts toward max-keys as AWS counts it; the store already stopped at maxKeys keys
  const last = objects.length > 0 ? objects[objects.length - 1].key : undefined;
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
    `<Name>${escapeXml(bucket)}</Name>`,
    `<Prefix>${key(prefix)}</Prefix>`,
    delimiter ? `<Delimiter>${key(delimiter)}</Delimiter>` : '',
    `<MaxKeys>${maxKeys}</MaxKeys>`,
    urlEncoded ? '<EncodingType>url</EncodingType>' : '',
    `<KeyCount>${objects.length + page.commonPrefixes.length}</KeyCount>`,
    `<IsTruncated>${page.isTruncated}</IsTruncated>`,
    token !== null ? `<ContinuationToken>${escapeXml(token)}</ContinuationToken>` : '',
    page.isTruncated && last !== undefined ? `<NextContinuationToken>${encodeToken(last)}</NextContinuationToken>` : '',
    token === null && startAfter ? `<StartAfter>${key(startAfter)}</StartAfter>` : '',
    ...objects.map(
      (o) =>
        `<Contents><Key>${key(o.key)}</Key><LastModified>${new Date(o.metadata['last-modified']).toISOString()}</LastModified>` +
        `<ETag>${escapeXml(o.metadata.etag)}</ETag><Size>${o.metadata['content-length']}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
    ),
    ...page.commonPrefixes.map((p) => `<CommonPrefixes><Prefix>${key(p)}</Prefix></CommonPrefixes>`),
    '</ListBucketResult>',
  ];
  const body = parts.join('');
  res.writeHead(200, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The bucket of a path-style ListObjectsV2 request, or undefined for anything else. */
export function listObjectsV2Bucket(req: IncomingMessage): { bucket: string; query: URLSearchParams } | undefined {
  if (req.method !== 'GET') return undefined;
  const url = req.url ?? '/';
  const at = url.indexOf('?');
  if (at < 0) return undefined;
  const query = new URLSearchParams(url.slice(at + 1));
  if (query.get('list-type') !== '2') return undefined;
  const path = url.slice(1, at);
  if (path === '' || path.slice(0, -1).includes('/')) return undefined;
  return { bucket: decodeURIComponent(path.replace(/\/$/, '')), query };
}
