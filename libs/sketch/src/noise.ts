import type { Random } from './types';

/** Smooth 2D/3D value noise for sketches, with a permutation table shuffled by a seeded generator. */
export interface Noise {
  noise2(x: number, y: number): number;
  noise3(x: number, y: number, z: number): number;
}

const fade = (t: number): number => t * t * t * (t * (t * 6 - 15) + 10);
const lerp = (a: number, b: number, t: number): number => a + (b - a) * t;

export function createNoise(random: Random): Noise {
  const perm = new Uint8Array(512);
  const values = new Float64Array(256);
  const base = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 255; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [base[i], base[j]] = [base[j], base[i]];
  }
  for (let i = 0; i < 512; i++) perm[i] = base[i & 255];
  for (let i = 0; i < 256; i++) values[i] = random() * 2 - 1;

  const at = (x: number, y: number, z: number): number => values[perm[perm[perm[x & 255] + (y & 255)] + (z & 255)]];

  const noise3 = (x: number, y: number, z: number): number => {
    const xi = Math.floor(x);
    const yi = Math.floor(y);
    const zi = Math.floor(z);
    const u = fade(x - xi);
    const v = fade(y - yi);
    const w = fade(z - zi);
    const x00 = lerp(at(xi, yi, zi), at(xi + 1, yi, zi), u);
    const x10 = lerp(at(xi, yi + 1, zi), at(xi + 1, yi + 1, zi), u);
    const x01 = lerp(at(xi, yi, zi + 1), at(xi + 1, yi, zi + 1), u);
    const x11 = lerp(at(xi, yi + 1, zi + 1), at(xi + 1, yi + 1, zi + 1), u);
    return lerp(lerp(x00, x10, v), lerp(x01, x11, v), w);
  };
  return { noise3, noise2: (x, y) => noise3(x, y, 0) };
}
