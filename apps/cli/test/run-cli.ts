import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
const LAUNCHER = join(ROOT, 'apps', 'cli', 'bin', 'framefarm.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `framefarm` command (the launcher, as `npx framefarm` does) in `cwd`. */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCHER, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A `framefarm` command that keeps running (`up`): its output so far, and its end. */
export interface RunningCli {
  child: ChildProcessByStdio<null, Readable, Readable>;
  stdout(): string;
  stderr(): string;
  /** The exit code, once the command has ended and its output is all read. */
  closed: Promise<number | null>;
  /** Resolves with what `found` finds in the output so far, as soon as it finds something; rejects if the command ends first. */
  until<T>(found: (stdout: string, stderr: string) => T | undefined | false): Promise<T>;
}

/** Starts the real `framefarm` command in `cwd` with exactly the environment `env`. */
export function startCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): RunningCli {
  const child = spawn(process.execPath, [LAUNCHER, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    closed,
    until: (found) =>
      new Promise((resolve, reject) => {
        const look = (): void => {
          const result = found(stdout, stderr);
          if (result !== undefined && result !== false) resolve(result);
        };
        child.stdout.on('data', look);
        child.stderr.on('data', look);
        void closed.then((code) => reject(new Error(`framefarm ${args[0]} exited with ${code}:\n${stdout}\n${stderr}`)));
      }),
  };
}
