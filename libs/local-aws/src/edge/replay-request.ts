import { createHash } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { IncomingMessage } from 'node:http';
import { AuthError } from '../auth/auth-error';

/**
 * A second IncomingMessage for the same request. It shares the socket (for its address), so it
 * must be marked complete before it ends: an incomplete IncomingMessage destroys its socket when
 * it is destroyed, which would cut the connection under the service's answer.
 */
function twin(req: IncomingMessage): IncomingMessage {
  const replay = new IncomingMessage(req.socket);
  replay.method = req.method;
  replay.url = req.url;
  replay.headers = req.headers;
  replay.rawHeaders = req.rawHeaders;
  replay.httpVersion = req.httpVersion;
  replay.httpVersionMajor = req.httpVersionMajor;
  replay.httpVersionMinor = req.httpVersionMinor;
  return replay;
}

/** The request again, with a body the edge already read (to verify its signature) as its stream. */
export function replayWithBody(req: IncomingMessage, body: Buffer): IncomingMessage {
  const replay = twin(req);
  replay._read = () => undefined;
  if (body.length > 0) replay.push(body);
  replay.complete = true;
  replay.push(null);
  return replay;
}

/**
 * The request again, its body streamed through a SHA-256 check against the signed
 * `x-amz-content-sha256`: a body that does not match ends the stream with an error, so the
 * service behind never completes the upload.
 */
export function replayCheckingHash(req: IncomingMessage, expectedHex: string): IncomingMessage {
  const replay = twin(req);
  const hash = createHash('sha256');
  replay._read = () => void req.resume();
  req.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    if (!replay.push(chunk)) req.pause();
  });
  req.on('end', () => {
    replay.complete = true;
    if (hash.digest('hex') !== expectedHex.toLowerCase()) {
      replay.destroy(new AuthError('body-mismatch', 'The provided x-amz-content-sha256 header does not match what was computed.'));
    } else replay.push(null);
  });
  req.on('error', (err) => replay.destroy(err));
  return replay;
}

/**
 * The request again, its body read from `file` (where the edge received it) once something reads
 * it: a service that takes the file itself (the S3 store) never opens it.
 */
export function replayFromFile(req: IncomingMessage, file: string, headers: IncomingMessage['headers']): IncomingMessage {
  const replay = twin(req);
  replay.headers = headers;
  // The whole body has arrived: dropping this twin unread must not cut the socket.
  replay.complete = true;
  let source: ReadStream | undefined;
  replay._read = () => {
    if (source) return void source.resume();
    source = createReadStream(file);
    source.on('data', (chunk) => {
      if (!replay.push(chunk)) source?.pause();
    });
    source.on('end', () => replay.push(null));
    source.on('error', (err) => replay.destroy(err));
  };
  return replay;
}
