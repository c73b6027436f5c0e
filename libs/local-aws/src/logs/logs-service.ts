import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../edge/read-body';
import type { LogStore } from './log-store';
import { createLogsApi } from './logs-api';
import { LogsApiError } from './logs-errors';

const TARGET_PREFIX = 'Logs_20140328.';

function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  res.end(text);
}

/**
 * CloudWatch Logs over the awsJson1.1 protocol: `POST /` with `X-Amz-Target: Logs_20140328.<Op>`
 * and a JSON body; errors are HTTP 400 with `{"__type": "<Exception>", "message": …}`.
 */
export function createLogsService(options: { store: LogStore; region: string; accountId: string }) {
  const api = createLogsApi(options);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      if (req.method !== 'POST' || !target.startsWith(TARGET_PREFIX)) {
        throw new LogsApiError('UnknownOperationException', `CloudWatch Logs requests are POST with X-Amz-Target: ${TARGET_PREFIX}<Operation>; got ${req.method} "${target}".`);
      }
      const operation = target.slice(TARGET_PREFIX.length);
      const handler = Object.prototype.hasOwnProperty.call(api, operation) ? api[operation] : undefined;
      if (!handler) {
        throw new LogsApiError('UnknownOperationException', `The local stack does not implement CloudWatch Logs ${operation}; it serves ${Object.keys(api).join(', ')}.`);
      }
      const body = await readBody(req, 8 * 1024 * 1024);
      let input: unknown = {};
      if (body.length > 0) {
        try {
          input = JSON.parse(body.toString('utf8'));
        } catch {
          throw new LogsApiError('SerializationException', 'The request body is not valid JSON.');
        }
      }
      send(res, 200, handler(input));
    } catch (err) {
      if (err instanceof LogsApiError) send(res, err.status, { __type: err.type, message: err.message }, err.type);
      else send(res, 500, { __type: 'ServiceUnavailableException', message: err instanceof Error ? err.message : String(err) }, 'ServiceUnavailableException');
    }
  };
}
