import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError } from './api-types';
import { DashboardAccess, type Refusal } from './access';
import type { DashboardData } from './dashboard-data';
import { SECURITY_HEADERS, serveAsset } from './static-assets';

export interface DashboardOptions {
  data: DashboardData;
  access: DashboardAccess;
  /** The built page (`dist/apps/dashboard`). */
  assetsDir: string;
  /** Told of a failure inside a request (the request itself gets a 500 with a plain message). */
  onError?: (error: unknown) => void;
}

/** Handles a request when its path is under /dashboard; returns false for every other path. */
export type DashboardHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const MAX_TAIL = 2000;

/** A malformed escape (`%zz`) is no path of ours: undefined, answered as not found. */
const safeDecode = (part: string): string => {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined as unknown as string;
  }
};

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...extra });
  res.end(text);
}

const sendError = (res: ServerResponse, status: number, error: string, message: string): void => sendJson(res, status, { error, message } satisfies ApiError);
const refuse = (res: ServerResponse, refusal: Refusal): void => sendError(res, refusal.status, refusal.error, refusal.message);
const notFound = (res: ServerResponse, what: string): void => sendError(res, 404, 'NotFound', `There is no ${what}.`);

export function createDashboardHandler(options: DashboardOptions): DashboardHandler {
  const { data, access } = options;

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const parts = url.pathname.slice('/dashboard/api/'.length).split('/').map(safeDecode);
    if (parts.some((part) => part === undefined)) return notFound(res, `dashboard API ${url.pathname}`);
    const [resource, id, action] = parts;
    if (req.method === 'POST' && resource === 'session' && parts.length === 1) {
      const cookie = access.openSession(req);
      if (!cookie) return refuse(res, { status: 401, error: 'Unauthorized', message: 'The access token is wrong: use the link printed at start.' });
      return sendJson(res, 200, { ok: true }, { 'set-cookie': cookie });
    }
    const refusal = access.checkCredentials(req);
    if (refusal) return refuse(res, refusal);

    if (req.method === 'GET') {
      if (resource === 'runs' && parts.length === 1) return sendJson(res, 200, await data.runs(url.searchParams.get('next') ?? undefined));
      if (resource === 'runs' && parts.length === 2) {
        const run = await data.run(id);
        return run ? sendJson(res, 200, run) : notFound(res, `run "${id}"`);
      }
      if (resource === 'jobs' && parts.length === 2) {
        const job = await data.job(id);
        return job ? sendJson(res, 200, job) : notFound(res, `job "${id}"`);
      }
      if (resource === 'jobs' && parts.length === 3 && action === 'log') {
        const tail = Math.min(MAX_TAIL, Math.max(1, Number.parseInt(url.searchParams.get('tail') ?? '200', 10) || 200));
        const log = await data.log(id, tail);
        return log ? sendJson(res, 200, log) : notFound(res, `job "${id}"`);
      }
      if (resource === 'queues' && parts.length === 1) return sendJson(res, 200, await data.queues());
      if (resource === 'media' && parts.length > 1) {
        const key = parts.slice(1).join('/');
        const media = await data.media(key);
        if (!media) return notFound(res, `object "${key}"`);
        res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': media.contentType, 'cache-control': 'no-store', ...(media.bytes !== undefined ? { 'content-length': media.bytes } : {}) });
        if (Buffer.isBuffer(media.body)) res.end(media.body);
        else media.body.pipe(res);
        return;
      }
    }
    if (req.method === 'POST' && resource === 'runs' && parts.length === 3 && (action === 'cancel' || action === 'resume')) {
      const result = action === 'cancel' ? await data.cancel(id) : await data.resume(id);
      return result ? sendJson(res, 200, result) : notFound(res, `run "${id}"`);
    }
    return notFound(res, `dashboard API ${req.method} ${url.pathname}`);
  }

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://dashboard.invalid');
    if (url.pathname !== '/dashboard' && !url.pathname.startsWith('/dashboard/')) return false;
    const refusal = access.checkOrigin(req);
    if (refusal) {
      refuse(res, refusal);
      return true;
    }
    try {
      if (url.pathname.startsWith('/dashboard/api/')) await api(req, res, url);
      else if (req.method !== 'GET' || !(await serveAsset(options.assetsDir, url.pathname, res))) notFound(res, `page ${url.pathname}`);
    } catch (error) {
      options.onError?.(error);
      if (!res.headersSent) sendError(res, 500, 'InternalError', `The dashboard could not answer: ${(error as Error).message}`);
      else res.destroy();
    }
    return true;
  };
}
