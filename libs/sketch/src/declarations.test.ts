import { InvalidSketchError, loadSketch, readSketchDeclarations, SketchExitError, SketchTimeoutError } from './index';

const read = (source: string, timeoutSeconds = 30) => readSketchDeclarations({ source, filename: 'mine.js' }, { timeoutSeconds });

describe('readSketchDeclarations: what a user sketch declares, read in a thread of its own', () => {
  it('gives the settings the sketch exports, from a plain or a default export', async () => {
    await expect(read('exports.width = 640; exports.fps = 24; exports.draw = () => {};')).resolves.toEqual({ width: 640, height: undefined, fps: 24, frames: undefined });
    await expect(read('exports.default = { frames: 90, height: 360, draw() {} };')).resolves.toEqual({ width: undefined, height: 360, fps: undefined, frames: 90 });
  });

  it('resolves the externals a sketch requires (the canvas) as the render job does', async () => {
    await expect(read("const { createCanvas } = require('@napi-rs/canvas'); exports.frames = typeof createCanvas === 'function' ? 12 : 0; exports.draw = () => {};")).resolves.toMatchObject({
      frames: 12,
    });
  });

  it.each([
    ['no draw', 'exports.width = 640;'],
    ['a width that is not a whole number', 'exports.width = 64.5; exports.draw = () => {};'],
    ['a width that is text', "exports.width = 'wide'; exports.draw = () => {};"],
    ['setup that is not a function', 'exports.setup = 3; exports.draw = () => {};'],
    ['a throw at the top level', "throw new Error('boom at load');"],
  ])('refuses %s with the message loadSketch gives', async (_case, source) => {
    const expected = (() => {
      try {
        loadSketch({ source, filename: 'mine.js' });
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('loadSketch accepted it');
    })();
    await expect(read(source)).rejects.toThrow(InvalidSketchError);
    await expect(read(source)).rejects.toThrow(expected);
  });

  it('stops a sketch whose top level never returns, after the limit', async () => {
    const error = await read('for (;;);', 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SketchTimeoutError);
    expect(error).toMatchObject({ limitSeconds: 1, phase: { kind: 'load' } });
  });

  it('fails a sketch that calls process.exit, which ends only its thread', async () => {
    const error = await read('process.exit(3);').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SketchExitError);
    expect((error as Error).message).toBe('the sketch called process.exit(3) while loading; a sketch cannot end its job');
  });
});
