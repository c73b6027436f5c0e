import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sandboxSupport, sandboxWords, type SandboxSupport } from './sandbox';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';

export interface LaunchRequest {
  /** argv[0] must already be an absolute path (see resolveExecutable). */
  argv: string[];
  cwd?: string;
  env: Record<string, string>;
  /** Names in `env` whose values change from launch to launch (job id, attempt, index...). */
  varying: string[];
}

export interface LaunchCallbacks {
  /** The process is running; `pid` is also its process group id. */
  onStarted(pid: number): void;
  onOutput(stream: 'stdout' | 'stderr', text: string): void;
  /** All output has been delivered. `exitCode` is 128 + signal for a killed process. */
  onFinished(exitCode: number | undefined, launcherError?: string): void;
}

const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Redirections of the subshell, then: report its pid, wait, clean up its group, end the output.
 * `wait` runs with stderr closed: bash reports a job killed by a signal on stderr with the job's
 * whole command text, which holds the job's environment. A process stopped by SIGSTOP has not
 * ended (a container is paused, not gone), but with job control on `wait` returns 147 for it, so
 * while it is stopped the launcher looks again once a second, until it ends or the stack (the
 * launcher's parent) is gone. A process that exits with 147 itself is gone at once.
 * Not `wait -f`: in bash 5.2 it spins at full CPU while the process is stopped, and for a job
 * killed by a signal it reads the job after freeing it, which hangs the launcher for good when
 * the freed memory happens to read as a stopped process (about one launcher in 256).
 */
const AFTER_START = [
  '</dev/null >&3 2>&4 3>&- 4>&- &',
  '__pid=$!',
  'echo "S $__pid"',
  '{ wait $__pid; __code=$?; while [ $__code -eq 147 ] && kill -0 $__pid && kill -0 $PPID; do sleep 1; wait $__pid; __code=$?; done; } 2>/dev/null',
  'kill -9 -$__pid 2>/dev/null',
  `printf '%s\\n' "$__marker" >&3`,
  `printf '%s\\n' "$__marker" >&4`,
  'echo "E $__code"',
  '',
].join('\n');

/**
 * What a launcher runs for one process, in two parts. The script (a file, the same for every
 * launch of one submission: 10,000 array children share one) starts a subshell in its own
 * process group (`set -m`) with the job's environment only, /dev/null as stdin and the
 * launcher's fds 3/4 as stdout/stderr; after the process exits it kills whatever is left in the
 * group and ends both output pipes with a marker unique to the launch. The per-launch values
 * arrive on the launcher's stdin as plain shell variables, kept short because bash reads a pipe
 * one byte at a time.
 */
function launchParts(request: LaunchRequest, sandbox: SandboxSupport, hidden: readonly string[]): { script: string; assignments: string } | undefined {
  const names = Object.keys(request.env);
  if (names.some((name) => !SHELL_NAME.test(name) || name.startsWith('__'))) return undefined;
  const varying = new Set(request.varying);
  const exports = names.filter((n) => !varying.has(n)).map((name) => `export ${name}=${quote(request.env[name])}; `).join('');
  const exportVarying = request.varying.length > 0 ? `export ${request.varying.join(' ')}; ` : '';
  const cd = request.cwd === undefined ? '' : `cd ${quote(request.cwd)} || exit 126; `;
  const script = jobScript(`${exports}${exportVarying}${cd}exec ${sandboxPrefix(request, sandbox, hidden)}${request.argv.map(quote).join(' ')}`);
  const assignments = request.varying.map((name) => `${name}=${quote(request.env[name] ?? '')}`).join(' ');
  return { script, assignments };
}

/** Environment names a shell cannot hold go through env(1) in a one-off script (slower, rare). */
function oneOffScript(request: LaunchRequest, sandbox: SandboxSupport, hidden: readonly string[]): string {
  const pairs = Object.entries(request.env).map(([name, value]) => quote(`${name}=${value}`)).join(' ');
  const cd = request.cwd === undefined ? '' : `cd ${quote(request.cwd)} || exit 126; `;
  return jobScript(`${cd}exec /usr/bin/env -i ${pairs} ${sandboxPrefix(request, sandbox, hidden)}${request.argv.map(quote).join(' ')}`);
}

/**
 * The job's commands go in a function and the background job is `( __job )`: bash reports a job
 * killed by a signal with its command text (even outside `wait`, as job notifications come), and
 * that text must not hold the job's environment.
 */
const jobScript = (commands: string): string => `__job() { ${commands}; }\n( __job ) ${AFTER_START}`;

/** `bwrap … --` in front of the command when jobs are sandboxed (see sandbox.ts). */
function sandboxPrefix(request: LaunchRequest, sandbox: SandboxSupport, hidden: readonly string[]): string {
  return sandbox.available && sandbox.bwrap ? `${sandboxWords(sandbox.bwrap, request.argv, request.cwd, quote, hidden)} ` : '';
}

/** 16 random hex digits, from a pool of random bytes (one randomBytes call per 512 launches, not two per launch). */
const entropy = { bytes: Buffer.alloc(0), used: 0 };
function randomHex(): string {
  if (entropy.used + 8 > entropy.bytes.length) {
    entropy.bytes = randomBytes(4096);
    entropy.used = 0;
  }
  entropy.used += 8;
  return entropy.bytes.toString('hex', entropy.used - 8, entropy.used);
}

/**
 * Removes a launch's scratch directory if the job left it empty (most do): one rmdir on the event
 * loop, so the slot goes to the next job at once. Anything else is removed recursively off the
 * event loop (the recursive rm is several threadpool round trips, which held up every short job).
 */
function removeIfEmpty(dir: string): boolean {
  try {
    rmdirSync(dir);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * Fresh, empty scratch directories (0700) for the launches, one made ahead off the event loop for
 * each launch that takes one, so a freed slot does not wait for a mkdir (a journaled file system
 * op, slow when the disk is busy). Never reused: a job could leave something on its directory itself.
 */
class ScratchDirs {
  private readonly ready: string[] = [];
  private making = 0;
  constructor(
    private readonly root: string,
    /** How many to keep ready: one per launcher, as every launcher may need one next. */
    private readonly wanted: () => number,
  ) {}

  take(): string {
    let dir = this.ready.pop();
    if (dir === undefined) {
      dir = join(this.root, randomHex());
      mkdirSync(dir, { mode: 0o700 });
    }
    while (this.ready.length + this.making < this.wanted()) this.makeOne();
    return dir;
  }

  private makeOne(): void {
    const dir = join(this.root, randomHex());
    this.making++;
    mkdir(dir, { mode: 0o700 }).then(
      () => {
        this.making--;
        this.ready.push(dir);
      },
      () => this.making--, // the pool is closing; take() makes one itself otherwise
    );
  }
}

/** Reads one output pipe of a launcher and cuts it at each launch's end marker. */
class OutputReader {
  private decoder = new StringDecoder('utf8');
  private pending = '';
  private marker = '';
  private deliver: ((text: string) => void) | undefined;
  private ended: (() => void) | undefined;

  constructor(stream: Readable) {
    stream.on('data', (chunk: Buffer) => this.write(this.decoder.write(chunk)));
  }

  begin(marker: string, deliver: (text: string) => void, ended: () => void): void {
    this.marker = `${marker}\n`;
    this.deliver = deliver;
    this.ended = ended;
  }

  private write(text: string): void {
    if (!this.deliver) return; // no launch in progress: nothing can write here
    const all = this.pending + text;
    const at = all.indexOf(this.marker);
    if (at >= 0) {
      if (at > 0) this.deliver(all.slice(0, at));
      this.pending = '';
      const ended = this.ended;
      this.deliver = this.ended = undefined;
      ended?.();
      return;
    }
    // hold back only a tail that could be the start of a marker split across chunks
    let keep = 0;
    for (let i = all.indexOf(this.marker[0], Math.max(0, all.length - this.marker.length + 1)); i >= 0; i = all.indexOf(this.marker[0], i + 1)) {
      if (this.marker.startsWith(all.slice(i))) {
        keep = all.length - i;
        break;
      }
    }
    if (all.length > keep) this.deliver(all.slice(0, all.length - keep));
    this.pending = all.slice(all.length - keep);
  }
}

/** One long-lived bash that starts one process at a time. */
class Launcher {
  private readonly child: ChildProcess;
  private readonly stdout: OutputReader;
  private readonly stderr: OutputReader;
  private control = '';
  private current: { callbacks: LaunchCallbacks; exitCode?: number; exited: boolean; open: number } | undefined;
  dead = false;

  constructor(
    private readonly scripts: ScriptFiles,
    private readonly sandbox: SandboxSupport,
    private readonly hidden: readonly string[],
    private readonly scratch: ScratchDirs,
    private readonly onIdle: (launcher: Launcher) => void,
    private readonly onDead: (launcher: Launcher) => void,
    environment: Record<string, string>,
  ) {
    this.child = spawn('bash', ['--norc', '--noprofile'], { stdio: ['pipe', 'pipe', 'pipe', 'pipe', 'pipe'], env: environment, detached: true });
    this.child.stdin?.write('set -m\n');
    const [, , , out, err] = this.child.stdio;
    this.stdout = new OutputReader(out as Readable);
    this.stderr = new OutputReader(err as Readable);
    this.child.stdout?.on('data', (chunk: Buffer) => this.onControl(chunk.toString('latin1')));
    this.child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[batch launcher] ${chunk.toString()}`));
    this.child.on('error', () => this.die('the launcher shell (bash) could not be started'));
    this.child.stdin?.on('error', () => this.die('the launcher shell stopped reading its input'));
    this.child.on('exit', () => this.die('the launcher shell exited'));
  }

  run(request: LaunchRequest, callbacks: LaunchCallbacks): void {
    const marker = `--framefarm-end-${randomHex()}--`;
    const parts = launchParts(request, this.sandbox, this.hidden);
    const script = parts ? this.scripts.shared(parts.script) : this.scripts.oneOff(oneOffScript(request, this.sandbox, this.hidden));
    // The launch's private /tmp in the sandbox: the only place it can write; removed with the launch.
    const scratch = this.sandbox.available ? this.scratch.take() : undefined;
    const launch = (this.current = {
      callbacks: {
        ...callbacks,
        // the attempt ends once its scratch directory (all it wrote) is gone
        onFinished: (exitCode: number | undefined, launcherError?: string) => {
          this.scripts.release(script);
          if (!scratch || removeIfEmpty(scratch)) return callbacks.onFinished(exitCode, launcherError);
          void rm(scratch, { recursive: true, force: true })
            .catch(() => undefined)
            .then(() => callbacks.onFinished(exitCode, launcherError));
        },
      },
      exited: false,
      open: 2,
    });
    const closed = (): void => {
      launch.open--;
      this.settle();
    };
    this.stdout.begin(marker, (text) => callbacks.onOutput('stdout', text), closed);
    this.stderr.begin(marker, (text) => callbacks.onOutput('stderr', text), closed);
    const scratchAssignment = scratch ? ` __scratch=${quote(scratch)}` : '';
    this.child.stdin?.write(`${parts?.assignments ?? ''}${scratchAssignment} __marker=${quote(marker)}; . ${quote(script)}\n`);
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }

  private onControl(text: string): void {
    this.control += text;
    let newline: number;
    while ((newline = this.control.indexOf('\n')) >= 0) {
      const line = this.control.slice(0, newline);
      this.control = this.control.slice(newline + 1);
      const launch = this.current;
      if (!launch) continue;
      if (line.startsWith('S ')) launch.callbacks.onStarted(Number(line.slice(2)));
      else if (line.startsWith('E ')) {
        launch.exitCode = Number(line.slice(2));
        launch.exited = true;
        this.settle();
      }
    }
  }

  private settle(): void {
    const launch = this.current;
    if (!launch || !launch.exited || launch.open > 0) return;
    this.current = undefined;
    launch.callbacks.onFinished(launch.exitCode);
    if (!this.dead) this.onIdle(this);
  }

  private die(reason: string): void {
    if (this.dead) return;
    this.dead = true;
    this.onDead(this);
    const launch = this.current;
    this.current = undefined;
    launch?.callbacks.onFinished(undefined, reason);
  }
}

/**
 * Launch scripts on disk, in the pool's private directory (0700), each file 0600: they hold job
 * environments. A shared script (one per distinct content: 10,000 array children share one) is
 * written when first needed and removed when no launch uses it any more, so no environment stays
 * on disk after its jobs.
 */
class ScriptFiles {
  private readonly written = new Map<string, { path: string; users: number }>();
  private readonly byPath = new Map<string, string>();
  private oneOffs = 0;
  constructor(private readonly dir: string) {}

  shared(script: string): string {
    let entry = this.written.get(script);
    if (!entry) {
      entry = { path: join(this.dir, createHash('sha256').update(script).digest('hex').slice(0, 16)), users: 0 };
      writeFileSync(entry.path, script, { mode: 0o600 });
      this.written.set(script, entry);
      this.byPath.set(entry.path, script);
    }
    entry.users++;
    return entry.path;
  }

  oneOff(script: string): string {
    const path = join(this.dir, `one-off-${this.oneOffs++}`);
    writeFileSync(path, script, { mode: 0o600 });
    return path;
  }

  /** A launch that used `path` has finished. */
  release(path: string): void {
    const script = this.byPath.get(path);
    const entry = script === undefined ? undefined : this.written.get(script);
    if (entry && --entry.users > 0) return;
    if (script !== undefined) {
      this.written.delete(script);
      this.byPath.delete(path);
    }
    rmSync(path, { force: true });
  }
}

const POOL_PREFIX = 'ffl-';
const OWNER_FILE = 'owner';

/** Pool directories of engines that died without closing them (kill -9) are removed by the next pool. */
function sweepAbandonedPools(root: string): void {
  let names: string[];
  try {
    names = readdirSync(root).filter((name) => name.startsWith(POOL_PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join(root, name);
    try {
      if (statSync(dir).uid !== process.getuid?.()) continue;
      const owner = Number(readFileSync(join(dir, OWNER_FILE), 'utf8'));
      if (owner > 0 && isAlive(owner)) continue;
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // not a pool of ours, or already gone
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Starts job processes through a pool of long-lived bash launchers instead of forking the
 * engine for each one: a fork of a small shell does not block the engine's event loop or copy
 * its memory map, which is what keeps 20,000 short jobs close to `xargs -P` speed.
 */
export class LauncherPool {
  private readonly dir: string;
  private readonly scratch: ScratchDirs;
  private readonly scripts: ScriptFiles;
  private readonly idle: Launcher[] = [];
  private readonly all = new Set<Launcher>();
  /** Whether jobs run in a bubblewrap sandbox (see sandbox.ts). */
  readonly sandbox: SandboxSupport;
  /** Directories a sandboxed job must not see (the stack's state), even inside paths it is shown. */
  private readonly hidden: readonly string[];
  private readonly launcherEnvironment: Record<string, string>;

  constructor(
    options: {
      sandbox?: SandboxSupport;
      hidden?: readonly string[];
      /** The launcher shells' own environment, empty unless a test sets it; jobs inherit it too. */
      launcherEnvironment?: Record<string, string>;
    } = {},
  ) {
    sweepAbandonedPools(tmpdir());
    this.dir = mkdtempSync(join(tmpdir(), POOL_PREFIX)); // short: every launch names a file in it; mode 0700
    writeFileSync(join(this.dir, OWNER_FILE), String(process.pid), { mode: 0o600 });
    const scratchRoot = join(this.dir, 'scratch');
    mkdirSync(scratchRoot, { mode: 0o700 });
    this.scratch = new ScratchDirs(scratchRoot, () => this.all.size);
    this.scripts = new ScriptFiles(this.dir);
    this.sandbox = options.sandbox ?? sandboxSupport();
    // the pool's own directory too: it is in /tmp (hidden anyway) unless TMPDIR points elsewhere
    this.hidden = [...(options.hidden ?? []), this.dir];
    this.launcherEnvironment = options.launcherEnvironment ?? {};
  }

  run(request: LaunchRequest, callbacks: LaunchCallbacks): void {
    let launcher = this.idle.pop();
    while (launcher?.dead) launcher = this.idle.pop();
    if (!launcher) {
      launcher = new Launcher(
        this.scripts,
        this.sandbox,
        this.hidden,
        this.scratch,
        (l) => this.idle.push(l),
        (l) => this.all.delete(l),
        this.launcherEnvironment,
      );
      this.all.add(launcher);
    }
    launcher.run(request, callbacks);
  }

  /** Kills the launchers (not the processes they started: their groups are the caller's). */
  close(): void {
    for (const launcher of this.all) launcher.kill();
    this.all.clear();
    this.idle.length = 0;
    try {
      rmSync(this.dir, { recursive: true, force: true });
    } catch {
      // a spare scratch directory made meanwhile: the next pool sweeps what is left (see sweepAbandonedPools)
    }
  }
}
