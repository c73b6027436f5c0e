/**
 * A 64-bit checksum of a frame's raw pixels (16 hex digits): two FNV-1a-style lanes over the
 * 32-bit words, finished with a murmur3 mix. About 8× cheaper than SHA-256 of a 1280×720 frame,
 * and plenty to tell one rendered frame from another; it is not meant to resist a forger.
 */
export function frameChecksum(pixels: Uint8Array): string {
  // A Uint32Array view needs 4-byte alignment; a pooled Buffer may start anywhere.
  const aligned = pixels.byteOffset % 4 === 0 ? pixels : new Uint8Array(pixels); // a copy: Buffer#slice is a view
  const words = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >>> 2);
  let a = 0x811c9dc5 | 0;
  let b = 0x9e3779b9 | 0;
  const pairs = words.length & ~1;
  for (let i = 0; i < pairs; i += 2) {
    a = Math.imul(a ^ words[i], 0x01000193);
    b = Math.imul(b ^ words[i + 1], 0x85ebca6b);
  }
  if (pairs < words.length) a = Math.imul(a ^ words[pairs], 0x01000193);
  // Bytes past the last whole word, then the length, so a cut-off frame checks differently.
  for (let i = words.length * 4; i < pixels.byteLength; i++) b = Math.imul(b ^ pixels[i], 0x85ebca6b);
  a = Math.imul(a ^ pixels.byteLength, 0x01000193);
  return fmix(a, b).toString(16).padStart(8, '0') + fmix(b, a).toString(16).padStart(8, '0');
}

const fmix = (h: number, salt: number): number => {
  h ^= salt >>> 15;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};
