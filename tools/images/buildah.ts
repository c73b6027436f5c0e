import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** Where the tool keeps everything it makes: git-ignored, under the repository's `.framefarm/`. */
export const WORK_DIR = join(__dirname, '..', '..', '.framefarm', 'images');

export class CommandError extends Error {
  override readonly name = 'CommandError';
}

/** Runs a command; resolves with its stdout, rejects with its stderr's tail. `echo` streams the output too. */
export function run(command: string, args: string[], options: { echo?: boolean; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (options.echo) process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (options.echo) process.stderr.write(chunk);
    });
    child.on('error', (error) => reject(new CommandError(`${command}: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new CommandError(`${command} ${args.join(' ')} exited with ${code}\n${stderr.slice(-3000)}`));
    });
  });
}

/**
 * buildah with its own storage under WORK_DIR: the vfs driver (no overlay mounts needed in a
 * container or CI sandbox) and chroot isolation for RUN steps (no user namespaces needed).
 */
export function buildah(args: string[], options: { echo?: boolean; cwd?: string } = {}): Promise<string> {
  return run('buildah', ['--root', join(WORK_DIR, 'storage'), '--runroot', join(WORK_DIR, 'run'), '--storage-driver', 'vfs', ...args], {
    ...options,
    env: { ...process.env, BUILDAH_ISOLATION: 'chroot' },
  });
}
