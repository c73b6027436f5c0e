// The hand-written baselines of the end-to-end benchmark, in plain JavaScript so that nothing of
// framefarm (no tsx, no bundle) is in their start-up. One process per run:
//
//   node baseline.cjs <mode> <sketch.cjs> <frames> <width> <height> <fps> <out> [ffmpeg] [threads]
//
//   naive   draws every frame on a new canvas, writes PNGs, then runs one ffmpeg over them
//   pipe    draws on one canvas and pipes raw RGBA frames into one ffmpeg (the 20-line script)
//   draw    draws and reads the pixels, nothing else (the drawing half of the ideal), the way
//           the render jobs read them (canvas.data(), freed at once, freed memory kept: see idealRun;
//           idealRun runs it on the jobs' Node)
// `ffmpeg` may be a wrapper command (the bench runs it under cpu-time.pl to count x264 alone).
'use strict';
const { spawn } = require('node:child_process');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { createCanvas } = require('@napi-rs/canvas');
const { benchSketch } = require('./bench-sketch.cjs');

const [mode, sketchPath, framesArg, widthArg, heightArg, fpsArg, out, ffmpegJson, threads] = process.argv.slice(2);
const [frames, width, height, fps] = [framesArg, widthArg, heightArg, fpsArg].map(Number);
const sketch = benchSketch(sketchPath, { frames, width, height, fps });
const paint = (canvas, index) => {
  const ctx = canvas.getContext('2d');
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = '#000000';
  ctx.fillRect(0, 0, width, height);
  sketch.draw(ctx, index);
  return ctx;
};
const x264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', ...(threads ? ['-threads', threads] : [])];
const ffmpeg = JSON.parse(ffmpegJson ?? '[]');
const run = (args, input) =>
  new Promise((resolve, reject) => {
    const child = spawn(ffmpeg[0], [...ffmpeg.slice(1), '-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: [input ? 'pipe' : 'ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}`))));
    if (input) input(child.stdin);
  });

async function main() {
  if (mode === 'naive') {
    const dir = join(out, 'png');
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < frames; i++) {
      const canvas = createCanvas(width, height);
      paint(canvas, i);
      writeFileSync(join(dir, `${String(i).padStart(6, '0')}.png`), canvas.encodeSync('png'));
    }
    await run(['-framerate', String(fps), '-i', join(dir, '%06d.png'), ...x264, join(out, 'video.mp4')]);
  } else if (mode === 'pipe') {
    const canvas = createCanvas(width, height);
    await run(['-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`, '-framerate', String(fps), '-i', 'pipe:0', ...x264, join(out, 'video.mp4')], async (stdin) => {
      for (let i = 0; i < frames; i++) {
        const { data } = paint(canvas, i).getImageData(0, 0, width, height);
        if (!stdin.write(data)) await new Promise((resolve) => stdin.once('drain', resolve));
      }
      stdin.end();
    });
  } else if (mode === 'draw') {
    const canvas = createCanvas(width, height);
    let sum = 0;
    for (let i = 0; i < frames; i++) {
      paint(canvas, i);
      const pixels = canvas.data();
      sum += pixels[i % 4096];
      // Freed at once, as the render jobs' sketch thread frees each readback once it is copied
      // (copyCanvasRgba in libs/sketch), on a Node that has ArrayBuffer.prototype.transfer.
      pixels.buffer.transfer?.(0);
      // As between a render job's frames: the event loop turns.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (sum < 0) console.log(sum);
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
