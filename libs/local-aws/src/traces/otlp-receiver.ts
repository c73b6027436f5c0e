import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import { appendStoredSpans } from '@framefarm/tracing/spans';
import { readBody, RequestTooLargeError } from '../edge/read-body';
import { flattenSpans, InvalidTraceRequestError } from './flatten-spans';
import { decodeTraceRequest } from './otlp-protobuf';
import type { OtlpTraceRequest } from './otlp-types';
import { ProtobufDecodeError } from './protobuf-reader';

function decompress(body: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? 'identity').toLowerCase()) {
    case 'gzip':
      return gunzipSync(body);
    case 'deflate':
      return inflateSync(body);
    case 'identity':
    case '':
      return body;
    default:
      throw new InvalidTraceRequestError(`Content-Encoding "${encoding}" is not supported; send gzip or no compression`);
  }
}

/**
 * The OTLP/HTTP trace receiver (`POST /v1/traces`): JSON (`application/json`) or protobuf
 * (`application/x-protobuf`), optionally gzip-compressed. Each span becomes one JSON line in
 * the stack's trace store (`<stateDir>/traces/<traceId>.jsonl`, @framefarm/tracing's). Answers as the
 * OTLP spec says: an empty ExportTraceServiceResponse in the request's encoding, or HTTP 400 with a
 * google.rpc.Status.
 */
export function createOtlpReceiver(options: { stateDir: string }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const contentType = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const protobuf = contentType === 'application/x-protobuf';
    const reply = (status: number, json: unknown): void => {
      const body = protobuf && status === 200 ? Buffer.alloc(0) : Buffer.from(JSON.stringify(json));
      res.writeHead(status, { 'content-type': protobuf && status === 200 ? 'application/x-protobuf' : 'application/json', 'content-length': body.length });
      res.end(body);
    };
    try {
      if (!protobuf && contentType !== 'application/json') {
        res.writeHead(415, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 3, message: `Content-Type "${contentType}" is not OTLP; use application/json or application/x-protobuf` }));
        return;
      }
      const body = decompress(await readBody(req, 32 * 1024 * 1024), req.headers['content-encoding'] as string | undefined);
      let request: OtlpTraceRequest;
      if (protobuf) request = decodeTraceRequest(body);
      else {
        try {
          request = JSON.parse(body.toString('utf8') || '{}') as OtlpTraceRequest;
        } catch {
          throw new InvalidTraceRequestError('the body is not valid JSON');
        }
      }
      await appendStoredSpans(options.stateDir, flattenSpans(request));
      reply(200, { partialSuccess: {} });
    } catch (err) {
      const known = err instanceof InvalidTraceRequestError || err instanceof ProtobufDecodeError || err instanceof RequestTooLargeError;
      const message = err instanceof Error ? err.message : String(err);
      if (known || (err instanceof Error && 'code' in err && String((err as { code: unknown }).code).startsWith('Z_'))) {
        reply(400, { code: 3, message: `invalid OTLP trace request: ${message}` });
      } else {
        reply(500, { code: 13, message });
      }
    }
  };
}
