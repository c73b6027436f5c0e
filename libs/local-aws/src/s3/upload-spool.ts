import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { replayFromFile } from '../edge/replay-request';
import { AwsChunkedDecoder, AwsChunkedEncodingError, decodedHeaders, isAwsChunked } from '../edge/aws-chunked';
import { runningChecksum, type RunningChecksum } from './checksums';
import { S3RequestError } from './s3-error';

export interface SpooledUpload {
  file: string;
  size: number;
  /** The MD5 of the body (hex), which S3 returns as the object's ETag. */
  md5: string;
  /** The headers to forward: the decoded length, no aws-chunked framing. */
  headers: IncomingHttpHeaders;
  discard(): void;
}

/** The checksum the client declared, as a header (`x-amz-checksum-crc32: …`) or a trailer (`x-amz-trailer: x-amz-checksum-crc32`). */
function declaredChecksum(headers: IncomingHttpHeaders): { algorithm: string; header?: string } | undefined {
  const trailer = headers['x-amz-trailer'];
  if (typeof trailer === 'string' && trailer.toLowerCase().startsWith('x-amz-checksum-')) {
    return { algorithm: trailer.toLowerCase().slice('x-amz-checksum-'.length) };
  }
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-amz-checksum-') && !['x-amz-checksum-mode', 'x-amz-checksum-type', 'x-amz-checksum-algorithm'].includes(name) && typeof value === 'string') {
      return { algorithm: name.slice('x-amz-checksum-'.length), header: value };
    }
  }
  return undefined;
}

/** The file system refused a write (disk or quota full, I/O error): the server's fault, not the client's. */
export function isDiskFault(err: unknown): boolean {
  return ['ENOSPC', 'EDQUOT', 'EIO', 'EROFS', 'EMFILE', 'ENFILE'].includes((err as NodeJS.ErrnoException)?.code ?? '');
}

/**
 * Receives an upload body completely into a file before S3 sees it, so an upload is all or
 * nothing as on AWS: a client killed mid-upload (a render job that times out) leaves no object.
 * `aws-chunked` bodies are decoded on the way, a declared CRC32/SHA-1/SHA-256 checksum is verified
 * (BadDigest), and the MD5 (the ETag) is taken, so the store can take the file itself as the
 * object (requestWithSpooledBody) instead of reading and writing the body a second time.
 */
export async function spoolUpload(req: IncomingMessage, directory: string): Promise<SpooledUpload> {
  try {
    mkdirSync(directory, { recursive: true });
  } catch (err) {
    req.resume();
    throw new S3RequestError(503, 'ServiceUnavailable', `The local stack cannot store the upload: ${(err as Error).message}`);
  }
  const file = join(directory, randomUUID());
  const discard = (): void => rmSync(file, { force: true });
  const chunked = isAwsChunked(req.headers);
  const declared = declaredChecksum(req.headers);
  const checksum: RunningChecksum | undefined = declared ? runningChecksum(declared.algorithm) : undefined;
  let size = 0;
  const md5 = createHash('md5');
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      md5.update(chunk);
      checksum?.update(chunk);
      callback(null, chunk);
    },
  });
  const decoder = chunked ? new AwsChunkedDecoder() : undefined;
  try {
    if (decoder) await pipeline(req, decoder, measure, createWriteStream(file));
    else await pipeline(req, measure, createWriteStream(file));
  } catch (err) {
    discard();
    if (isDiskFault(err)) throw new S3RequestError(503, 'ServiceUnavailable', `The local stack cannot store the upload (${(err as NodeJS.ErrnoException).code}); free disk space and retry.`);
    if (err instanceof AwsChunkedEncodingError) throw new S3RequestError(400, 'IncompleteBody', err.message);
    throw new S3RequestError(400, 'IncompleteBody', `The upload did not arrive completely: ${(err as Error).message}`);
  }
  const headers = chunked ? decodedHeaders(req.headers) : { ...req.headers };
  const expected = Number(headers['content-length']);
  if (headers['content-length'] !== undefined && expected !== size) {
    discard();
    throw new S3RequestError(400, 'IncompleteBody', `You did not provide the number of bytes specified by the Content-Length HTTP header (${expected}); got ${size}.`);
  }
  if (declared && checksum) {
    const sent = declared.header ?? decoder?.trailers[`x-amz-checksum-${declared.algorithm}`];
    if (sent === undefined) {
      discard();
      throw new S3RequestError(400, 'InvalidRequest', `The upload declared a ${declared.algorithm.toUpperCase()} checksum trailer but did not send it.`);
    }
    if (sent !== checksum.digest()) {
      discard();
      throw new S3RequestError(400, 'BadDigest', `The ${declared.algorithm.toUpperCase()} you specified did not match the calculated checksum.`);
    }
  }
  headers['content-length'] = String(size);
  delete headers['transfer-encoding'];
  return { file, size, md5: md5.digest('hex'), headers, discard };
}

const spooledBodies = new WeakMap<object, SpooledUpload>();

/** The upload request again, its body read from the spooled file; the store may take the file instead (takeSpooledUpload). */
export function requestWithSpooledBody(req: IncomingMessage, upload: SpooledUpload): IncomingMessage {
  const replay = replayFromFile(req, upload.file, upload.headers);
  spooledBodies.set(replay, upload);
  return replay;
}

/** The spooled upload behind a request body, given once: who takes it moves its file (the body is then left unread). */
export function takeSpooledUpload(body: unknown): SpooledUpload | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const upload = spooledBodies.get(body);
  spooledBodies.delete(body);
  return upload;
}
