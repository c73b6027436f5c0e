import { join } from 'node:path';
import { bundleSketch, frameSha256, InvalidSketchError, loadSketch, renderFrame, resolveFrameSettings, SketchBundleError } from './index';

const fixture = (name: string) => join(__dirname, '..', 'test', 'fixtures', name);

describe('loading sketches', () => {
  it('loads built-ins by name and names the choices for an unknown one', () => {
    expect(loadSketch('aurora').name).toBe('aurora');
    expect(() => loadSketch('auroa')).toThrow(InvalidSketchError);
    expect(() => loadSketch('auroa')).toThrow(/aurora, flow-field, truchet/);
  });

  it('bundles a TypeScript sketch with its imports and renders it from the bundled source', async () => {
    const source = await bundleSketch(fixture('user-sketch.ts'));
    expect(source).toContain('#00cc88');
    expect(source).not.toMatch(/from ['"]\.\/palette['"]/);
    const sketch = loadSketch({ source, filename: 'sketches/user.cjs' });
    expect(sketch.width).toBe(64);
    const settings = resolveFrameSettings(sketch, { height: 32, totalFrames: 6 });
    expect(settings).toMatchObject({ width: 64, height: 32, fps: 12 });
    const pixels = renderFrame(sketch, 1, settings);
    expect([pixels[0], pixels[1], pixels[2]]).toEqual([0x00, 0xcc, 0x88]);
    const again = loadSketch({ source });
    expect(frameSha256(renderFrame(again, 1, settings))).toBe(frameSha256(pixels));
  });

  it('reports bundling errors with the file and line', async () => {
    await expect(bundleSketch(fixture('broken-sketch.js'))).rejects.toThrow(SketchBundleError);
    await expect(bundleSketch(fixture('broken-sketch.js'))).rejects.toThrow(/broken-sketch\.js:1/);
    await expect(bundleSketch(fixture('missing.ts'))).rejects.toThrow(/does not exist/);
  });

  it('rejects source without a draw function or with bad defaults', () => {
    expect(() => loadSketch({ source: 'module.exports = { setup() {} };' })).toThrow(/does not export a draw/);
    expect(() => loadSketch({ source: 'exports.draw = () => {}; exports.fps = 0;' })).toThrow(/fps = 0/);
    expect(() => loadSketch({ source: 'throw new Error("boom")', filename: 'x.cjs' })).toThrow(/x\.cjs failed to load: boom/);
  });
});

describe('the example in docs/sketches.md', () => {
  it('bundles, loads and renders the same frame in two independent renderers', async () => {
    const sketch = loadSketch({ source: await bundleSketch(fixture('ripples.ts')) });
    const settings = resolveFrameSettings(sketch, { seed: 'docs' });
    expect(settings).toMatchObject({ width: 640, height: 360, fps: 30, totalFrames: 150 });
    const a = renderFrame(sketch, 42, settings);
    const b = renderFrame(loadSketch({ source: await bundleSketch(fixture('ripples.ts')) }), 42, settings);
    expect(frameSha256(a)).toBe(frameSha256(b));
  });
});
