import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthError } from '../auth/auth-error';
import { claimOf, type Authenticator } from '../auth/authenticator';
import { sha256Hex } from '../auth/verify-signature';
import type { Principal } from '../auth/principals';
import type { SigV4Claim } from '../auth/sigv4-request';
import { BrowserGuardError, checkBrowserSafety, checkContentType } from './browser-guard';
import { sendAccessDenied, sendAuthFailure, sendJsonError, sendServiceError } from './error-replies';
import { readBody, RequestTooLargeError } from './read-body';
import { replayCheckingHash, replayWithBody } from './replay-request';
import { rememberPrincipal } from './request-principal';

export { sendJsonError } from './error-replies';

/** A service behind the edge. It owns the request from here on, body included. */
export type ServiceHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** A request the edge has authenticated, for the authorization check. */
export interface AuthorizationRequest {
  principal: Principal;
  service: string;
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  /** The whole body, when the edge read it (every request but S3 uploads). */
  body?: Buffer;
}

/**
 * Pages the stack serves to a browser on its own origin (the dashboard): they check their own
 * access token, so they are answered before the signature check. True when it handled the request.
 */
export type PagesHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Undefined when allowed; otherwise AWS's denial message. */
export type Authorizer = (request: AuthorizationRequest) => Promise<string | undefined>;

export interface EdgeServerOptions {
  host?: string;
  port?: number;
  /** Checks every request's signature against the stack's credentials. */
  authenticator: Authenticator;
  /** IAM: may this principal do this? Absent: every authenticated request is allowed. */
  authorize?: Authorizer;
  /** Handlers keyed by the SigV4 service name (`s3`, `dynamodb`, `logs`, `batch`, `sts`). */
  services?: Record<string, ServiceHandler>;
  /** `POST /v1/traces` (OTLP/HTTP, signed for `xray` as X-Ray's OTLP endpoint is). */
  traces?: ServiceHandler;
  /** Extra fields for `GET /health`. */
  health?: () => Record<string, unknown>;
}

export interface EdgeServer {
  readonly host: string;
  readonly port: number;
  /** `http://<host>:<port>`, with 127.0.0.1 for a server bound to 0.0.0.0 */
  readonly endpoint: string;
  /** Adds or replaces the handler of a service (the Batch engine arrives after the port is known). */
  setService(service: string, handler: ServiceHandler): void;
  /** Serves pages under `/dashboard` (their own access checks; Host and Origin are checked here first). */
  setPages(handler: PagesHandler): void;
  services(): string[];
  stop(): Promise<void>;
}

/** Largest body the edge reads to verify a signature (S3 uploads stream instead). */
const BODY_LIMIT = 64 * 1024 * 1024;
const TRACES_PATH = '/v1/traces';
const LOOPBACK_BINDS = new Set(['127.0.0.1', 'localhost', '::1']);

export function isLoopbackAddress(host: string): boolean {
  return LOOPBACK_BINDS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The service a request is for, for routing (from the verified scope) or for the shape of an error (a guess). */
function serviceOf(req: IncomingMessage, claim: SigV4Claim | undefined, path: string): string | undefined {
  if (claim) return claim.service === 'xray' && path === TRACES_PATH ? 'traces' : claim.service;
  return guessService(req, path);
}

/** Before a signature is checked (or when it is malformed): which protocol's errors to answer with. */
function guessService(req: IncomingMessage, path: string): string | undefined {
  const authorization = String(req.headers.authorization ?? '');
  if (/^AWS [^:\s]+:/.test(authorization) || /[?&]AWSAccessKeyId=/.test(req.url ?? '')) return 's3';
  const scope = /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization) ?? /X-Amz-Credential=[^&]*?(?:%2F|\/)\d{8}(?:%2F|\/)[^&%/]+(?:%2F|\/)([^&%/]+)(?:%2F|\/)aws4_request/i.exec(req.url ?? '');
  if (scope) return scope[1] === 'xray' && path === TRACES_PATH ? 'traces' : scope[1];
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    if (target.startsWith('DynamoDB_')) return 'dynamodb';
    if (target.startsWith('Logs_')) return 'logs';
  }
  if (path === TRACES_PATH) return 'traces';
  if (path.startsWith('/v1/')) return 'batch';
  if (typeof req.headers['content-type'] === 'string' && req.headers['content-type'].startsWith('application/x-www-form-urlencoded') && req.method === 'POST' && path === '/') return 'sts';
  // Everything else is addressed like S3 (/<bucket>/<key>), S3 being the catch-all of the endpoint.
  return 's3';
}

