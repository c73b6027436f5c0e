import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Hands a request to a service's own HTTP request handler (s3rver's, dynalite's) in this process,
 * as its server would, and resolves once the answer is over (sent, or the connection gone).
 */
export function serveInProcess(handler: (req: IncomingMessage, res: ServerResponse) => unknown, req: IncomingMessage, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    res.once('close', resolve);
    void handler(req, res);
  });
}
