import { setFlagsFromString } from 'node:v8';

// V8 flags of the CLI, set once at start-up, before the CLI's modules are compiled: V8 keys every
// code cache by the flags, so they must not change later in the process (the module cache, made on
// exit, would not match the next start). Any flag at all costs Node's own cache of its built-in
// modules, made with none (about 10 ms for fifteen of them), which these two repay many times.
//
// Heap growth. The CLI idles while the jobs render, then streams the segments and the video through
// the local stack and writes the report. After the idle phase V8 grows the old generation by as
// little as ~10% past the live heap (~40 MB), so that burst ran 6–9 full mark-compacts at 240
// frames; growing by 100% runs 1–2, for at most a few tens of MB more memory in a short-lived process.
setFlagsFromString('--heap-growing-percent=100');

// Tiering. Most of the CLI's code runs briefly (start-up, a request handler now and then), and V8's
// optimizing compiler spent about 0.25 s of a 240-frame run's CPU on some 90 functions that ran
// only a little longer. Waiting 40 profiler ticks instead of 3 leaves that to code that stays hot.
// The CLI's CPU in a run (medians, interleaved): 240 frames 1,068 -> 972 ms, 7,200 frames 5,187 ->
// 5,045 ms. No optimization at all (--no-opt) was cheaper at 240 frames (926 ms) but dearer at
// 7,200 (5,275 ms): a long run needs its hot code optimized.
// Measured on Node 20's V8 (11.3). Later V8s tier up by invocation counts and no longer know the
// flag: Node 24's prints "unrecognized flag" on stderr at every start, so it is set only where it exists.
const TICKS = 40;
if (hasTicksFlag(process.versions.v8)) setFlagsFromString(`--ticks-before-optimization=${TICKS}`);

/** Whether this V8 still tiers up by profiler ticks (V8 11, Node 20; measured there). */
export function hasTicksFlag(v8Version: string): boolean {
  return Number(v8Version.split('.')[0]) <= 11;
}
