import { createFrameRenderer } from './render';
import { previewJpegOfCanvas } from './preview';
import type { Sketch } from './types';

const halves: Sketch = {
  draw(ctx, frame) {
    ctx.fillStyle = '#ff0000';
    ctx.fillRect(0, 0, frame.width / 2, frame.height);
    ctx.fillStyle = '#0000ff';
    ctx.fillRect(frame.width / 2, 0, frame.width / 2, frame.height);
  },
};

describe('previewJpegOfCanvas', () => {
  it('makes a small JPEG straight from the canvas a frame was drawn on, that still shows it', async () => {
    const settings = { width: 1280, height: 720, fps: 30, totalFrames: 1, seed: 's' };
    const jpeg = previewJpegOfCanvas(createFrameRenderer(halves, settings).canvas(0));
    expect(jpeg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const { loadImage, createCanvas } = require('@napi-rs/canvas') as typeof import('@napi-rs/canvas');
    const image = await loadImage(jpeg);
    expect([image.width, image.height]).toEqual([320, 180]);
    const ctx = createCanvas(320, 180).getContext('2d');
    ctx.drawImage(image, 0, 0);
    const [r1, , b1] = ctx.getImageData(40, 90, 1, 1).data;
    const [r2, , b2] = ctx.getImageData(280, 90, 1, 1).data;
    expect(r1).toBeGreaterThan(200);
    expect(b1).toBeLessThan(60);
    expect(b2).toBeGreaterThan(200);
    expect(r2).toBeLessThan(60);
  });
});
