import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
export type App = 'plan' | 'render' | 'encode';
const APPS: App[] = ['plan', 'render', 'encode'];
const distBundle = (app: App): string => join(ROOT, 'dist', 'apps', app, 'main.cjs');

/**
 * Builds the bundles (an Nx cache hit when the code is unchanged), then copies them to `dir`:
 * dist/ is shared, and someone else's build may empty it while the test runs. The copies find
 * their external packages through NODE_PATH (see bundleEnvironment).
 */
export function prepareBundles(dir: string): Record<App, string> {
  // A concurrent build elsewhere may empty dist/ between our build and the copy: try again.
  for (let attempt = 1; ; attempt++) {
    try {
      execFileSync('npx', ['nx', 'run-many', '-t', 'build', '-p', ...APPS, '--output-style=static'], { cwd: ROOT, env: { ...process.env, NX_DAEMON: 'false' }, stdio: 'pipe' });
      return Object.fromEntries(
        APPS.map((app) => {
          const copy = join(dir, `${app}.cjs`);
          copyFileSync(distBundle(app), copy);
          return [app, copy];
        }),
      ) as Record<App, string>;
    } catch (error) {
      if (attempt < 3) continue;
      const output = (error as { stdout?: Buffer }).stdout?.toString() ?? (error as Error).message;
      throw new Error(`building the job bundles failed:\n${output.slice(-4000)}`);
    }
  }
}

/** Lets a bundle outside the workspace require its externals (@napi-rs/canvas, ffmpeg installers). */
export const bundleEnvironment = (): Record<string, string> => ({ NODE_PATH: join(ROOT, 'node_modules') });
