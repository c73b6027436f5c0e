import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import type { LogEvent, LogStore } from '../logs/log-store';

export interface AttemptLaunch {
  argv: string[];
  cwd?: string;
  env: Record<string, string>;
  logGroup: string;
  logStreamName: string;
  /** Seconds from the start of the process until SIGTERM; undefined = no timeout. */
  timeoutSeconds?: number;
  /** Time between SIGTERM and SIGKILL when stopping (AWS: 30 s). */
  stopGraceMs: number;
}

export interface AttemptExit {
  /** Exit status; 128 + signal number when killed by a signal, as Docker reports it. */
  exitCode?: number;
  /** Set when the process could not be started at all. */
  startError?: string;
  timedOut: boolean;
}

export interface AttemptHandlers {
  onRunning(pid: number, at: number): void;
  onExit(exit: AttemptExit): void;
}

/** Splits a byte stream into log events, one per line; a trailing partial line waits for more. */
class LineSplitter {
  private partial = '';
  constructor(private readonly emit: (events: LogEvent[]) => void) {}
  write(chunk: Buffer): void {
    const lines = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = lines.pop() ?? '';
    const timestamp = Date.now();
    if (lines.length > 0) this.emit(lines.map((message) => ({ timestamp, message: message.replace(/\r$/, '') })));
  }
  end(): void {
    if (this.partial.length > 0) this.emit([{ timestamp: Date.now(), message: this.partial }]);
    this.partial = '';
  }
}

/**
 * One attempt as a local process in its own process group, so stopping it stops everything it
 * started. stdout and stderr both go, line by line, to the attempt's log stream (as the awslogs
 * driver does). When the main process exits, the rest of its group is killed, like a container
 * being torn down, and the exit is reported once the output is written.
 */
export class RunningAttempt {
  private readonly child: ChildProcess;
  private timedOut = false;
  private stopping = false;
  private exited = false;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly launch: AttemptLaunch,
    logStore: LogStore,
    private readonly handlers: AttemptHandlers,
  ) {
    logStore.createStream(launch.logGroup, launch.logStreamName);
    const write = (events: LogEvent[]): void => logStore.append(launch.logGroup, launch.logStreamName, events);
    const out = new LineSplitter(write);
    const err = new LineSplitter(write);
    let startError: string | undefined;
    let exitCode: number | undefined;

    this.child = spawn(launch.argv[0], launch.argv.slice(1), {
      cwd: launch.cwd,
      env: launch.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => out.write(chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => err.write(chunk));
    this.child.on('spawn', () => {
      const at = Date.now();
      if (launch.timeoutSeconds !== undefined) {
        this.timers.push(
          setTimeout(() => {
            this.timedOut = true;
            this.stop();
          }, launch.timeoutSeconds * 1000),
        );
      }
      handlers.onRunning(this.child.pid as number, at);
    });
    this.child.on('error', (error) => {
      startError ??= error.message;
    });
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      exitCode = code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : undefined);
      this.signalGroup('SIGKILL'); // whatever the main process left behind
    });
    this.child.on('close', () => {
      for (const timer of this.timers) clearTimeout(timer);
      out.end();
      err.end();
      handlers.onExit(startError !== undefined && exitCode === undefined ? { startError, timedOut: false } : { exitCode, timedOut: this.timedOut });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** SIGTERM to the group, SIGKILL after the grace period (docker stop). */
  stop(): void {
    if (this.stopping || this.exited) return;
    this.stopping = true;
    this.signalGroup('SIGTERM');
    this.timers.push(setTimeout(() => this.signalGroup('SIGKILL'), this.launch.stopGraceMs));
  }

  /** Immediate SIGKILL of the group (engine shutdown). */
  kill(): void {
    this.signalGroup('SIGKILL');
  }

  private signalGroup(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is already gone
    }
  }
}
