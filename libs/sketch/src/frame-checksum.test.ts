import { frameChecksum } from './frame-checksum';

const frame = (bytes: number, seed = 1): Buffer => {
  const pixels = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) pixels[i] = (i * 31 + seed * 17) & 0xff;
  return pixels;
};

describe('frame checksum', () => {
  it('is 16 hex digits and the same for the same pixels', () => {
    const a = frameChecksum(frame(64 * 36 * 4));
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(frameChecksum(frame(64 * 36 * 4))).toBe(a);
  });

  it('changes with any one byte, wherever it is', () => {
    const pixels = frame(96 * 64 * 4);
    const original = frameChecksum(pixels);
    const seen = new Set([original]);
    for (const at of [0, 1, 2, 3, 4, 5, 1000, pixels.length - 5, pixels.length - 1]) {
      const changed = Buffer.from(pixels);
      changed[at] ^= 1;
      seen.add(frameChecksum(changed));
    }
    expect(seen.size).toBe(10);
  });

  it('tells frames apart when two words trade places or the frame is cut short', () => {
    const pixels = frame(16 * 16 * 4);
    const swapped = Buffer.from(pixels);
    pixels.copy(swapped, 0, 4, 8);
    pixels.copy(swapped, 4, 0, 4);
    expect(frameChecksum(swapped)).not.toBe(frameChecksum(pixels));
    expect(frameChecksum(pixels.subarray(0, pixels.length - 4))).not.toBe(frameChecksum(pixels));
    expect(frameChecksum(Buffer.alloc(8))).not.toBe(frameChecksum(Buffer.alloc(12)));
  });

  it('reads a buffer that does not start on a 4-byte boundary', () => {
    const pixels = frame(1024 + 3);
    const unaligned = Buffer.from(pixels.buffer, pixels.byteOffset + 1, 1024);
    expect(frameChecksum(unaligned)).toBe(frameChecksum(Buffer.from(unaligned)));
  });
});
