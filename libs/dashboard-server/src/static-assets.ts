import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** The page may load only what the dashboard itself serves, and may not be framed by another page. */
export const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
} as const;

export class MissingDashboardBuildError extends Error {
  override readonly name = 'MissingDashboardBuildError';
}

/** Serves the built page (`dist/apps/dashboard`): `/dashboard/` is its index, `/dashboard/assets/…` its files. */
export async function serveAsset(assetsDir: string, pathname: string, res: ServerResponse): Promise<boolean> {
  const relative = pathname === '/dashboard' || pathname === '/dashboard/' ? 'index.html' : pathname.slice('/dashboard/'.length);
  const file = normalize(join(assetsDir, relative));
  if (!file.startsWith(assetsDir + sep) || !TYPES[extname(file)]) return false;
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return false;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': TYPES[extname(file)],
    'content-length': info.size,
    // Hashed asset names never change; the index must be fetched anew to pick up a new build.
    'cache-control': relative === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
  });
  createReadStream(file).pipe(res);
  return true;
}
