import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replayWithBody } from '../edge/replay-request';
import { serveInProcess } from '../edge/serve-in-process';
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
  // dynalite and LevelDB load when a stack starts, not with this module (as s3rver, see s3-service.ts).
  const { Level } = require('level') as typeof import('level');
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
async function openDatabaseNow(socketPath: string): Promise<void> {
  const response = await requestText('http://dynalite/', {
    socketPath,
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

/** The private directory of dynalite's socket, in the temp directory: this, the process id, a dash, a random name. */
export const DYNALITE_SOCKET_DIR_PREFIX = 'framefarm-dynalite-';

function sendDynamoDbError(res: ServerResponse, status: number, type: string, message: string): void {
  const text = JSON.stringify({ __type: type, message });
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(text), 'x-amzn-errortype': type.split('#').pop() as string });
  res.end(text);
}

/**
 * DynamoDB backed by dynalite with a LevelDB store in `directory` (so tables and items survive
 * restarts). dynalite's request handler answers in this process: dynalite checks no signature, so
 * it must not be reachable but through the edge.
 */
export async function startDynamoDbService(options: { directory: string }): Promise<DynamoDbService> {
  mkdirSync(options.directory, { recursive: true });
  await assertDatabaseAvailable(options.directory);
  const dynalite = require('dynalite') as typeof import('dynalite');
  const server = dynalite({ path: options.directory, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const [dynaliteHandler] = server.listeners('request') as RequestListener[];
  const answer = (req: IncomingMessage, res: ServerResponse): void => {
    dynaliteHandler(req, res);
    // dynalite rethrows request stream errors (`req.on('error', err => { throw err })`), so a client
    // that disconnects mid-request would crash the whole process. Replace that listener.
    for (const listener of req.listeners('error')) req.off('error', listener as (err: Error) => void);
    req.on('error', () => res.destroy());
  };
  server.removeAllListeners('request');
  server.on('request', answer);
  // dynalite closes its database only when its server closes, and a server that never listened
  // cannot close: it listens on a socket in a directory of its own (mode 0700), which only the
  // request that opens the database uses. The directory goes at once: the server still listens
  // (and can close), but nothing can connect, and a crash leaves nothing behind.
  const socketDir = mkdtempSync(join(tmpdir(), `${DYNALITE_SOCKET_DIR_PREFIX}${process.pid}-`));
  try {
    const socketPath = join(socketDir, 'socket');
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
    await openDatabaseNow(socketPath);
  } finally {
    rmSync(socketDir, { recursive: true, force: true });
  }
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
      const replay = replayWithBody(req, body);
      replay.headers = { ...req.headers, 'content-length': String(body.length) };
      delete replay.headers['transfer-encoding'];
      return serveInProcess(answer, replay, res);
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err?: Error) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
