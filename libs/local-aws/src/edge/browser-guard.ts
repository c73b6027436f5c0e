import type { IncomingMessage } from 'node:http';

/** Why the edge refuses a request before looking at its signature. */
export class BrowserGuardError extends Error {
  override readonly name = 'BrowserGuardError';
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);
const IP_LITERAL = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\])$/;

/** The JSON protocols and the content type each requires: a page's `text/plain` "simple request" is not one of them. */
const JSON_CONTENT_TYPES: Record<string, string> = {
  batch: 'application/json',
  dynamodb: 'application/x-amz-json-1.0',
  logs: 'application/x-amz-json-1.1',
};

export interface BrowserGuardOptions {
  port: number;
  /** Bound to a non-loopback address (explicitly): IP-literal hosts are answered too. */
  exposed: boolean;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * What keeps web pages out: a page's requests carry its `Origin` (or `Sec-Fetch-Site:
 * cross-site`), a DNS-rebinding page's carry its own host name in `Host`. Only the stack's own
 * origin (a future dashboard) may send an `Origin`.
 */
export function checkBrowserSafety(req: IncomingMessage, options: BrowserGuardOptions): void {
  const host = header(req, 'host');
  const match = host === undefined ? null : /^(.+):(\d+)$/.exec(host);
  const name = match?.[1].toLowerCase();
  const loopback = name !== undefined && (LOOPBACK_NAMES.has(name) || name.endsWith('.localhost'));
  if (!match || Number(match[2]) !== options.port || !(loopback || (options.exposed && IP_LITERAL.test(name as string)))) {
    throw new BrowserGuardError(
      `The Host header "${host ?? ''}" is not this stack's address: use http://127.0.0.1:${options.port} (or localhost / [::1] with port ${options.port}). Other host names are refused so a web page cannot reach the stack through DNS rebinding.`,
    );
  }
  const origin = header(req, 'origin');
  if (origin !== undefined) {
    const own = [...LOOPBACK_NAMES].map((n) => `http://${n}:${options.port}`);
    if (!own.includes(origin.toLowerCase())) {
      throw new BrowserGuardError(`Requests from web pages are refused (Origin: ${origin}); the local stack answers only its own origin ${own[0]}.`);
    }
  }
  const site = header(req, 'sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') throw new BrowserGuardError(`Requests from other sites are refused (Sec-Fetch-Site: ${site}).`);
}

/** The JSON protocols refuse a body that is not sent with their content type. */
export function checkContentType(req: IncomingMessage, service: string): void {
  const required = JSON_CONTENT_TYPES[service];
  if (!required) return;
  const hasBody = Number(header(req, 'content-length') ?? 0) > 0 || header(req, 'transfer-encoding') !== undefined;
  if (!hasBody) return;
  const type = (header(req, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== required) {
    throw new BrowserGuardError(`The ${service} API takes ${required} request bodies, not "${type || 'none'}".`);
  }
}
