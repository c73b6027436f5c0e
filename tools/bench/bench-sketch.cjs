// A bundled sketch as the bench's plain-JavaScript loops run it (baseline.cjs, loop-shapes.cjs):
// its setup once, then draw(ctx, index) with the frame's info. Clearing the canvas before a frame
// is the caller's: the hand-written baselines and the render job's loop do it differently.
'use strict';

// A small seeded generator; the exact numbers do not matter to the benchmark, the work does.
const seeded = (seed) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** The sketch in the bundle at `sketchPath`, set up for `frames` frames of width × height at fps. */
function benchSketch(sketchPath, { frames, width, height, fps }) {
  const exported = require(sketchPath);
  const sketch = exported.default ?? exported;
  const state = sketch.setup ? sketch.setup({ width, height, fps, totalFrames: frames, seed: 'bench', random: seeded(1) }) : undefined;
  return {
    draw: (ctx, index) => sketch.draw(ctx, { index, time: index / fps, totalFrames: frames, width, height, fps, random: seeded(index + 2) }, state),
  };
}

module.exports = { benchSketch };
