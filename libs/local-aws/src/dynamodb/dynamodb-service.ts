import { mkdirSync } from 'node:fs';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { Level } from 'level';
import { Readable } from 'node:stream';
import { proxyRequest } from '../edge/proxy';
import { requestText } from '../loopback-http';
import { readBody, RequestTooLargeError } from '../edge/read-body';
import { checkRequestBody, MAX_REQUEST_BYTES } from './request-check';

export interface DynamoDbService {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  stop(): Promise<void>;
}

export class StateDirInUseError extends Error {
  override readonly name = 'StateDirInUseError';
}

/**
 * dynalite opens its LevelDB lazily and throws from a request handler when the database is
 * locked by another process, which would crash the whole stack at its first DynamoDB call.
 * Opening it once here turns that into a clear error at start.
 */
async function assertDatabaseAvailable(directory: string): Promise<void> {
  const db = new Level(directory);
  try {
    await db.open();
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    if (cause?.code === 'LEVEL_LOCKED') {
      throw new StateDirInUseError(`The DynamoDB data in ${directory} is in use by another local stack. Stop that stack, or give this one another state directory.`);
    }
    throw err;
  } finally {
    await db.close();
  }
}

/**
 * dynalite opens LevelDB at its first request. Asking once at start makes this stack hold the
 * database lock from then on, so a second stack on the same directory is refused at its start.
 */
async function openDatabaseNow(port: number): Promise<void> {
  const response = await requestText(`http://127.0.0.1:${port}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.ListTables',
      authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      'x-amz-date': '20260101T000000Z',
    },
    body: '{}',
  });
  if (response.status !== 200) throw new Error(`dynalite did not open its database: HTTP ${response.status} ${response.text}`);
}

function sendDynamoDbError(res: ServerResponse, status: number, type: string, message: string): void {
  const text = JSON.stringify({ __type: type, message });
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(text), 'x-amzn-errortype': type.split('#').pop() as string });
  res.end(text);
}

/**
 * DynamoDB backed by dynalite with a LevelDB store in `directory` (so tables and items survive
 * restarts), listening on an internal loopback port behind the edge.
 */
export async function startDynamoDbService(options: { directory: string }): Promise<DynamoDbService> {
  mkdirSync(options.directory, { recursive: true });
  await assertDatabaseAvailable(options.directory);
  const server = dynalite({ path: options.directory, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  // dynalite rethrows request stream errors (`req.on('error', err => { throw err })`), so a client
  // that disconnects mid-request would crash the whole process. Replace that listener.
  const [dynaliteHandler] = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    dynaliteHandler(req, res);
    for (const listener of req.listeners('error')) req.off('error', listener as (err: Error) => void);
    req.on('error', () => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const target = { host: '127.0.0.1', port: (server.address() as AddressInfo).port };
  await openDatabaseNow(target.port);
  return {
    async handle(req, res) {
      let body: Buffer;
      try {
        body = await readBody(req, MAX_REQUEST_BYTES);
      } catch (err) {
        if (!(err instanceof RequestTooLargeError)) throw err;
        req.resume();
        return sendDynamoDbError(res, 413, 'com.amazon.coral.service#RequestEntityTooLarge', err.message);
      }
      const refused = checkRequestBody(body);
      if (refused) return sendDynamoDbError(res, refused.status, refused.type, refused.message);
      const headers = { ...req.headers, 'content-length': String(body.length) };
      delete headers['transfer-encoding'];
      return proxyRequest(req, res, target, { headers, body: Readable.from([body]) });
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err?: Error) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
