import { createNoise, Noise } from '../noise';
import { seededRandom } from '../random';
import type { Sketch } from '../types';

interface FlowState {
  seed: string;
  noise: Noise;
  palette: string[];
}

const PARTICLES = 420;
const LIFE = 90;
const TRAIL = 36;

/**
 * Particles streaming through a curl of noise. Stateless on purpose: each particle is reborn every
 * LIFE frames at a position drawn from (seed, particle, generation), and its trail is integrated
 * from birth to the current frame, so any frame can be rendered alone.
 */
export const flowField: Sketch<FlowState> = {
  name: 'flow-field',
  width: 1280,
  height: 720,
  fps: 30,
  frames: 240,
  setup: ({ random, seed }) => {
    const hue = Math.floor(random() * 360);
    const palette = [0, 30, 180, 210].map((shift, i) => `hsl(${(hue + shift) % 360}, ${70 + i * 5}%, ${55 + i * 6}%)`);
    return { seed, noise: createNoise(random), palette };
  },
  draw: (ctx, { index, width, height }, { seed, noise, palette }) => {
    ctx.fillStyle = '#0b0b12';
    ctx.fillRect(0, 0, width, height);
    const scale = Math.min(width, height);
    const stepLength = scale * 0.006;
    ctx.lineCap = 'butt';
    ctx.lineJoin = 'round';
    ctx.lineWidth = Math.max(1, scale / 360);

    for (let p = 0; p < PARTICLES; p++) {
      const offset = (p * 7919) % LIFE;
      const generation = Math.floor((index + offset) / LIFE);
      const age = (index + offset) % LIFE;
      const spawn = seededRandom(seed, 'particle', p, generation);
      let x = spawn() * width;
      let y = spawn() * height;
      const color = palette[Math.floor(spawn() * palette.length)];
      const born = index - age;
      const points: Array<[number, number]> = [[x, y]];
      for (let step = 0; step < age; step++) {
        const angle = noise.noise3(x / scale * 2.4, y / scale * 2.4, (born + step) * 0.004) * Math.PI * 3;
        x += Math.cos(angle) * stepLength;
        y += Math.sin(angle) * stepLength;
        points.push([x, y]);
      }
      const trail = points.slice(-TRAIL);
      const fade = Math.sin((age / LIFE) * Math.PI);
      ctx.strokeStyle = color;
      // A few sub-paths of rising opacity: joints inside one path are not painted twice.
      const pieces = 6;
      const perPiece = Math.ceil(trail.length / pieces);
      for (let piece = 0; piece < pieces; piece++) {
        const from = piece * perPiece;
        const to = Math.min(trail.length - 1, from + perPiece);
        if (to <= from) break;
        ctx.globalAlpha = fade * ((piece + 1) / pieces) * 0.9;
        ctx.beginPath();
        ctx.moveTo(trail[from][0], trail[from][1]);
        for (let i = from + 1; i <= to; i++) ctx.lineTo(trail[i][0], trail[i][1]);
        ctx.stroke();
      }
    }
    ctx.globalAlpha = 1;
  },
};
