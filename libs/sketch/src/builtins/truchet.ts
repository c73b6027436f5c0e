import type { Sketch } from '../types';

interface TruchetState {
  flips: boolean[];
  columns: number;
  rows: number;
  colors: [string, string, string];
}

const easeInOut = (t: number): number => (t < 0.5 ? 4 * t * t * t : 1 - Math.pow(-2 * t + 2, 3) / 2);

/** Truchet tiles of quarter arcs; a wave rolls out from the centre and turns each tile a quarter turn. */
export const truchet: Sketch<TruchetState> = {
  name: 'truchet',
  width: 1280,
  height: 720,
  fps: 30,
  frames: 240,
  setup: ({ random, width, height }) => {
    const columns = 16;
    const rows = Math.ceil((columns * height) / width);
    const flips = Array.from({ length: columns * rows }, () => random() < 0.5);
    const hue = Math.floor(random() * 360);
    return {
      flips,
      columns,
      rows,
      colors: [`hsl(${hue}, 45%, 12%)`, `hsl(${(hue + 40) % 360}, 85%, 62%)`, `hsl(${(hue + 200) % 360}, 80%, 58%)`],
    };
  },
  draw: (ctx, { time, width, height }, { flips, columns, rows, colors }) => {
    ctx.fillStyle = colors[0];
    ctx.fillRect(0, 0, width, height);
    const size = width / columns;
    const period = 4;
    ctx.lineCap = 'butt';
    for (let row = 0; row < rows; row++) {
      for (let column = 0; column < columns; column++) {
        const cx = (column + 0.5) * size;
        const cy = (row + 0.5) * size;
        const distance = Math.hypot(cx - width / 2, cy - height / 2) / Math.hypot(width / 2, height / 2);
        const phase = time / period - distance * 0.9;
        const turns = Math.floor(phase);
        const turn = turns + easeInOut(Math.min(1, Math.max(0, (phase - turns) * 2.5)));
        const flipped = flips[row * columns + column];
        ctx.save();
        ctx.translate(cx, cy);
        ctx.rotate((flipped ? Math.PI / 2 : 0) + (turn * Math.PI) / 2);
        const stroke = ctx.createLinearGradient(-size / 2, -size / 2, size / 2, size / 2);
        stroke.addColorStop(0, colors[1]);
        stroke.addColorStop(1, colors[2]);
        ctx.strokeStyle = stroke;
        ctx.lineWidth = size * (0.16 + 0.06 * Math.sin(time * 1.5 + distance * 6));
        ctx.beginPath();
        ctx.arc(-size / 2, -size / 2, size / 2, 0, Math.PI / 2);
        ctx.stroke();
        ctx.beginPath();
        ctx.arc(size / 2, size / 2, size / 2, Math.PI, Math.PI * 1.5);
        ctx.stroke();
        ctx.restore();
      }
    }
  },
};
