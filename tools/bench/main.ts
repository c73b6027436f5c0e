/**
 * framefarm's benchmarks (issue 11): `npm run bench` runs all, `npm run bench -- --quick` each at
 * a small size (QUICK). Prints every table and writes docs/benchmarks.md with an SVG chart per
 * benchmark in docs/benchmarks/.
 *
 *   npm run bench [-- --quick] [--only end-to-end,sketches,chunk-sizing,engine-overhead,join,api-latency,previews] [--reps N] [--out FILE]
 *
 * --reps N repeats every measurement N times instead of each benchmark's default (e.g. the full
 * sizes once each, where the default repetitions take over an hour). The charts of FILE go to a
 * folder named like it (docs/benchmarks/ for docs/benchmarks.md).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveFfmpeg } from '@framefarm/media';
import { apiLatency } from './api-latency';
import { chunkSizing } from './chunk-sizing';
import { endToEndSection, measureSideBySide, sketchSweep } from './end-to-end';
import { engineOverhead } from './engine-overhead';
import { buildBundles, RenderSize } from './framefarm-run';
import { describeFreshMemory, freshMemoryCost } from './fresh-memory';
import { joinBench } from './join';
import { load } from './measure';
import { markdownTable, metCell, Section, textTable, writeBenchmarksDoc } from './report';
import { BUILTINS, bundleSketch, CIRCLES, ROOT, USER_SKETCH } from './sketches';
import { FINDINGS } from './findings';
import { PREFACE } from './preface';
import { previewCost } from './previews';

/** What each benchmark measures, and how often by default. */
interface Sizes {
  endToEnd: Array<{ frames: number; reps: number; naive: boolean }>;
  sketches: { frames: number; reps: number };
  chunkSizing: { frames: number[]; chunks: number[]; reps: number };
  engineChildren: number;
  join: { frames: number; segments: number; reps: number };
  previews: { frames: number; previews: number };
  apiLatency: { submits: number; describes: number; lists: number; arraySize: number };
}

/** The sizes the issue names; with their default repetitions the full run takes over an hour. */
const FULL: Sizes = {
  endToEnd: [{ frames: 240, reps: 5, naive: true }, { frames: 960, reps: 3, naive: false }, { frames: 1800, reps: 3, naive: true }],
  sketches: { frames: 240, reps: 3 },
  chunkSizing: { frames: [240, 1800], chunks: [1, 2, 4, 8, 16, 30], reps: 2 },
  engineChildren: 10_000,
  join: { frames: 1800, segments: 30, reps: 3 },
  previews: { frames: 120, previews: 20 },
  apiLatency: { submits: 1000, describes: 100, lists: 20, arraySize: 10_000 },
};

/**
 * Every benchmark at a small size: a look at where things stand, not the figures of record (a
 * framefarm run of 60 frames is mostly its fixed cost, so its ratios read higher than at 240).
 * 1 min 26 s on a 2-core machine with the engine's sandbox (2026-12-02): most of it the eight
 * framefarm runs it makes, about 4 s each however few frames they render, and the engine's 200
 * jobs against xargs starting as many, bare and sandboxed.
 */
const QUICK: Sizes = {
  endToEnd: [{ frames: 60, reps: 1, naive: true }],
  sketches: { frames: 30, reps: 1 },
  chunkSizing: { frames: [60], chunks: [1], reps: 1 }, // and the planner's default
  engineChildren: 100,
  join: { frames: 60, segments: 4, reps: 2 },
  previews: { frames: 30, previews: 5 },
  apiLatency: { submits: 200, describes: 20, lists: 5, arraySize: 2_000 },
};

const BENCHMARKS = ['end-to-end', 'sketches', 'chunk-sizing', 'engine-overhead', 'join', 'api-latency', 'previews'] as const;
type Benchmark = (typeof BENCHMARKS)[number];

function parseArgs(argv: string[]): { quick: boolean; only: Benchmark[]; reps?: number; out: string } {
  const quick = argv.includes('--quick');
  const at = argv.indexOf('--only');
  const only = at >= 0 ? (argv[at + 1] ?? '').split(',') : [...BENCHMARKS];
  const bad = only.filter((name) => !BENCHMARKS.includes(name as Benchmark));
  if (bad.length > 0) {
    console.error(`--only takes a comma-separated list of ${BENCHMARKS.join(', ')}; unknown: ${bad.join(', ')}`);
    process.exit(2);
  }
  const repsAt = argv.indexOf('--reps');
  const reps = repsAt >= 0 ? Number(argv[repsAt + 1]) : undefined;
  if (reps !== undefined && !(Number.isInteger(reps) && reps >= 1 && reps <= 20)) {
    console.error(`--reps takes a whole number from 1 to 20; got ${argv[repsAt + 1] ?? 'nothing'}`);
    process.exit(2);
  }
  const outAt = argv.indexOf('--out');
  return { quick, only: only as Benchmark[], reps, out: outAt >= 0 ? argv[outAt + 1] : join(ROOT, 'docs', 'benchmarks.md') };
}

