import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { credentialScopeOf, sigV2AccessKeyOf } from './credential-scope';

/** A service behind the edge. It owns the request from here on, body included. */
export type ServiceHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface EdgeServerOptions {
  host?: string;
  port?: number;
  /** Handlers keyed by the SigV4 service name (`s3`, `dynamodb`, `logs`, `batch`). */
  services?: Record<string, ServiceHandler>;
  /** `POST /v1/traces` (OTLP/HTTP, unsigned). */
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
  services(): string[];
  stop(): Promise<void>;
}

/** Services of JSON protocols that can be told apart by `X-Amz-Target` when a request is unsigned. */
const TARGET_PREFIXES: [string, string][] = [
  ['DynamoDB_', 'dynamodb'],
  ['Logs_', 'logs'],
];

export function sendJsonError(res: ServerResponse, status: number, type: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ __type: type, message });
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-amzn-errortype': type,
  });
  res.end(body);
}

/** Which service a request is for, or undefined when it says nothing about it. */
export function serviceOf(req: IncomingMessage): string | undefined {
  const scope = credentialScopeOf(req);
  if (scope) return scope.service;
  if (sigV2AccessKeyOf(req)) return 's3';
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return TARGET_PREFIXES.find(([prefix]) => target.startsWith(prefix))?.[1];
  return undefined;
}

/**
 * One HTTP endpoint in front of every local service. Requests go to the service named in their
 * SigV4 credential scope; `POST /v1/traces` goes to the OTLP receiver; `GET /health` reports.
 */
export async function startEdgeServer(options: EdgeServerOptions = {}): Promise<EdgeServer> {
  const host = options.host ?? '127.0.0.1';
  const services = new Map<string, ServiceHandler>(Object.entries(options.services ?? {}));

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/v1/traces' && options.traces) {
      if (req.method !== 'POST') return sendJsonError(res, 405, 'MethodNotAllowed', 'OTLP traces are sent with POST /v1/traces');
      return options.traces(req, res);
    }
    const service = serviceOf(req);
    if (service === undefined && req.method === 'GET' && path === '/health') {
      const body = JSON.stringify({ status: 'running', services: [...services.keys()].sort(), traces: Boolean(options.traces), ...options.health?.() });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    if (service === undefined) {
      return sendJsonError(
        res,
        400,
        'MissingAuthenticationTokenException',
        'The request is not signed with AWS Signature Version 4, so the local edge cannot tell which service it is for. ' +
          'Sign it (any access key works locally), e.g. use an AWS SDK or the aws CLI with --endpoint-url.',
      );
    }
    const handler = services.get(service);
    if (!handler) {
      return sendJsonError(
        res,
        400,
        'UnknownServiceException',
        `The local stack does not provide the service "${service}"; it serves ${[...services.keys()].sort().join(', ')}.`,
      );
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
  const port = (server.address() as AddressInfo).port;
  // Bound to every interface: clients on this machine still connect over loopback.
  const connectHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;

  return {
    host,
    port,
    endpoint: `http://${connectHost}:${port}`,
    setService: (service, handler) => void services.set(service, handler),
    services: () => [...services.keys()].sort(),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
