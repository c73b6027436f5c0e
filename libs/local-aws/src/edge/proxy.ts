import { request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';

export interface ProxyTarget {
  host: string;
  port: number;
}

/**
 * Forwards one request to a service on an internal loopback port and streams the answer back.
 * The request line, `Host` and every other header pass through unchanged unless `headers`
 * replaces them; `body` replaces the request stream (used to decode aws-chunked uploads).
 */
export function proxyRequest(
  req: IncomingMessage,
  res: ServerResponse,
  target: ProxyTarget,
  override: { headers?: IncomingHttpHeaders; body?: Readable } = {},
): Promise<void> {
  return new Promise((resolve) => {
    const body = override.body ?? req;
    const headers = { ...(override.headers ?? req.headers) };
    delete headers.expect; // the edge already answered 100-continue
    const upstream = request(
      { host: target.host, port: target.port, method: req.method, path: req.url, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        answer.pipe(res);
        answer.on('end', resolve);
        answer.on('error', () => {
          res.destroy();
          resolve();
        });
        // The client went away mid-response: drop the upstream answer instead of leaving it paused.
        res.on('close', () => {
          if (!answer.complete) answer.destroy();
          resolve();
        });
      },
    );
    const fail = (err: Error): void => {
      upstream.destroy();
      if (!res.headersSent) {
        const message = `the local service behind the edge failed: ${err.message}`;
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ __type: 'ServiceUnavailable', message }));
      } else {
        res.destroy();
      }
      resolve();
    };
    upstream.on('error', fail);
    body.on('error', fail);
    body.pipe(upstream);
  });
}
