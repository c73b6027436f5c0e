import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ENV, jobDefinitionEnvironment, LOCAL_RESOURCES } from '@framefarm/job-specs';
import { DEFAULT_REGION } from '@framefarm/local-aws';
import { newRunId, readRunSettings, runSettingsEnvironment } from '@framefarm/run-store';

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
 * The environment a bundle is filled in: a whole job's (the local stack's resources, a two-frame run
 * of the default built-in sketch, keys that sign but open nothing), so that the job gets past its
 * checks and sends its first request before it stops. job-start.cjs points that request at a port
 * that closes it. A fill that stopped at the environment check held only the modules' start: every
 * job then compiled its clients, signing and requests afresh (60-90 ms of a job's main thread in a
 * 240-frame run, about half of it left with this fill; tools/bench/findings.ts).
 */
export function codeCacheFillEnvironment(): Record<string, string> {
  const settings = readRunSettings({ [ENV.totalFrames]: '2', [ENV.framesPerRenderJob]: '2' }, { defaultRunId: newRunId });
  return {
    ...jobDefinitionEnvironment(LOCAL_RESOURCES),
    ...runSettingsEnvironment(settings),
    AWS_REGION: DEFAULT_REGION,
    AWS_ACCESS_KEY_ID: 'code-cache-fill',
    AWS_SECRET_ACCESS_KEY: 'code-cache-fill',
    AWS_BATCH_JOB_ID: 'code-cache-fill',
  };
}

/**
 * Fills `<bundle>.v8cache` when it is missing or older than the bundle: runs the bundle once with
 * the job Node through job-start.cjs's `fill`, in the environment above, so it loads its modules,
 * builds its clients, fails its first request and stops. Only this side (the CLI, which also builds
 * the bundles) writes the cache; jobs read it (job-start.cjs checks it was made from the very bytes
 * it loads). Failing to fill costs only the speed-up, so it is not an error. Returns what the job
 * wrote while it was filled, or nothing when the cache was up to date.
 */
export function fillCodeCache(node: string, root: string, bundle: string): string | undefined {
  const bundleTime = mtime(bundle);
  const cacheTime = mtime(`${bundle}.v8cache`);
  if (bundleTime === undefined || (cacheTime !== undefined && cacheTime >= bundleTime)) return undefined;
  const fill = `require(${JSON.stringify(jobStartScript(root))}).fill(${JSON.stringify(bundle)})`;
  const result = spawnSync(node, ['-e', fill], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...codeCacheFillEnvironment() } });
  return `${result.stdout ?? ''}${result.stderr ?? ''}`;
}
