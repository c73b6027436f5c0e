// Render loops of four shapes, for loop-floor.ts: the same sketch, readback and ffmpeg command as a
// render job, without the job around them (no SDK, no stack, no records). One process per run:
//
//   node loop-shapes.cjs <shape> <sketch.cjs> <frame-code.cjs> <frames> <width> <height> <fps> <ffmpeg> <args.json> [<env.json>]
//
//   pipe              draws on the main thread and writes each frame into ffmpeg's pipe (the one-pipe script)
//   pipe-checksum     the same, plus the render job's frame checksum of every frame
//   thread-checksum   the render job's shape: a worker thread draws into frame buffers the main thread
//                     lends it (shared memory); the main thread checksums each frame where it is and writes it
//   thread-checksum-i420  the same, but the main thread writes the frame as I420 (frameToI420), as render jobs
//                     have since 2026-12-01, into an ffmpeg that converts nothing (args.json and env.json for it)
'use strict';
const { spawn } = require('node:child_process');
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');
const { benchSketch } = require('./bench-sketch.cjs');

/** Draws frame `index` on one canvas and reads it back as the render jobs do (canvas.data()). */
function frameReader(sketchPath, frames, width, height, fps) {
  const { createCanvas } = require('@napi-rs/canvas');
  const sketch = benchSketch(sketchPath, { frames, width, height, fps });
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  return (index) => {
    ctx.reset();
    ctx.fillStyle = '#000000';
    ctx.fillRect(0, 0, width, height);
    sketch.draw(ctx, index);
    return canvas.data();
  };
}

if (!isMainThread) {
  const { sketchPath, frames, width, height, fps } = workerData;
  const read = frameReader(sketchPath, frames, width, height, fps);
  parentPort.on('message', ({ index, pixels }) => {
    const readback = read(index);
    pixels.set(readback);
    // Freed at once, as the render job's copyCanvasRgba does (on a Node with ArrayBuffer.prototype.transfer).
    readback.buffer.transfer?.(0);
    parentPort.postMessage({ index });
  });
  return;
}

const [shape, sketchPath, frameCodePath, framesArg, widthArg, heightArg, fpsArg, ffmpeg, argsJson, envJson] = process.argv.slice(2);
const [frames, width, height, fps] = [framesArg, widthArg, heightArg, fpsArg].map(Number);
if (!['pipe', 'pipe-checksum', 'thread-checksum', 'thread-checksum-i420'].includes(shape)) throw new Error(`unknown shape ${shape}`);
// As in the render job (apps/render/src/canvas-memory.ts), before the canvas loads.
process.env.MIMALLOC_PURGE_DELAY = '-1';
const { allocateFrameBuffer, frameChecksum, frameToI420, i420FrameBytes } = require(frameCodePath);
const i420 = shape.endsWith('-i420');
const checksums = [];
const check = shape.includes('-checksum') ? (pixels) => checksums.push(frameChecksum(pixels)) : () => undefined;

const env = { ...process.env, ...(envJson ? JSON.parse(envJson) : {}) };
const encoder = spawn(ffmpeg, JSON.parse(argsJson), { stdio: ['pipe', 'ignore', 'inherit'], env });
const exited = new Promise((resolve, reject) => encoder.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}`)))));
// Resolves once the pipe holds all of the frame, as the segment encoder's write() does.
const write = (pixels) => new Promise((resolve) => encoder.stdin.write(pixels, resolve));

async function sameThread() {
  const read = frameReader(sketchPath, frames, width, height, fps);
  let previous = Promise.resolve();
  for (let index = 0; index < frames; index++) {
    const pixels = read(index);
    check(pixels);
    const inPipe = write(pixels);
    await previous;
    previous = inPipe;
  }
  await previous;
}

async function sketchThread() {
  const frameBytes = width * height * 4;
  const worker = new Worker(__filename, { workerData: { sketchPath, frames, width, height, fps } });
  const spare = [];
  const lent = [];
  const arrived = [];
  let waiting;
  worker.on('message', () => {
    arrived.push(lent.shift());
    waiting?.();
  });
  const request = (index) => {
    const pixels = spare.pop() ?? allocateFrameBuffer(frameBytes, i420 ? i420FrameBytes({ width, height }) : 0);
    lent.push(pixels);
    worker.postMessage({ index, pixels });
  };
  request(0);
  let previous = Promise.resolve();
  for (let index = 0; index < frames; index++) {
    if (arrived.length === 0) await new Promise((resolve) => (waiting = resolve));
    waiting = undefined;
    const pixels = arrived.shift();
    // Drawn while this one is checked and written.
    if (index + 1 < frames) request(index + 1);
    check(pixels);
    const inPipe = write(i420 ? frameToI420(pixels, { width, height }) : pixels).then(() => spare.push(pixels));
    await previous;
    previous = inPipe;
  }
  await previous;
  await worker.terminate();
}

(shape.startsWith('thread-') ? sketchThread() : sameThread())
  .then(() => {
    encoder.stdin.end();
    return exited;
  })
  .then(() => {
    if (checksums.length !== (shape === 'pipe' ? 0 : frames)) throw new Error(`${checksums.length} checksums for ${frames} frames`);
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
