import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allocateFrameBuffer, frameChecksum } from './frame-checksum';
import { frameToI420, i420FrameBytes } from './frame-i420';
import { FRAME_I420_WASM_SOURCE_SHA256 } from './frame-i420-wasm';

/** The conversion as frame-i420.wat's comment defines it, one pixel at a time in plain JavaScript. */
function reference(rgba: Uint8Array, width: number, height: number): Buffer {
  const out = Buffer.alloc(i420FrameBytes({ width, height }));
  const u = width * height;
  const v = u + (width * height) / 4;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      out[y * width + x] = (5983 * rgba[p] + 20127 * rgba[p + 1] + 2032 * rgba[p + 2] + (16 << 15) + (1 << 14)) >> 15;
    }
  }
  for (let y = 0; y < height; y += 2) {
    for (let x = 0; x < width; x += 2) {
      const sum = [0, 1, 2].map((c) => [0, 1].reduce((s, dy) => s + rgba[((y + dy) * width + x) * 4 + c] + rgba[((y + dy) * width + x + 1) * 4 + c], 0));
      const at = (y / 2) * (width / 2) + x / 2;
      out[u + at] = (-3298 * sum[0] - 11094 * sum[1] + 14392 * sum[2] + (128 << 17) + (1 << 16)) >> 17;
      out[v + at] = (14392 * sum[0] - 13072 * sum[1] - 1320 * sum[2] + (128 << 17) + (1 << 16)) >> 17;
    }
  }
  return out;
}

function frameBuffer(width: number, height: number, fill: (x: number, y: number, c: number) => number): Buffer {
  const pixels = allocateFrameBuffer(width * height * 4, i420FrameBytes({ width, height }));
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let c = 0; c < 4; c++) pixels[(y * width + x) * 4 + c] = fill(x, y, c);
  return pixels;
}

/** Pseudo-random bytes: every value of every channel, including the extremes, somewhere. */
const noise = (seed: number) => (x: number, y: number, c: number): number => (Math.imul(x * 7919 + y * 104729 + c * 15485863 + seed, 2654435761) >>> 13) & 0xff;

describe('frames to I420', () => {
  it('is what its definition says, for widths with and without a remainder after sixteen pixels', () => {
    for (const [width, height] of [[2, 2], [16, 2], [18, 4], [34, 6], [96, 64], [1280, 16], [1282, 10]]) {
      const pixels = frameBuffer(width, height, noise(width));
      expect(frameToI420(pixels, { width, height })).toEqual(reference(pixels, width, height));
    }
  });

  it('gives the BT.709 limited-range values of black, white, grey and the primaries', () => {
    const colours: [number[], number[]][] = [
      [[0, 0, 0], [16, 128, 128]],
      [[255, 255, 255], [235, 128, 128]],
      [[128, 128, 128], [126, 128, 128]],
      [[255, 0, 0], [63, 102, 240]],
      [[0, 255, 0], [173, 42, 26]],
      [[0, 0, 255], [32, 240, 118]],
    ];
    for (const [rgb, yuv] of colours) {
      const i420 = frameToI420(frameBuffer(4, 2, (_x, _y, c) => (c < 3 ? rgb[c] : 255)), { width: 4, height: 2 });
      expect([i420[0], i420[8], i420[10]]).toEqual(yuv);
      expect(new Set(i420.subarray(0, 8))).toEqual(new Set([yuv[0]]));
    }
  });

  it('ignores alpha, as ffmpeg does converting rgba to yuv420p', () => {
    const opaque = frameBuffer(32, 4, (x, y, c) => (c === 3 ? 255 : noise(1)(x, y, c)));
    const translucent = frameBuffer(32, 4, (x, y, c) => (c === 3 ? x * 8 : noise(1)(x, y, c)));
    expect(frameToI420(translucent, { width: 32, height: 4 })).toEqual(frameToI420(opaque, { width: 32, height: 4 }));
  });

  it('writes after the frame and leaves its pixels, and so their checksum, as they were', () => {
    const pixels = frameBuffer(64, 8, noise(5));
    const before = Buffer.from(pixels);
    const checksum = frameChecksum(pixels);
    const i420 = frameToI420(pixels, { width: 64, height: 8 });
    expect(i420.buffer).toBe(pixels.buffer);
    expect(i420.byteOffset).toBe(pixels.byteOffset + pixels.byteLength);
    expect(pixels).toEqual(before);
    expect(frameChecksum(pixels)).toBe(checksum);
  });

  it('refuses odd sizes, the wrong number of bytes and buffers without room for the planes', () => {
    const pixels = frameBuffer(4, 2, () => 0);
    expect(() => frameToI420(pixels, { width: 3, height: 2 })).toThrow(/even width and height of at least 2, not 3×2/);
    expect(() => frameToI420(pixels, { width: 2, height: 2 })).toThrow(/2×2 RGBA has 16 bytes, not 32/);
    expect(() => frameToI420(Buffer.alloc(32), { width: 4, height: 2 })).toThrow(/no room for its I420 planes \(12 bytes\)/);
    expect(() => frameToI420(pixels.subarray(16), { width: 2, height: 2 })).toThrow(/no room for its I420 planes/);
    expect(() => frameToI420(allocateFrameBuffer(1280 * 720 * 4), { width: 1280, height: 720 })).toThrow(/allocateFrameBuffer\(frameBytes, 1382400\)/);
  });

  it('runs the WebAssembly compiled from frame-i420.wat as it is now', () => {
    const text = readFileSync(join(__dirname, 'frame-i420.wat'), 'utf8');
    // Otherwise: node tools/wasm/compile-wat.cjs
    expect(createHash('sha256').update(text).digest('hex')).toBe(FRAME_I420_WASM_SOURCE_SHA256);
  });
});
