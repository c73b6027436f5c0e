import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DashboardAccess } from './access';
import type { DashboardData } from './dashboard-data';
import { createDashboardHandler } from './dashboard-handler';

/** The HTTP layer alone: who gets in, what is served. The data behind it is a fixed, in-test source. */
const RUN = { runId: 'run-a', status: 'RENDERING' };
const data: DashboardData = {
  runs: async () => ({ runs: [] }),
  run: async (id) => (id === RUN.runId ? (RUN as never) : undefined),
  job: async () => undefined,
  log: async () => undefined,
  queues: async () => [],
  media: async () => undefined,
  cancel: async (id) => (id === RUN.runId ? { message: 'cancelled' } : undefined),
  resume: async () => undefined,
};

let server: http.Server;
let port: number;
let access: DashboardAccess;
/** Holds the build (`site/`) and, next to it, a file that must stay out of reach. */
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'dashboard-assets-'));
  const assets = join(root, 'site');
  mkdirSync(join(assets, 'assets'), { recursive: true });
  writeFileSync(join(assets, 'index.html'), '<!doctype html><title>framefarm</title>');
  writeFileSync(join(assets, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'dashboard-outside.js'), 'secret');
  access = new DashboardAccess(DashboardAccess.newToken(), () => port);
  const handle = createDashboardHandler({ data, access, assetsDir: assets });
  server = http.createServer((req, res) => {
    void handle(req, res).then((handled) => {
      if (!handled) res.writeHead(418).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(root, { recursive: true, force: true });
});

/** A raw request, so Host and Origin are exactly what a browser or an attacker would send. */
function request(path: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...init.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function sessionCookie(): Promise<string> {
  const opened = await request('/dashboard/api/session', { method: 'POST', headers: { authorization: `Bearer ${access.token}`, origin: `http://127.0.0.1:${port}` } });
  expect(opened.status).toBe(200);
  const cookie = String(opened.headers['set-cookie']);
  expect(cookie).toMatch(/HttpOnly; SameSite=Strict; Path=\/dashboard/);
  return cookie.split(';')[0];
}

describe('dashboard access', () => {
  it('serves the page itself to anyone on its own origin, with a strict content security policy', async () => {
    const page = await request('/dashboard/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>framefarm</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect((await request('/dashboard/assets/app.js')).status).toBe(200);
  });

  it('refuses the API without the token, with a wrong token, and with a stolen-looking cookie', async () => {
    expect((await request('/dashboard/api/runs')).status).toBe(401);
    expect((await request('/dashboard/api/runs', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await request('/dashboard/api/runs', { headers: { cookie: 'framefarm_dashboard=guess' } })).status).toBe(401);
    const badSession = await request('/dashboard/api/session', { method: 'POST', headers: { authorization: 'Bearer wrong', origin: `http://127.0.0.1:${port}` } });
    expect(badSession.status).toBe(401);
    expect(badSession.headers['set-cookie']).toBeUndefined();
  });

  it('trades the token for a session cookie that then opens the API', async () => {
    const cookie = await sessionCookie();
    const runs = await request('/dashboard/api/runs', { headers: { cookie } });
    expect(runs.status).toBe(200);
    expect(JSON.parse(runs.body)).toEqual({ runs: [] });
    expect(JSON.parse((await request('/dashboard/api/runs/run-a', { headers: { cookie } })).body)).toEqual(RUN);
  });

  it('refuses other hosts (DNS rebinding) and other origins, even with the token', async () => {
    const auth = { authorization: `Bearer ${access.token}` };
    expect((await request('/dashboard/api/runs', { headers: { ...auth, host: `evil.example:${port}` } })).status).toBe(403);
    expect((await request('/dashboard/', { headers: { host: `evil.example:${port}` } })).status).toBe(403);
    expect((await request('/dashboard/api/runs', { headers: { ...auth, host: '127.0.0.1:1' } })).status).toBe(403);
    expect((await request('/dashboard/api/runs', { headers: { ...auth, origin: 'http://evil.example' } })).status).toBe(403);
    // A cross-site form post carries the cookie only if SameSite allowed it; the Origin check stops it anyway.
    const cookie = await sessionCookie();
    expect((await request('/dashboard/api/runs/run-a/cancel', { method: 'POST', headers: { cookie, origin: 'http://evil.example' } })).status).toBe(403);
    expect((await request('/dashboard/api/runs/run-a/cancel', { method: 'POST', headers: { cookie } })).status).toBe(403);
    expect((await request('/dashboard/api/runs/run-a/cancel', { method: 'POST', headers: { cookie, origin: `http://localhost:${port}`, host: `localhost:${port}` } })).status).toBe(200);
  });

  it('answers unknown runs, jobs, pages and paths outside the build with a clear 404', async () => {
    const cookie = await sessionCookie();
    const missing = await request('/dashboard/api/runs/nope', { headers: { cookie } });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toEqual({ error: 'NotFound', message: 'There is no run "nope".' });
    expect((await request('/dashboard/api/jobs/x/log', { headers: { cookie } })).status).toBe(404);
    expect((await request('/dashboard/api/runs/%zz', { headers: { cookie } })).status).toBe(404);
    expect((await request('/dashboard/..%2Fdashboard-outside.js')).status).toBe(404);
    // Dot segments resolve before routing: this path is no longer the dashboard's, so it is not served.
    expect((await request('/dashboard/assets/../../dashboard-outside.js')).status).toBe(418);
    expect((await request('/elsewhere')).status).toBe(418);
  });
});
