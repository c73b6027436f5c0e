/**
 * Before/after of each change: `framefarm run` from several checkouts of this repository (each
 * with its bundles built), interleaved, against the ideal measured in the same repetition.
 *
 *   tools/bench/snapshot.sh <commit> <dir>    # once per checkout to compare
 *   npx tsx --tsconfig tsconfig.base.json tools/bench/compare.ts [--frames 120] [--reps 3] LABEL=DIR [LABEL=DIR ...]
 *
 * Prints a markdown table of CPU and wall (median, min–max) and CPU ÷ ideal per checkout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { idealRun } from './baselines';
import { fmt, load, measure, stats } from './measure';
import { markdownTable } from './report';
import { bundleSketch, CIRCLES } from './sketches';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flag = (name: string, fallback: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
  const frames = Number(flag('--frames', '120'));
  const reps = Number(flag('--reps', '3'));
  const checkouts = argv.filter((a) => a.includes('=')).map((a) => ({ label: a.slice(0, a.lastIndexOf('=')), dir: a.slice(a.lastIndexOf('=') + 1) }));
  const work = mkdtempSync(join(tmpdir(), 'bench-compare-'));
  const sketch = bundleSketch(CIRCLES, work);
  const size = { frames, width: 1280, height: 720, fps: 30 };
  const results = new Map<string, { wall: number[]; cpu: number[]; ratio: number[]; wallRatio: number[] }>(checkouts.map((c) => [c.label, { wall: [], cpu: [], ratio: [], wallRatio: [] }]));
  try {
    for (let r = 0; r < reps; r++) {
      const ideal = await idealRun(sketch.bundle, size, cpus().length);
      for (let k = 0; k < checkouts.length; k++) {
        const { label, dir } = checkouts[(k + r) % checkouts.length];
        const out = join(work, `run-${r}-${k}`);
        const run = await measure(
          [process.execPath, join(dir, 'dist', 'apps', 'cli', 'main.cjs'), 'run', '--json', '--sketch', CIRCLES, '--frames', String(frames),
            '--width', '1280', '--height', '720', '--fps', '30', '--out', join(out, 'out'), '--state-dir', join(out, 'state')],
          { cwd: dir, env: { ...process.env, FRAMEFARM_ROOT: dir, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
        );
        rmSync(out, { recursive: true, force: true });
        const entry = results.get(label)!;
        entry.wall.push(run.wall);
        entry.cpu.push(run.cpu);
        entry.ratio.push(run.cpu / ideal.cpu);
        entry.wallRatio.push(run.wall / ideal.wall);
        process.stderr.write(`  ${label}: ${run.wall.toFixed(1)} s, ${run.cpu.toFixed(2)} s CPU, ideal ${ideal.cpu.toFixed(2)} s CPU (load ${load()})\n`);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(markdownTable({
    headers: [`${frames} frames, circles`, 'CPU (user+sys)', 'CPU ÷ ideal', 'wall', 'wall ÷ ideal'],
    rows: checkouts.map(({ label }) => {
      const e = results.get(label)!;
      return [label, fmt(stats(e.cpu), 2, ' s'), fmt(stats(e.ratio), 2, '×'), fmt(stats(e.wall), 1, ' s'), fmt(stats(e.wallRatio), 2, '×')];
    }),
  }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
