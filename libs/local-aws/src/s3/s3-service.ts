import { createReadStream, mkdirSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account';
import { credentialScopeOf, sigV2AccessKeyOf } from '../edge/credential-scope';
import { proxyRequest } from '../edge/proxy';
import { S3RequestError, sendS3Error } from './s3-error';
import { spoolUpload } from './upload-spool';

export interface S3Service {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  stop(): Promise<void>;
}

/**
 * S3 backed by s3rver (objects as files under `directory`), listening on an internal loopback
 * port. Requests pass through untouched except uploads (PUT bodies: PutObject, UploadPart), which
 * are received completely first (see spoolUpload): decoded from `aws-chunked`, which s3rver would
 * store with its framing, and checked against the checksum the client declared.
 */
export async function startS3Service(options: { directory: string; spoolDirectory: string }): Promise<S3Service> {
  mkdirSync(options.directory, { recursive: true });
  rmSync(options.spoolDirectory, { recursive: true, force: true }); // leftovers of a crash
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: options.directory,
    allowMismatchedSignatures: true,
    vhostBuckets: true,
  });
  const { port } = await server.run();
  const target = { host: '127.0.0.1', port };

  return {
    async handle(req, res) {
      // s3rver only knows its own key pair; the local stack accepts any access key.
      const accessKeyId = credentialScopeOf(req)?.accessKeyId ?? sigV2AccessKeyOf(req);
      if (accessKeyId && !AWSAccount.registry.has(accessKeyId)) AWSAccount.DUMMY_ACCOUNT.createKeyPair(accessKeyId, accessKeyId);
      if (req.method !== 'PUT') return proxyRequest(req, res, target);
      let upload;
      try {
        upload = await spoolUpload(req, options.spoolDirectory);
      } catch (err) {
        if (err instanceof S3RequestError) return sendS3Error(res, err.status, err.code, err.message);
        throw err;
      }
      try {
        await proxyRequest(req, res, target, { headers: upload.headers, body: createReadStream(upload.file) });
      } finally {
        upload.discard();
      }
    },
    stop: () => server.close(),
  };
}
