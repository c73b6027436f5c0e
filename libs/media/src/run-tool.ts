import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { FfmpegError } from './errors';

const TAIL_LINES = 20;

/** Keeps the last lines of a stream of text, enough to explain a failure. */
export class OutputTail {
  private text = '';
  push(chunk: Buffer | string): void {
    this.text = (this.text + chunk.toString()).slice(-16_384);
  }
  toString(): string {
    return this.text.trimEnd().split('\n').slice(-TAIL_LINES).join('\n');
  }
}

export interface RunningTool {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  /** Resolves when the tool exits with 0, rejects with its stderr tail otherwise. */
  exited: Promise<void>;
}

export function startTool(bin: string, args: string[], description: string, env?: Record<string, string>): RunningTool {
  const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'], ...(env ? { env: { ...process.env, ...env } } : {}) });
  const stderr = new OutputTail();
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  // A tool that dies early closes the pipe; the exit code explains why, not the EPIPE.
  child.stdin.on('error', () => undefined);
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', (error) => reject(new FfmpegError(`${description}: could not start ${bin}: ${error.message}`, null, '')));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new FfmpegError(`${description} failed (exit ${code ?? signal})`, code, stderr.toString()));
    });
  });
  return { child, stdout: () => stdout, exited };
}

/** Runs a tool to completion and returns its stdout. */
export async function runTool(bin: string, args: string[], description: string): Promise<string> {
  const tool = startTool(bin, args, description);
  tool.child.stdin.end();
  await tool.exited;
  return tool.stdout();
}
