import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, resolve, sep } from 'node:path';

/** Whether jobs run in a bubblewrap sandbox here, and if not, why. */
export interface SandboxSupport {
  available: boolean;
  /** Absolute path of bwrap when available. */
  bwrap?: string;
  reason?: string;
}

/** The namespaces and mounts every sandbox has; the probe at start uses exactly these. */
const BASE_ARGS = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--unshare-pid', '--unshare-ipc', '--die-with-parent'];

let cached: SandboxSupport | undefined;

/**
 * Probes once per process whether bubblewrap (Debian's `bubblewrap` package) can build the
 * sandbox here: it needs user namespaces, or root. `FRAMEFARM_SANDBOX=off` turns it off.
 */
export function sandboxSupport(): SandboxSupport {
  if (cached) return cached;
  if (process.env.FRAMEFARM_SANDBOX === 'off') return (cached = { available: false, reason: 'FRAMEFARM_SANDBOX=off' });
  const bwrap = ['/usr/bin/bwrap', '/usr/local/bin/bwrap', '/bin/bwrap'].find((path) => existsSync(path));
  if (!bwrap) return (cached = { available: false, reason: 'bubblewrap (bwrap) is not installed; on Debian/Ubuntu: apt-get install bubblewrap' });
  const probe = spawnSync(bwrap, [...BASE_ARGS, '--tmpfs', '/tmp', '/bin/true'], { stdio: 'pipe', env: {}, timeout: 10_000 });
  if (probe.status !== 0) {
    const why = probe.stderr?.toString().trim() || probe.error?.message || `exit ${probe.status}`;
    return (cached = { available: false, reason: `bwrap cannot create a sandbox here (${why}); user namespaces may be disabled` });
  }
  return (cached = { available: true, bwrap });
}

const under = (path: string, dir: string): boolean => path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/**
 * The first of `paths` (what an image runs: its program, its working directory) that lies in one
 * of the `stackDirs` a sandbox hides, with that directory: a job could not run it.
 */
export function hiddenFromItsJobs(paths: string[], stackDirs: readonly string[]): { path: string; dir: string } | undefined {
  for (const path of paths) {
    const dir = stackDirs.find((d) => under(path, d));
    if (dir) return { path, dir };
  }
  return undefined;
}

/**
 * The paths a job's command names (absolute arguments, `NAME=/a:/b` arguments, its working
 * directory) that the sandbox would otherwise hide: they are bound back read-only.
 */
export function pathsToReveal(argv: string[], cwd: string | undefined, hidden: string[]): string[] {
  const candidates = new Set<string>();
  const consider = (value: string): void => {
    for (const part of value.split(':')) if (isAbsolute(part)) candidates.add(resolve(part));
  };
  for (const arg of argv) consider(arg.includes('=') && !arg.startsWith('/') ? arg.slice(arg.indexOf('=') + 1) : arg);
  if (cwd) consider(cwd);
  return [...candidates].filter((path) => hidden.some((dir) => under(path, dir)) && existsSync(path)).sort();
}

/**
 * bwrap's arguments for one job, as shell words (`"$__scratch"` is the launch's own scratch
 * directory, assigned per launch): the whole file system read-only, an own PID namespace with its
 * own /proc (no ancestor is visible), a private /tmp that is the scratch directory (the only
 * writable place), HOME hidden and set to /tmp, the command's own files bound back, and last the
 * `stackDirs` (the stack's state: other jobs' environments, objects, credentials) hidden again,
 * wherever they are and whatever was bound back around them; nothing inside them is bound back.
 */
export function sandboxWords(bwrap: string, argv: string[], cwd: string | undefined, quote: (text: string) => string, stackDirs: readonly string[] = []): string {
  const home = process.env.HOME;
  const hidden = ['/tmp', tmpdir(), ...(home && home !== '/' && !under('/tmp', home) ? [home] : [])];
  const words = [quote(bwrap), ...BASE_ARGS.map(quote), '--bind', '"$__scratch"', '/tmp'];
  const hideHome = home !== undefined && hidden.includes(home);
  if (hideHome) words.push('--tmpfs', quote(home));
  const revealed = pathsToReveal(argv, cwd, hidden).filter((path) => !stackDirs.some((dir) => under(path, dir)));
  for (const path of revealed) words.push('--ro-bind', quote(path), quote(path));
  // a stack directory under a hidden one is out of sight already, unless a path bound back holds it
  const visible = (dir: string): boolean => !hidden.some((h) => under(dir, h)) || revealed.some((path) => under(dir, path));
  for (const dir of stackDirs) if (visible(dir) && existsSync(dir)) words.push('--tmpfs', quote(dir), '--remount-ro', quote(dir));
  // read-only only now: bwrap creates the mount points of the paths bound back inside HOME first
  if (hideHome) words.push('--remount-ro', quote(home));
  words.push('--setenv', 'HOME', '/tmp', '--setenv', 'TMPDIR', '/tmp');
  if (cwd) words.push('--chdir', quote(cwd));
  words.push('--');
  return words.join(' ');
}
