import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';

/** The local entrypoint of every job bundle: runs it with the V8 code cache filled here. */
export function jobStartScript(root: string): string {
  return join(root, 'apps', 'cli', 'bin', 'job-start.cjs');
}

const mtime = (path: string): number | undefined => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
};

/**
 * Fills `<bundle>.v8cache` when it is missing or older than the bundle: runs the bundle once with
 * the job Node through job-start.cjs's `fill`, in an environment without the job variables, so it
 * loads its modules and stops (a job-environment error, exit 2). Only this side (the CLI, which
 * also builds the bundles) writes the cache; jobs read it (job-start.cjs checks it was made from
 * the very bytes it loads). Failing to fill costs only the speed-up, so it is not an error.
 */
export function fillCodeCache(node: string, root: string, bundle: string): void {
  const bundleTime = mtime(bundle);
  const cacheTime = mtime(`${bundle}.v8cache`);
  if (bundleTime === undefined || (cacheTime !== undefined && cacheTime >= bundleTime)) return;
  const fill = `require(${JSON.stringify(jobStartScript(root))}).fill(${JSON.stringify(bundle)})`;
  spawnSync(node, ['-e', fill], { cwd: root, stdio: 'ignore', env: { PATH: process.env.PATH ?? '' } });
}
