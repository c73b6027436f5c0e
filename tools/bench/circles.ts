// The benchmark's sketch (issue 11): 300 translucent circles drifting over a dark background,
// 1280×720 at 30 fps. A user sketch, written against the public sketch API only.
import type { SKRSContext2D } from '@napi-rs/canvas';

interface Frame { index: number; time: number; width: number; height: number; random: () => number }
interface Setup { random: () => number }
interface Circle { x: number; y: number; r: number; dx: number; dy: number; hue: number }

export const width = 1280;
export const height = 720;
export const fps = 30;

export function setup({ random }: Setup): Circle[] {
  return Array.from({ length: 300 }, () => ({
    x: random(), y: random(), r: 8 + random() * 40, dx: (random() - 0.5) * 0.2, dy: (random() - 0.5) * 0.2, hue: random() * 360,
  }));
}

export function draw(ctx: SKRSContext2D, frame: Frame, circles: Circle[]): void {
  ctx.fillStyle = '#0b1020';
  ctx.fillRect(0, 0, frame.width, frame.height);
  for (const c of circles) {
    const x = (((c.x + c.dx * frame.time) % 1) + 1) % 1;
    const y = (((c.y + c.dy * frame.time) % 1) + 1) % 1;
    ctx.fillStyle = `hsla(${(c.hue + frame.index) % 360}, 75%, 60%, 0.55)`;
    ctx.beginPath();
    ctx.arc(x * frame.width, y * frame.height, c.r, 0, Math.PI * 2);
    ctx.fill();
  }
}
