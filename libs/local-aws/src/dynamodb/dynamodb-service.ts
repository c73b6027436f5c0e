import { mkdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { proxyRequest } from '../edge/proxy';

export interface DynamoDbService {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  stop(): Promise<void>;
}

/**
 * DynamoDB backed by dynalite with a LevelDB store in `directory` (so tables and items survive
 * restarts), listening on an internal loopback port behind the edge.
 */
export async function startDynamoDbService(options: { directory: string }): Promise<DynamoDbService> {
  mkdirSync(options.directory, { recursive: true });
  const server = dynalite({ path: options.directory, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const target = { host: '127.0.0.1', port: (server.address() as AddressInfo).port };
  return {
    handle: (req, res) => proxyRequest(req, res, target),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err?: Error) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
