import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import type { LogEvent, LogStore } from '../logs/log-store';
import type { LauncherPool } from './launcher-pool';
import { LineSplitter } from './log-splitter';
import { setLongTimeout } from './long-timeout';
import { listProcStats } from './proc-stat';

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

/** The variables that differ between attempts of one submission (see LauncherPool). */
const VARYING = ['AWS_BATCH_JOB_ID', 'AWS_BATCH_JOB_ATTEMPT', 'AWS_BATCH_JOB_ARRAY_INDEX'];

const executableCache = new Map<string, string | undefined>();

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * argv[0] as an absolute path, looked up like execvp does (in the job's PATH), or undefined.
 * Looked up here so that "not found" is a start failure, not exit code 127 of a shell. Results
 * are cached per (name, PATH, cwd): 20,000 jobs of one command cost one lookup.
 */
export function resolveExecutable(command: string, path: string | undefined, cwd: string): string | undefined {
  const key = `${command}\0${path ?? ''}\0${cwd}`;
  if (executableCache.has(key)) return executableCache.get(key);
  let found: string | undefined;
  if (command.includes('/')) {
    const absolute = isAbsolute(command) ? command : resolve(cwd, command);
    found = isExecutableFile(absolute) ? absolute : undefined;
  } else {
    found = (path ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, command)).find(isExecutableFile);
  }
  if (found !== undefined) executableCache.set(key, found); // a missing command may be installed later
  return found;
}

/**
 * One attempt as a local process in its own process group, so stopping it stops everything it
 * started. stdout and stderr both go, line by line, to the attempt's log stream (as the awslogs
 * driver does). When the main process exits, the rest of its group is killed, like a container
 * being torn down, and the exit is reported once the output is written.
 */
export class RunningAttempt {
  private pid: number | undefined;
  private timedOut = false;
  private stopRequested = false;
  private finished = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly sandboxed: boolean;

  constructor(
    private readonly launch: AttemptLaunch,
    pool: LauncherPool,
    logStore: LogStore,
    private readonly handlers: AttemptHandlers,
  ) {
    this.sandboxed = pool.sandbox.available;
    const cwd = launch.cwd ?? process.cwd();
    const executable = resolveExecutable(launch.argv[0], launch.env.PATH, cwd);
    const startError =
      launch.cwd !== undefined && !isDirectory(launch.cwd)
        ? `working directory ${launch.cwd} does not exist`
        : executable === undefined
          ? `exec: "${launch.argv[0]}": executable file not found in $PATH`
          : undefined;
    if (startError !== undefined) {
      setImmediate(() => this.finish({ startError, timedOut: false }));
      return;
    }
    // The stream file is created by the first output line: creating 20,000 empty files costs more
    // than running 20,000 no-op jobs. (AWS creates an empty stream for a silent container.)
    let logLost = false;
    const write = (events: LogEvent[]): void => {
      try {
        logStore.append(launch.logGroup, launch.logStreamName, events);
      } catch (err) {
        // A full disk loses log lines, never the engine (the job's own outcome still counts).
        if (!logLost) console.error(`[batch] log output of ${launch.logStreamName} is being lost: ${(err as Error).message}`);
        logLost = true;
      }
    };
    const splitters = { stdout: new LineSplitter(write), stderr: new LineSplitter(write) };
    pool.run(
      {
        argv: [executable as string, ...launch.argv.slice(1)],
        cwd: launch.cwd,
        env: launch.env,
        varying: VARYING.filter((name) => name in launch.env),
      },
      {
        onStarted: (pid) => this.started(pid),
        onOutput: (stream, text) => splitters[stream].write(text),
        onFinished: (exitCode, launcherError) => {
          splitters.stdout.end();
          splitters.stderr.end();
          this.finish(launcherError !== undefined ? { startError: launcherError, timedOut: false } : { exitCode, timedOut: this.timedOut });
        },
      },
    );
  }

  /** SIGTERM to the group, SIGKILL after the grace period (docker stop). */
  stop(): void {
    if (this.stopRequested || this.finished) return;
    this.stopRequested = true;
    if (this.pid === undefined) return; // stopped as soon as it starts
    // In a sandbox the group's leader is bwrap, which would die of SIGTERM at once and take the
    // job with it: only the job's own processes get SIGTERM, as `docker stop` gives it to the container.
    if (this.sandboxed) return this.termMembers(Date.now());
    this.signalGroup('SIGTERM');
    this.timers.push(setTimeout(() => this.signalGroup('SIGKILL'), this.launch.stopGraceMs));
  }

  /** Immediate SIGKILL of the group (engine shutdown). */
  kill(): void {
    this.signalGroup('SIGKILL');
  }

  private started(pid: number): void {
    this.pid = pid;
    if (this.launch.timeoutSeconds !== undefined) {
      const timedOut = (): void => {
        this.timedOut = true;
        this.stop();
      };
      setLongTimeout(timedOut, this.launch.timeoutSeconds * 1000, (timer) => this.timers.push(timer));
    }
    this.handlers.onRunning(pid, Date.now());
    if (this.stopRequested) {
      this.stopRequested = false;
      this.stop();
    }
  }

  private finish(exit: AttemptExit): void {
    if (this.finished) return;
    this.finished = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.handlers.onExit(exit);
  }

  /**
   * SIGTERM to every process of the group but its leader (bwrap), then SIGKILL to all after the
   * grace period. A job stopped while bwrap is still building its sandbox gets the signal once its
   * process exists (the grace period starts then), as a container is stopped only once it runs.
   */
  private termMembers(since: number): void {
    if (this.pid === undefined || this.finished) return;
    // Skipped: bwrap itself and its child, the init of the job's PID namespace (which ignores SIGTERM).
    const members = groupMembers(this.pid)
      .filter(({ pid, ppid }) => pid !== this.pid && ppid !== this.pid)
      .map(({ pid }) => pid);
    if (members.length === 0 && Date.now() - since < 10_000) {
      this.timers.push(setTimeout(() => this.termMembers(since), 20));
      return;
    }
    for (const pid of members) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // exited meanwhile
      }
    }
    this.timers.push(setTimeout(() => this.signalGroup('SIGKILL'), this.launch.stopGraceMs));
  }

  private signalGroup(signal: NodeJS.Signals): void {
    if (this.pid === undefined || this.finished) return;
    try {
      process.kill(-this.pid, signal);
    } catch {
      // the group is already gone
    }
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Processes whose process group is `pgid`, with their parents. */
function groupMembers(pgid: number): { pid: number; ppid: number }[] {
  return listProcStats()
    .filter((stat) => stat.pgid === pgid)
    .map(({ pid, ppid }) => ({ pid, ppid }));
}