const HD = { width: 1280, height: 720, fps: 30 };

/** How the doc says it was measured: the command and its options, but not where it was written. */
function commandLine(argv: string[]): string {
  const options = argv.filter((arg, i) => arg !== '--out' && argv[i - 1] !== '--out');
  return ['npm run bench', ...(options.length > 0 ? ['--', ...options] : [])].join(' ');
}

async function main(): Promise<void> {
  const { quick, only, reps: repsOverride, out } = parseArgs(process.argv.slice(2));
  const sizes = quick ? QUICK : FULL;
  const reps = (fallback: number) => repsOverride ?? fallback;
  const cores = cpus().length;
  const loadBefore = load();
  const freshMemoryBefore = describeFreshMemory(freshMemoryCost());
  const dir = mkdtempSync(join(tmpdir(), 'bench-sketches-'));
  const sections: Section[] = [];
  let sectionStart = performance.now();
  const done = (section: Section) => {
    process.stderr.write(`(${section.title}: ${((performance.now() - sectionStart) / 1000).toFixed(0)} s)\n`);
    sectionStart = performance.now();
    sections.push(section);
    console.log(`\n## ${section.title}\n`);
    for (const table of section.tables) console.log(`${textTable(table)}\n`);
    if (section.targets.length > 0) console.log(textTable({ headers: ['target', 'measured', 'met'], rows: section.targets.map((t) => [t.what, t.measured, metCell(t, 'NO')]) }));
  };
  try {
    process.stderr.write(`bench (${quick ? 'quick' : 'full'}): ${only.join(', ')}; ${cores} cores, load ${loadBefore}; fresh memory ${freshMemoryBefore}\n`);
    await buildBundles();
    const circles = bundleSketch(CIRCLES, dir);
    sectionStart = performance.now();
    if (only.includes('end-to-end')) {
      const runs = [];
      for (const p of sizes.endToEnd) {
        const size: RenderSize = { frames: p.frames, ...HD };
        runs.push({ size, reps: await measureSideBySide(circles, size, reps(p.reps), cores, p.naive) });
      }
      done(endToEndSection(runs, circles));
    }
    if (only.includes('sketches')) {
      const sketches = [...BUILTINS.map((name) => bundleSketch(name, dir)), bundleSketch(USER_SKETCH, dir)];
      done(await sketchSweep(sketches, { frames: sizes.sketches.frames, ...HD }, reps(sizes.sketches.reps), cores));
    }
    if (only.includes('chunk-sizing')) {
      const { frames, chunks, reps: chunkReps } = sizes.chunkSizing;
      done(await chunkSizing(CIRCLES, frames.map((n) => ({ frames: n, ...HD })), chunks, reps(chunkReps)));
    }
    if (only.includes('engine-overhead')) done(await engineOverhead(sizes.engineChildren));
    if (only.includes('join')) done(await joinBench({ ...sizes.join, ...HD, reps: reps(sizes.join.reps) }));
    if (only.includes('previews')) done(await previewCost(sizes.previews));
    if (only.includes('api-latency')) done(await apiLatency(sizes.apiLatency));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const ffmpeg = execFileSync(resolveFfmpeg(), ['-version'], { encoding: 'utf8' }).split('\n')[0].replace(/ Copyright.*$/, '');
  writeBenchmarksDoc(out, {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    command: commandLine(process.argv.slice(2)),
    cores,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
    node: process.version,
    ffmpeg,
    loadBefore,
    loadAfter: load(),
    freshMemoryBefore,
    freshMemoryAfter: describeFreshMemory(freshMemoryCost()),
  }, sections, PREFACE, FINDINGS);
  process.stderr.write(`\nwrote ${out}\n`);
  const missed = sections.flatMap((s) => s.targets.filter((t) => !t.met));
  if (missed.length > 0) console.log(`\n${missed.length} target(s) missed:\n${markdownTable({ headers: ['target', 'measured'], rows: missed.map((t) => [t.what, t.measured]) })}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
