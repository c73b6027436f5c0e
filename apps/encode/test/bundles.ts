import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
export type App = 'plan' | 'render' | 'encode';
const APPS: App[] = ['plan', 'render', 'encode'];
const distBundle = (app: App): string => join(ROOT, 'dist', 'apps', app, 'main.cjs');

const SOURCES = ['apps/plan/src', 'apps/render/src', 'apps/encode/src', 'libs/sketch/src', 'libs/media/src', 'libs/run-store/src', 'libs/job-specs/src', 'libs/batch-client/src'];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const bundleTime = (app: App): number => (existsSync(distBundle(app)) ? statSync(distBundle(app)).mtimeMs : 0);

/**
 * Builds the bundles when one is missing or older than its code, then copies them to `dir`:
 * dist/ is shared, and someone else's build may empty it while the test runs. The copies find
 * their external packages through NODE_PATH (see bundleEnvironment).
 */
export function prepareBundles(dir: string): Record<App, string> {
  const newest = Math.max(...SOURCES.map((d) => (existsSync(join(ROOT, d)) ? newestSource(join(ROOT, d)) : 0)));
  if (Math.min(...APPS.map(bundleTime)) <= newest) {
    execFileSync('npx', ['nx', 'run-many', '-t', 'build', '-p', ...APPS, '--output-style=static'], { cwd: ROOT, env: { ...process.env, NX_DAEMON: 'false' }, stdio: 'ignore' });
  }
  return Object.fromEntries(
    APPS.map((app) => {
      const copy = join(dir, `${app}.cjs`);
      copyFileSync(distBundle(app), copy);
      return [app, copy];
    }),
  ) as Record<App, string>;
}

/** Lets a bundle outside the workspace require its externals (@napi-rs/canvas, ffmpeg installers). */
export const bundleEnvironment = (): Record<string, string> => ({ NODE_PATH: join(ROOT, 'node_modules') });
