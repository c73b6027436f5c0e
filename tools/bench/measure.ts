import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

export const CPU_TIME = join(__dirname, 'cpu-time.pl');

/** One measured process tree: wall and CPU (user + sys of every process in it), in seconds. */
export interface Measured {
  wall: number;
  cpu: number;
  stdout: string;
}

export class BenchCommandError extends Error {
  override readonly name = 'BenchCommandError';
}

/** Runs a command under cpu-time.pl, so every descendant's CPU counts, even an orphaned one's. */
export function measure(command: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cpu-'));
  const report = join(dir, 'report.json');
  return new Promise((resolve, reject) => {
    const child = spawn('perl', [CPU_TIME, report, ...command], { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env, cwd: options.cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        if (code !== 0) throw new BenchCommandError(`${command.slice(0, 4).join(' ')} … exited with ${code}:\n${stderr}`);
        resolve({ ...readCpuReport(report), stdout });
      } catch (error) {
        reject(error);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

export function readCpuReport(file: string): { wall: number; cpu: number } {
  const { user, sys, wall } = JSON.parse(readFileSync(file, 'utf8')) as { user: number; sys: number; wall: number };
  return { wall, cpu: user + sys };
}

export interface Stats {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

export const fmt = (s: Stats, digits = 2, unit = ''): string =>
  s.n > 1 ? `${s.median.toFixed(digits)}${unit} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})` : `${s.median.toFixed(digits)}${unit}`;
