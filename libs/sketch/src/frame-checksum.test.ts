import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allocateFrameBuffer, frameChecksum } from './frame-checksum';
import { FRAME_CHECKSUM_WASM_SOURCE_SHA256 } from './frame-checksum-wasm';

const frame = (bytes: number, seed = 1): Buffer => {
  const pixels = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) pixels[i] = (i * 31 + seed * 17 + (i >>> 8) * 7) & 0xff;
  return pixels;
};

/** The checksum as its comment defines it, one word at a time in plain JavaScript. */
function reference(pixels: Uint8Array): string {
  const padded = new Uint8Array(Math.ceil(pixels.byteLength / 64) * 64);
  padded.set(pixels);
  const words = new DataView(padded.buffer);
  const lanes = Array.from({ length: 16 }, (_, lane) => Math.imul(lane + 1, 0x9e3779b1) ^ 0x165667b1);
  const rotl = (x: number, r: number): number => (x << r) | (x >>> (32 - r));
  for (let at = 0; at < padded.byteLength; at += 4) {
    const lane = (at / 4) % 16;
    lanes[lane] = Math.imul(rotl((lanes[lane] + Math.imul(words.getUint32(at, true), 0x85ebca77)) | 0, 13), 0x9e3779b1);
  }
  const length = pixels.byteLength;
  let a = Math.imul(length, 0xc2b2ae3d) ^ Math.floor(length / 2 ** 32);
  let b = a ^ 0x165667b1;
  for (let lane = 0; lane < 16; lane++) {
    a = Math.imul(rotl(a ^ lanes[lane], 13), 0x9e3779b1);
    b = Math.imul(rotl(b ^ lanes[15 - lane], 17), 0x85ebca77);
  }
  const fmix = (h: number, salt: number): number => {
    h ^= salt >>> 15;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  };
  return [fmix(a, b), fmix(b, a)].map((x) => x.toString(16).padStart(8, '0')).join('');
}

describe('frame checksum', () => {
  it('is what its definition says, for any length, in a frame buffer or not', () => {
    for (const bytes of [0, 1, 3, 4, 63, 64, 65, 127, 128, 1000, 4096 + 60, (1 << 20) + 64 * 3 + 5, 3 * (1 << 20)]) {
      const pixels = frame(bytes, bytes);
      const expected = reference(pixels);
      expect(frameChecksum(pixels)).toBe(expected);
      if (bytes === 0) continue;
      const own = allocateFrameBuffer(bytes);
      own.set(pixels);
      expect(frameChecksum(own)).toBe(expected);
    }
  });

  it('is 16 hex digits and the same for the same pixels', () => {
    const a = frameChecksum(frame(64 * 36 * 4));
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(frameChecksum(frame(64 * 36 * 4))).toBe(a);
  });

  it('changes with any one bit, wherever it is', () => {
    const pixels = frame(96 * 64 * 4);
    const seen = new Set([frameChecksum(pixels)]);
    const flips = [0, 1, 2, 3, 4, 5, 63, 64, 1000, pixels.length - 5, pixels.length - 1].flatMap((at) => [0, 7].map((bit) => ({ at, bit })));
    for (const { at, bit } of flips) {
      const changed = Buffer.from(pixels);
      changed[at] ^= 1 << bit;
      seen.add(frameChecksum(changed));
    }
    expect(seen.size).toBe(flips.length + 1);
  });

  it('tells frames apart when two words or two blocks trade places, or the frame is cut short', () => {
    const pixels = frame(16 * 16 * 4);
    const swapped = Buffer.from(pixels);
    pixels.copy(swapped, 0, 4, 8);
    pixels.copy(swapped, 4, 0, 4);
    expect(frameChecksum(swapped)).not.toBe(frameChecksum(pixels));
    const blocks = Buffer.from(pixels);
    pixels.copy(blocks, 0, 64, 128);
    pixels.copy(blocks, 64, 0, 64);
    expect(frameChecksum(blocks)).not.toBe(frameChecksum(pixels));
    expect(frameChecksum(pixels.subarray(0, pixels.length - 4))).not.toBe(frameChecksum(pixels));
    expect(frameChecksum(Buffer.alloc(8))).not.toBe(frameChecksum(Buffer.alloc(12)));
    expect(frameChecksum(Buffer.alloc(64))).not.toBe(frameChecksum(Buffer.alloc(128)));
  });

  it('reads a buffer that does not start on a 4-byte boundary, and part of a frame buffer', () => {
    const pixels = frame(1024 + 3);
    const unaligned = Buffer.from(pixels.buffer, pixels.byteOffset + 1, 1024);
    expect(frameChecksum(unaligned)).toBe(frameChecksum(Buffer.from(unaligned)));
    const own = allocateFrameBuffer(1024 + 3);
    own.set(pixels);
    expect(frameChecksum(own.subarray(1, 1025))).toBe(frameChecksum(Buffer.from(unaligned)));
    // A view of the whole memory, the checksum's own working bytes included, is read as any other buffer.
    const whole = new Uint8Array(own.buffer);
    expect(frameChecksum(whole)).toBe(reference(Uint8Array.from(whole)));
  });

  it('keeps a frame buffer to itself: checksums of other buffers in between leave it as it was', () => {
    const own = allocateFrameBuffer(4096);
    own.set(frame(4096, 9));
    const before = frameChecksum(own);
    frameChecksum(frame(4096, 3));
    frameChecksum(allocateFrameBuffer(4096));
    expect(frameChecksum(own)).toBe(before);
    expect(own).toEqual(frame(4096, 9));
  });

  it('refuses a frame buffer of no bytes or of more than WebAssembly can hold', () => {
    expect(() => allocateFrameBuffer(0)).toThrow(RangeError);
    expect(() => allocateFrameBuffer(2 ** 32)).toThrow(/a frame buffer has 1…\d+ bytes, not 4294967296/);
  });

  it('runs the WebAssembly compiled from frame-checksum.wat as it is now', () => {
    const text = readFileSync(join(__dirname, 'frame-checksum.wat'), 'utf8');
    // Otherwise: node tools/wasm/compile-wat.cjs
    expect(createHash('sha256').update(text).digest('hex')).toBe(FRAME_CHECKSUM_WASM_SOURCE_SHA256);
  });
});
