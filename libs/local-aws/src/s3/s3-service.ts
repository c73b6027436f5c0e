import { mkdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account';
import { AwsChunkedDecoder, decodedHeaders, isAwsChunked } from '../edge/aws-chunked';
import { credentialScopeOf, sigV2AccessKeyOf } from '../edge/credential-scope';
import { proxyRequest } from '../edge/proxy';

export interface S3Service {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  stop(): Promise<void>;
}

/**
 * S3 backed by s3rver (objects as files under `directory`), listening on an internal loopback
 * port. The edge forwards requests untouched, except that `aws-chunked` uploads (streaming
 * SigV4 payloads, checksum trailers of current SDKs) are decoded first: s3rver stores bodies as
 * they arrive and would otherwise keep the chunk framing in the object.
 */
export async function startS3Service(options: { directory: string }): Promise<S3Service> {
  mkdirSync(options.directory, { recursive: true });
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
      if (!isAwsChunked(req.headers)) return proxyRequest(req, res, target);
      const decoder = new AwsChunkedDecoder();
      pipeline(req, decoder, () => undefined); // errors surface through the decoder
      return proxyRequest(req, res, target, { headers: decodedHeaders(req.headers), body: decoder });
    },
    stop: () => server.close(),
  };
}
