import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jobNodeExecutable } from '@framefarm/local-aws';

const ROOT = join(__dirname, '..', '..', '..');

export interface RenderJobExit {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Its JSON log lines (other lines, a sketch's own output, are left out). */
  events: Array<Record<string, unknown> & { event: string }>;
  stderr: string;
}

/** The render bundle as its own process on the images' Node, with only the given environment (plus PATH). */
export function startRenderJob(bundle: string, env: Record<string, string>): { child: ChildProcess; exited: Promise<RenderJobExit> } {
  const child = spawn(jobNodeExecutable(), [bundle], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', NODE_PATH: join(ROOT, 'node_modules'), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<RenderJobExit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      const events = stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as RenderJobExit['events'][number]);
      resolve({ exitCode, signal, events, stderr });
    });
  });
  return { child, exited };
}

/** Pids of the processes whose parent is `pid`, with their command names. */
export function childProcesses(pid: number): Array<{ pid: number; command: string }> {
  const children: Array<{ pid: number; command: string }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: the command name may hold spaces and parentheses.
      const close = stat.lastIndexOf(')');
      const [, ppid] = stat.slice(close + 2).split(' ');
      if (Number(ppid) === pid) children.push({ pid: Number(entry), command: stat.slice(stat.indexOf('(') + 1, close) });
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

/** False once the process has ended (gone, or a zombie waiting for its new parent to reap it). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