/**
 * One HTTP endpoint in front of every local service, as strict as AWS's: a request is refused
 * when it comes from a web page or a rebound host name, is not signed (SigV4) with credentials
 * this stack issued, or is not allowed by the caller's IAM policies. Then it goes to the service
 * named in its (verified) credential scope; `GET /health` reports without a signature.
 */
export async function startEdgeServer(options: EdgeServerOptions): Promise<EdgeServer> {
  const host = options.host ?? '127.0.0.1';
  const services = new Map<string, ServiceHandler>(Object.entries(options.services ?? {}));
  let pages: PagesHandler | undefined;
  const auth = options.authenticator;
  let port = 0;

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    let service = guessService(req, path);
    try {
      checkBrowserSafety(req, { port, exposed: !isLoopbackAddress(host) });
      if (pages && (path === '/dashboard' || path.startsWith('/dashboard/')) && (await pages(req, res))) return;
      if (service) checkContentType(req, service);
      const claim = claimOf(req);
      service = serviceOf(req, claim, path);
      if (!claim && req.method === 'GET' && path === '/health') {
        const body = JSON.stringify({ status: 'running', services: [...services.keys()].sort(), traces: Boolean(options.traces), ...options.health?.() });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
        return;
      }
      if (service) checkContentType(req, service);
      // --accept-any-credentials keeps the old routing of unsigned requests (X-Amz-Target, OTLP).
      if (!claim && auth.acceptsAnyCredentials && service && service !== 's3') return await dispatch(req, res, service, undefined);

      const declaredHash = req.headers['x-amz-content-sha256'];
      const streams = service === 's3' && req.method === 'PUT' && claim !== undefined && !claim.presigned && typeof declaredHash === 'string';
      const body = streams || !claim ? undefined : await readBody(req, BODY_LIMIT);
      const principal = await auth.authenticate(req, claim, body);
      // A read body with a declared hash was signed by that hash: it must be the body's.
      if (body && claim && typeof declaredHash === 'string' && /^[0-9a-fA-F]{64}$/.test(declaredHash) && (await sha256Hex(body)) !== declaredHash.toLowerCase()) {
        throw new AuthError('body-mismatch', 'The provided x-amz-content-sha256 header does not match what was computed.');
      }
      if (!service) throw new AuthError('missing', 'The request names no service.');
      if (options.authorize && principal.kind === 'role') {
        const denied = await options.authorize({ principal, service: service === 'traces' ? 'xray' : service, method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body });
        if (denied) {
          req.resume();
          return sendAccessDenied(res, service === 'traces' ? 'xray' : service, denied);
        }
      }
      let forwarded: IncomingMessage = req;
      if (body) forwarded = replayWithBody(req, body);
      else if (streams && /^[0-9a-fA-F]{64}$/.test(declaredHash as string)) forwarded = replayCheckingHash(req, declaredHash as string);
      return await dispatch(forwarded, res, service, principal);
    } catch (err) {
      if (err instanceof BrowserGuardError) {
        req.resume();
        return sendServiceError(res, service, 403, { json: 'AccessDeniedException', s3: 'AccessDenied', query: 'AccessDenied' }, err.message);
      }
      if (err instanceof AuthError) {
        req.resume();
        return sendAuthFailure(res, service, err.failure, err.message);
      }
      if (err instanceof RequestTooLargeError) return sendServiceError(res, service, 413, { json: 'RequestEntityTooLarge', s3: 'EntityTooLarge', query: 'RequestEntityTooLarge' }, err.message);
      throw err;
    }
  };

  const dispatch = async (req: IncomingMessage, res: ServerResponse, service: string, principal: Principal | undefined): Promise<void> => {
    if (principal) rememberPrincipal(req, principal);
    if (service === 'traces') {
      if (!options.traces) return sendJsonError(res, 404, 'UnknownOperationException', 'This stack has no trace receiver.');
      if (req.method !== 'POST') return sendJsonError(res, 405, 'MethodNotAllowed', 'OTLP traces are sent with POST /v1/traces');
      return options.traces(req, res);
    }
    const handler = services.get(service);
    if (!handler) {
      return sendJsonError(res, 400, 'UnknownServiceException', `The local stack does not provide the service "${service}"; it serves ${[...services.keys()].sort().join(', ')}.`);
    }
    return handler(req, res);
  };

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      sendJsonError(res, 500, 'InternalFailure', `local stack error: ${message}`);
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4566, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  // Bound to every interface: clients on this machine still connect over loopback.
  const connectHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;

  return {
    host,
    port,
    endpoint: `http://${connectHost}:${port}`,
    setService: (service, handler) => void services.set(service, handler),
    setPages: (handler) => void (pages = handler),
    services: () => [...services.keys()].sort(),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
