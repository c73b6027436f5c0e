import { createNoise, Noise } from '../noise';
import type { Sketch } from '../types';

interface Star {
  x: number;
  y: number;
  radius: number;
  phase: number;
}

interface AuroraState {
  noise: Noise;
  stars: Star[];
  ridge: number[];
}

const CURTAINS = [
  { hue: 145, offset: 0.0, height: 0.42, speed: 0.09 },
  { hue: 170, offset: 3.7, height: 0.34, speed: 0.07 },
  { hue: 285, offset: 7.1, height: 0.26, speed: 0.05 },
];

/** The default demo: northern lights drifting over a mountain ridge under twinkling stars. */
export const aurora: Sketch<AuroraState> = {
  name: 'aurora',
  width: 1280,
  height: 720,
  fps: 30,
  frames: 120, // the default demo: 4 s
  setup: ({ random }) => {
    const noise = createNoise(random);
    const stars = Array.from({ length: 220 }, () => ({
      x: random(),
      y: random() * 0.7,
      radius: 0.4 + random() * 1.2,
      phase: random() * Math.PI * 2,
    }));
    const ridge = Array.from({ length: 65 }, (_, i) => 0.8 + 0.09 * noise.noise2(i * 0.18, 4.2) + 0.04 * noise.noise2(i * 0.7, 9.1));
    return { noise, stars, ridge };
  },
  draw: (ctx, { width, height, time }, { noise, stars, ridge }) => {
    const sky = ctx.createLinearGradient(0, 0, 0, height);
    sky.addColorStop(0, '#02030d');
    sky.addColorStop(0.6, '#0a1530');
    sky.addColorStop(1, '#13284a');
    ctx.fillStyle = sky;
    ctx.fillRect(0, 0, width, height);

    const scale = Math.min(width, height) / 720;
    for (const star of stars) {
      const twinkle = 0.55 + 0.45 * Math.sin(time * 2.3 + star.phase);
      ctx.fillStyle = `rgba(235, 240, 255, ${(0.25 + 0.6 * twinkle).toFixed(3)})`;
      ctx.beginPath();
      ctx.arc(star.x * width, star.y * height, star.radius * scale, 0, Math.PI * 2);
      ctx.fill();
    }

    ctx.globalCompositeOperation = 'lighter';
    const step = Math.max(2, Math.round(width / 320));
    for (const curtain of CURTAINS) {
      for (let x = 0; x < width; x += step) {
        const u = x / width;
        const flow = noise.noise3(u * 2.2 + curtain.offset, time * curtain.speed, curtain.offset);
        const base = height * (0.3 + 0.16 * flow + 0.05 * Math.sin(u * 9 + time * 0.6 + curtain.offset));
        const body = 0.5 + 0.9 * noise.noise3(u * 5 + curtain.offset, time * 0.35, 2.5);
        const rays = 0.6 + 0.4 * noise.noise3(u * 38 + curtain.offset, time * 0.8, 7.5);
        const intensity = Math.max(0, body) * rays;
        const length = height * curtain.height * (0.45 + intensity);
        const ray = ctx.createLinearGradient(0, base - length, 0, base + height * 0.03);
        ray.addColorStop(0, `hsla(${curtain.hue + 70}, 90%, 60%, 0)`);
        ray.addColorStop(0.55, `hsla(${curtain.hue + 30}, 90%, 60%, ${(0.1 * intensity).toFixed(4)})`);
        ray.addColorStop(0.9, `hsla(${curtain.hue}, 100%, 62%, ${(0.32 * intensity).toFixed(4)})`);
        ray.addColorStop(0.97, `hsla(${curtain.hue - 25}, 100%, 78%, ${(0.5 * intensity).toFixed(4)})`);
        ray.addColorStop(1, `hsla(${curtain.hue - 25}, 100%, 70%, 0)`);
        ctx.fillStyle = ray;
        ctx.fillRect(x, base - length, step, length + height * 0.03);
      }
    }
    ctx.globalCompositeOperation = 'source-over';

    ctx.fillStyle = '#03060c';
    ctx.beginPath();
    ctx.moveTo(0, height);
    ridge.forEach((y, i) => ctx.lineTo((i / (ridge.length - 1)) * width, y * height));
    ctx.lineTo(width, height);
    ctx.closePath();
    ctx.fill();
  },
};
