import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpAnswer {
  status: number;
  text: string;
}

/**
 * One small request to a local endpoint (the stack's /health, dynalite on its private socket), its
 * answer read whole; rejects on a network error or after `timeoutMs` (if given). node:http rather than
 * `fetch`: the first `fetch` of a process loads undici, 25–40 ms of CPU in a CLI or job that needs
 * nothing else of it.
 */
export function requestText(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number; /** A Unix socket to send it to instead of the URL's host and port. */ socketPath?: string } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const send = url.startsWith('https:') ? httpsRequest : httpRequest;
    const body = options.body ?? '';
    const headers = { ...options.headers, ...(options.body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) };
    const req = send(url, { method: options.method ?? 'GET', headers, ...(options.socketPath ? { socketPath: options.socketPath } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => req.destroy(new Error(`no answer from ${url} within ${options.timeoutMs} ms`)), options.timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(body);
  });
}
