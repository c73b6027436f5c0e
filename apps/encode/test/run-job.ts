import { spawn } from 'node:child_process';
import { jobNodeExecutable } from '@framefarm/local-aws';
import { bundleEnvironment, ROOT } from './bundles';

export interface JobRun {
  exitCode: number | null;
  /** Parsed JSON log lines. */
  events: Array<Record<string, unknown> & { event: string }>;
  stderr: string;
}

/** Runs a built job bundle as its own process on the images' Node, with only the given environment (plus PATH). */
export function runJob(bundle: string, env: Record<string, string>): Promise<JobRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(jobNodeExecutable(), [bundle], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...bundleEnvironment(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const events = stdout
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => {
          try {
            return JSON.parse(line) as JobRun['events'][number];
          } catch {
            throw new Error(`${bundle} wrote a line that is not JSON: ${line}`);
          }
        });
      resolve({ exitCode, events, stderr });
    });
  });
}
