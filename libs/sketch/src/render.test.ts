import { BUILTIN_SKETCHES, createFrameRenderer, frameChecksum, frameSha256, renderFrame, resolveFrameSettings, Sketch } from './index';

const settingsFor = (sketch: Sketch<any>) => resolveFrameSettings(sketch, { width: 160, height: 90, totalFrames: 24, seed: 'test' });

describe('rendering frames', () => {
  it.each(Object.keys(BUILTIN_SKETCHES))('%s gives the same pixels whatever the chunk split or order', (name) => {
    const sketch = BUILTIN_SKETCHES[name];
    const settings = settingsFor(sketch);
    const inOrder = createFrameRenderer(sketch, settings);
    const sequential = Array.from({ length: 12 }, (_, i) => frameSha256(inOrder.rgba(i)));
    // Two "jobs" of a different split, each with its own cold renderer, rendering their frames backwards.
    const jobs = [[5, 4, 3, 2, 1, 0], [11, 10, 9, 8, 7, 6]];
    for (const frames of jobs) {
      const job = createFrameRenderer(sketch, settings);
      for (const index of frames) expect(frameSha256(job.rgba(index))).toBe(sequential[index]);
    }
    expect(new Set(sequential).size).toBeGreaterThan(6);
  });

  it('gives raw RGBA of width × height × 4 bytes, opaque over the black canvas', () => {
    const sketch = BUILTIN_SKETCHES.truchet;
    const pixels = renderFrame(sketch, 3, settingsFor(sketch));
    expect(pixels.length).toBe(160 * 90 * 4);
    for (let i = 3; i < pixels.length; i += 4) expect(pixels[i]).toBe(255);
  });

  it('gives what a pixel the sketch left partly transparent looks like over black', () => {
    const sketch: Sketch = {
      draw: (ctx) => {
        ctx.clearRect(0, 0, 4, 4);
        ctx.fillStyle = 'rgba(255, 0, 0, 0.5)';
        ctx.fillRect(0, 0, 2, 4);
      },
    };
    const pixels = renderFrame(sketch, 0, { width: 4, height: 4, fps: 1, totalFrames: 1, seed: 's' });
    // Half-transparent red keeps half its red (a video drops alpha); cleared pixels are black.
    expect([...pixels.subarray(0, 4)]).toEqual([128, 0, 0, 128]);
    expect([...pixels.subarray(8, 12)]).toEqual([0, 0, 0, 0]);
  });

  it('changes the pixels with the seed', () => {
    const sketch = BUILTIN_SKETCHES['flow-field'];
    const a = frameSha256(renderFrame(sketch, 5, settingsFor(sketch)));
    const b = frameSha256(renderFrame(sketch, 5, { ...settingsFor(sketch), seed: 'other' }));
    expect(a).not.toBe(b);
  });

  it('gives draw a per-frame generator that does not depend on earlier frames', () => {
    const seen: number[][] = [];
    const sketch: Sketch = {
      draw: (_ctx, frame) => {
        seen[frame.index] = [frame.random(), frame.random(), frame.time];
      },
    };
    const settings = { width: 8, height: 8, fps: 4, totalFrames: 10, seed: 's' };
    renderFrame(sketch, 7, settings);
    const alone = seen[7];
    createFrameRenderer(sketch, settings).rgba(6);
    createFrameRenderer(sketch, settings).rgba(7);
    expect(seen[7]).toEqual(alone);
    expect(seen[7][2]).toBe(7 / 4);
    expect(seen[6][0]).not.toBe(seen[7][0]);
  });

  it('reuses one canvas, yet nothing a frame leaves behind reaches the next', () => {
    // Odd frames leave a transform, alpha, blending, a clip, a dash and an unbalanced save behind.
    const sketch: Sketch = {
      draw: (ctx, frame) => {
        if (frame.index % 2 === 1) {
          ctx.save();
          ctx.translate(5, 3);
          ctx.globalAlpha = 0.3;
          ctx.globalCompositeOperation = 'lighter';
          ctx.beginPath();
          ctx.rect(0, 0, 4, 4);
          ctx.clip();
          ctx.setLineDash([2, 2]);
          ctx.lineWidth = 7;
          ctx.fillStyle = '#ff0000';
        }
        ctx.fillRect(2, 2, 10, 6);
        ctx.strokeStyle = '#00ff00';
        ctx.strokeRect(1, 1, 12, 10);
      },
    };
    const settings = { width: 16, height: 12, fps: 4, totalFrames: 4, seed: 's' };
    const reused = createFrameRenderer(sketch, settings);
    const first = reused.canvas(0);
    const afterOdd = [0, 1, 2, 3].map((i) => frameChecksum(reused.rgba(i)));
    expect(reused.canvas(1)).toBe(first);
    const fresh = [0, 1, 2, 3].map((i) => frameChecksum(createFrameRenderer(sketch, settings).rgba(i)));
    expect(afterOdd).toEqual(fresh);
    expect(afterOdd[2]).toBe(afterOdd[0]);
  });

  it('rejects frames outside the run', () => {
    const sketch = BUILTIN_SKETCHES.aurora;
    expect(() => renderFrame(sketch, 24, settingsFor(sketch))).toThrow(/outside 0…23/);
  });
});
