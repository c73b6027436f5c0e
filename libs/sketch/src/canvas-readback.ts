import type { Canvas } from '@napi-rs/canvas';

/**
 * Raw RGBA pixels of a canvas, width × height × 4 bytes, row by row: a buffer of its own.
 *
 * The colours are premultiplied by alpha, as the canvas stores them: a pixel the sketch left partly
 * transparent is what it looks like over black, which is what a video (no alpha) should show.
 * getImageData would undo the premultiplication, and ffmpeg, dropping alpha, would then show a
 * faint colour at full strength. Opaque pixels (every frame starts opaque black) are the same
 * either way.
 */
export function canvasRgba(canvas: Canvas): Buffer {
  return canvas.data();
}

/**
 * Copies a canvas's pixels (premultiplied RGBA, as canvasRgba gives them) into `target`, then
 * frees the readback at once instead of whenever the thread next collects garbage.
 *
 * Each readback is a buffer of its own in the canvas module's native memory (3.7 MB at 1280×720),
 * freed only once V8 collects it. A thread that only draws makes little garbage, so V8 collects
 * rarely (a worker thread drawing circles held up to 22 readbacks, 81 MB), and the readbacks cycle
 * through that much memory: every frame lands on memory that is out of the caches, and in a new
 * thread on memory the kernel must fault in and zero first. Freed at once, every frame reuses the
 * same memory. Measured in a worker thread drawing 300 circles a frame on Node 24, 600 frames,
 * 4 runs each: 1.70–2.00 s of CPU, and 1.35–1.41 s freed at once.
 *
 * The readback is freed by detaching it (ArrayBuffer.prototype.transfer, Node 22 and later; the
 * render jobs run Node 24). Where that is missing it is left to the garbage collector, as before.
 */
export function copyCanvasRgba(canvas: Canvas, target: Uint8Array): void {
  const pixels = canvasRgba(canvas);
  try {
    if (pixels.byteLength !== target.byteLength) {
      throw new RangeError(`the canvas has ${pixels.byteLength} bytes of pixels, the buffer for them ${target.byteLength}`);
    }
    target.set(pixels);
  } finally {
    freeNow(pixels);
  }
}

interface Transferable {
  transfer?: (newLength: number) => ArrayBuffer;
}

/**
 * Detaches a buffer that owns all of its memory, which frees that memory. A slice of a pool is left
 * alone, and so is shared memory: a SharedArrayBuffer has no `transfer`.
 */
function freeNow(buffer: Buffer): void {
  const memory = buffer.buffer as ArrayBuffer & Transferable;
  if (buffer.byteOffset !== 0 || memory.byteLength !== buffer.byteLength || typeof memory.transfer !== 'function') return;
  memory.transfer(0);
}
