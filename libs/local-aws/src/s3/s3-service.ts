import { mkdirSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { credentialScopeOf, sigV2AccessKeyOf } from '../edge/credential-scope';
import { serveInProcess } from '../edge/serve-in-process';
import { listObjectsV2, listObjectsV2Bucket } from './list-objects-v2';
import { BUCKET_NAME, MAX_KEY_BYTES } from './s3-limits';
import { S3RequestError, sendS3Error } from './s3-error';
import { requestWithSpooledBody, spoolUpload } from './upload-spool';

/**
 * Bucket and key a request addresses (path style, or `<bucket>.localhost` virtual-host style),
 * checked as S3 checks them before anything touches the store.
 */
export function checkAddress(req: IncomingMessage): S3RequestError | undefined {
  const address = addressOf(req);
  if (address instanceof S3RequestError) return address;
  const { bucket, key } = address;
  if (bucket === '') return undefined; // ListBuckets
  if (!BUCKET_NAME.test(bucket)) return new S3RequestError(400, 'InvalidBucketName', 'The specified bucket is not valid.');
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) return new S3RequestError(400, 'KeyTooLongError', 'Your key is too long');
  return undefined;
}

/**
 * s3rver's router splits the key at '/' and cannot route empty segments (`a//b`, a leading '/');
 * as one percent-encoded segment (which the router decodes) every key reaches the store whole.
 */
export function wholeKeyPath(req: IncomingMessage): string | undefined {
  const address = addressOf(req);
  if (address instanceof S3RequestError || address.vhost || address.key === '') return undefined;
  const query = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?')) : '';
  return `/${address.bucket}/${encodeURIComponent(address.key)}${query}`;
}

function addressOf(req: IncomingMessage): { bucket: string; key: string; vhost: boolean } | S3RequestError {
  const [rawPath] = (req.url ?? '/').split('?');
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  const vhost = /^(.+)\.localhost$/.exec(host)?.[1];
  let bucket: string;
  let key: string;
  try {
    if (vhost !== undefined) {
      bucket = vhost;
      key = decodeURIComponent(rawPath.slice(1));
    } else {
      const slash = rawPath.indexOf('/', 1);
      bucket = decodeURIComponent(slash < 0 ? rawPath.slice(1) : rawPath.slice(1, slash));
      key = slash < 0 ? '' : decodeURIComponent(rawPath.slice(slash + 1));
    }
  } catch {
    return new S3RequestError(400, 'InvalidURI', "Couldn't parse the specified URI.");
  }
  return { bucket, key, vhost: vhost !== undefined };
}

/**
 * s3rver (Koa, winston and their dependencies) and the store built on it load when a stack starts,
 * not with this module: the CLI's commands that start no stack (`status`, `logs`, `--help`…)
 * import this library too, and loading them was about a quarter of each such command's CPU
 * (tools/bench/findings.ts). require, not import(): the CLI's bundle keeps import() of a package,
 * and Node's ES module loader then wants file extensions that s3rver's subpaths lack.
 */
function loadS3rver() {
  const S3rver = require('s3rver') as typeof import('s3rver');
  const AWSAccount = require('s3rver/lib/models/account') as typeof import('s3rver/lib/models/account');
  const { SafeObjectStore } = require('./object-store') as typeof import('./object-store');
  return { S3rver, AWSAccount, SafeObjectStore };
}

export interface S3Service {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  stop(): Promise<void>;
}

/**
 * S3 backed by s3rver (objects as files under `directory`), which answers each request in this
 * process, as its own HTTP server would. Requests pass through untouched except uploads (PUT
 * bodies: PutObject, UploadPart), which are received completely first (see spoolUpload): decoded
 * from `aws-chunked`, which s3rver would store with its framing, and checked against the checksum
 * the client declared; the store then takes the spooled file as the object.
 */
export async function startS3Service(options: { directory: string; spoolDirectory: string }): Promise<S3Service> {
  mkdirSync(options.directory, { recursive: true });
  rmSync(options.spoolDirectory, { recursive: true, force: true }); // leftovers of a crash
  const { S3rver, AWSAccount, SafeObjectStore } = loadS3rver();
  const server = new S3rver({
    silent: true,
    directory: options.directory,
    allowMismatchedSignatures: true,
    vhostBuckets: true,
  });
  // Keys become file names only through SafeObjectStore (see there why s3rver's own store is replaced).
  const store = new SafeObjectStore(options.directory);
  server.store = server.context.store = store;
  // s3rver's first middleware is koa-logger feeding a logger that `silent` mutes: for nothing, it
  // formats two lines per request and pipes every streamed body through a byte counter.
  if (server.middleware[0]?.name === 'logger') server.middleware.shift();
  // Served here rather than through an HTTP server of s3rver's own on another loopback port: no
  // second port to guard, and a body crosses no second connection.
  const s3rver = server.callback();

  return {
    async handle(req, res) {
      // s3rver only knows its own key pair; the local stack accepts any access key.
      const accessKeyId = credentialScopeOf(req)?.accessKeyId ?? sigV2AccessKeyOf(req);
      if (accessKeyId && !AWSAccount.registry.has(accessKeyId)) AWSAccount.DUMMY_ACCOUNT.createKeyPair(accessKeyId, accessKeyId);
      const refused = checkAddress(req);
      if (refused) {
        req.resume();
        return sendS3Error(res, refused.status, refused.code, refused.message);
      }
      const listing = listObjectsV2Bucket(req);
      if (listing) {
        req.resume();
        return listObjectsV2(store, listing.bucket, listing.query, res).catch((err: Error) => sendS3Error(res, 500, 'InternalError', err.message));
      }
      req.url = wholeKeyPath(req) ?? req.url;
      if (req.method !== 'PUT') return serveInProcess(s3rver, req, res);
      let upload;
      try {
        upload = await spoolUpload(req, options.spoolDirectory);
      } catch (err) {
        if (err instanceof S3RequestError) return sendS3Error(res, err.status, err.code, err.message);
        throw err;
      }
      try {
        await serveInProcess(s3rver, requestWithSpooledBody(req, upload), res);
      } finally {
        upload.discard();
      }
    },
    stop: async () => server.logger.close(),
  };
}
