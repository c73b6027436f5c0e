import type { IncomingHttpHeaders } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';

export class AwsChunkedEncodingError extends Error {
  override readonly name = 'AwsChunkedEncodingError';
}

/** True when a request body uses the S3 `aws-chunked` content encoding (streaming SigV4 payloads). */
export function isAwsChunked(headers: IncomingHttpHeaders): boolean {
  const encoding = String(headers['content-encoding'] ?? '');
  const sha = String(headers['x-amz-content-sha256'] ?? '');
  return encoding.split(',').some((e) => e.trim() === 'aws-chunked') || sha.startsWith('STREAMING-');
}

/**
 * The headers of the decoded request: the plain content length, `aws-chunked` removed from
 * `Content-Encoding`, and an unsigned payload (the chunk signatures are not checked locally).
 */
export function decodedHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = { ...headers };
  const decodedLength = headers['x-amz-decoded-content-length'];
  delete out['transfer-encoding'];
  delete out['x-amz-decoded-content-length'];
  delete out['x-amz-trailer'];
  if (typeof decodedLength === 'string') out['content-length'] = decodedLength;
  else delete out['content-length'];
  const rest = String(headers['content-encoding'] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0 && e !== 'aws-chunked');
  if (rest.length > 0) out['content-encoding'] = rest.join(',');
  else delete out['content-encoding'];
  out['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
  return out;
}

type State = 'size' | 'data' | 'data-end' | 'trailer' | 'done';

/**
 * Decodes an `aws-chunked` body: `<hex size>[;chunk-signature=…]\r\n<data>\r\n` repeated, a zero-size
 * chunk, then optional trailing headers (`x-amz-checksum-crc32:…`) and an empty line.
 * Trailers are collected in `trailers`.
 */
export class AwsChunkedDecoder extends Transform {
  readonly trailers: Record<string, string> = {};
  private state: State = 'size';
  private pending: Buffer = Buffer.alloc(0);
  private remaining = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    try {
      this.drain();
      callback();
    } catch (err) {
      callback(err as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    if (this.state === 'trailer' && this.pending.length === 0) this.state = 'done';
    if (this.state !== 'done') {
      callback(new AwsChunkedEncodingError(`aws-chunked body ended early (while reading ${this.state})`));
      return;
    }
    callback();
  }

  private takeLine(): string | undefined {
    const end = this.pending.indexOf('\r\n');
    if (end < 0) {
      if (this.pending.length > 64 * 1024) throw new AwsChunkedEncodingError('aws-chunked header line is too long');
      return undefined;
    }
    const line = this.pending.subarray(0, end).toString('latin1');
    this.pending = this.pending.subarray(end + 2);
    return line;
  }

  private drain(): void {
    for (;;) {
      switch (this.state) {
        case 'size': {
          const line = this.takeLine();
          if (line === undefined) return;
          const sizeText = line.split(';')[0].trim();
          if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw new AwsChunkedEncodingError(`bad aws-chunked size line "${line.slice(0, 80)}"`);
          this.remaining = parseInt(sizeText, 16);
          this.state = this.remaining === 0 ? 'trailer' : 'data';
          break;
        }
        case 'data': {
          if (this.pending.length === 0) return;
          const take = Math.min(this.remaining, this.pending.length);
          this.push(this.pending.subarray(0, take));
          this.pending = this.pending.subarray(take);
          this.remaining -= take;
          if (this.remaining === 0) this.state = 'data-end';
          break;
        }
        case 'data-end': {
          if (this.pending.length < 2) return;
          if (this.pending[0] !== 0x0d || this.pending[1] !== 0x0a) throw new AwsChunkedEncodingError('aws-chunked data is not followed by CRLF');
          this.pending = this.pending.subarray(2);
          this.state = 'size';
          break;
        }
        case 'trailer': {
          const line = this.takeLine();
          if (line === undefined) return;
          if (line === '') {
            this.state = 'done';
            break;
          }
          const colon = line.indexOf(':');
          if (colon > 0) this.trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
          break;
        }
        case 'done':
          this.pending = Buffer.alloc(0);
          return;
      }
    }
  }
}
