import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure } from './measure';
import { CIRCLES, ROOT } from './sketches';

const LAUNCHER = join(ROOT, 'apps', 'cli', 'bin', 'framefarm.js');
/** What the launcher runs once the bundles are current; run directly, no source edit can trigger a rebuild mid-benchmark. */
export const CLI = join(ROOT, 'dist', 'apps', 'cli', 'main.cjs');
export const CLI_ENV = { ...process.env, NX_DAEMON: 'false', FRAMEFARM_ROOT: ROOT, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

export interface RenderSize {
  frames: number;
  width: number;
  height: number;
  fps: number;
}

/** One `framefarm run`, wall and CPU of its whole process tree, and where the wall time went. */
export interface FramefarmRun {
  wall: number;
  cpu: number;
  chunks: number;
  /** Seconds: process start-up and the finish (download, report) around the jobs; plan job; waits between jobs; render; encode (join). */
  split: { startup: number; plan: number; queue: number; render: number; join: number };
}

interface RunSummaryJson {
  status: string;
  chunks: number;
  timingsMs: { plan: number; render: number; encode: number; total: number };
}

/**
 * The launcher builds the bundles when sources changed; build before anything is timed. Then one
 * small run, untimed: the first run after a build fills the V8 code caches of the CLI's modules and
 * of each job bundle (once per build, not per run), which would otherwise be counted in whichever
 * benchmark runs first.
 */
export async function buildBundles(): Promise<void> {
  await measure([process.execPath, LAUNCHER, '--help'], { cwd: ROOT, env: CLI_ENV });
  await framefarmRun(CIRCLES, { frames: 2, width: 64, height: 64, fps: 30 });
}

/**
 * Runs `framefarm run` the way a user does: with its own stack in a fresh state directory, or,
 * with `joinRunningStack`, joining the `framefarm up` that serves the default endpoint.
 */
export async function framefarmRun(sketch: string, size: RenderSize, framesPerJob?: number, options: { joinRunningStack?: boolean } = {}): Promise<FramefarmRun> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-framefarm-'));
  try {
    const args = [
      CLI, 'run', '--json', '--sketch', sketch, '--frames', String(size.frames), '--width', String(size.width), '--height', String(size.height),
      '--fps', String(size.fps), '--out', join(dir, 'out'),
      ...(options.joinRunningStack ? [] : ['--state-dir', join(dir, 'state')]),
      ...(framesPerJob ? ['--frames-per-job', String(framesPerJob)] : []),
    ];
    const run = await measure([process.execPath, ...args], { cwd: ROOT, env: CLI_ENV });
    const summary = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as RunSummaryJson;
    if (summary.status !== 'SUCCEEDED') throw new Error(`framefarm run of ${sketch} did not succeed: ${run.stdout.slice(-500)}`);
    const t = summary.timingsMs;
    const s = (ms: number) => ms / 1000;
    return {
      wall: run.wall,
      cpu: run.cpu,
      chunks: summary.chunks,
      split: {
        startup: Math.max(0, run.wall - s(t.total)),
        plan: s(t.plan),
        queue: Math.max(0, s(t.total - t.plan - t.render - t.encode)),
        render: s(t.render),
        join: s(t.encode),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
