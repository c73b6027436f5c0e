import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleSketch, InvalidSketchError, loadSketch, readSketchDeclarations, UnreadableSettingError } from './index';

describe('readSketchDeclarations: what a user sketch declares, read from its file without running it', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ff-declarations-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes `source` as `name` (its extension says TypeScript or JavaScript) and reads it. */
  const file = (source: string, name = 'mine.js'): string => {
    const path = join(dir, name);
    writeFileSync(path, source);
    return path;
  };
  const read = (source: string, name?: string) => readSketchDeclarations(file(source, name));

  it('reads named exports, with their types, as the docs write them', async () => {
    const source = 'export const width: number = 640;\nexport const height = 360 as const;\nexport const fps = 24;\nexport function draw(ctx: unknown): void {}\n';
    await expect(read(source, 'mine.ts')).resolves.toEqual({ width: 640, height: 360, fps: 24, frames: undefined });
  });

  it('reads a default export, an object literal or a constant holding one, with shorthand fields', async () => {
    await expect(read('const frames = 90;\nexport default { frames, height: 360, draw() {} };')).resolves.toEqual({ width: undefined, height: 360, fps: undefined, frames: 90 });
    await expect(read('const sketch = { width: 320, draw: () => {} };\nexport default sketch;')).resolves.toMatchObject({ width: 320 });
  });

  it('reads CommonJS exports', async () => {
    await expect(read('exports.width = 640; exports.fps = 24; exports.draw = () => {};')).resolves.toEqual({ width: 640, height: undefined, fps: 24, frames: undefined });
    await expect(read('exports.default = { frames: 90, height: 360, draw() {} };')).resolves.toMatchObject({ frames: 90, height: 360 });
    await expect(read('module.exports = { frames: 30, draw: function () {} };')).resolves.toMatchObject({ frames: 30 });
  });

  it('works out arithmetic on numbers and on constants', async () => {
    const source = 'const seconds = 8;\nexport const fps = 30;\nexport const frames = seconds * fps;\nexport const width = 16 * 80, height = (9 * 80);\nexport const draw = () => {};';
    await expect(read(source, 'mine.ts')).resolves.toEqual({ width: 1280, height: 720, fps: 30, frames: 240 });
  });

  it('never runs the sketch: a top level that would exit, throw or loop is only read', async () => {
    const source = "process.exit(3);\nthrow new Error('boom at load');\nfor (;;);\nexport const frames = 12;\nexport function draw() {}\n";
    await expect(read(source)).resolves.toMatchObject({ frames: 12 });
    const marker = join(dir, 'ran');
    await expect(read(`require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x');\nexports.draw = () => {};`)).resolves.toEqual({});
    expect(existsSync(marker)).toBe(false);
  });

  it('leaves a draw it cannot read (imported, or made by a call) to the render job', async () => {
    writeFileSync(join(dir, 'painter.ts'), 'export function draw() {}');
    await expect(read("export { draw } from './painter';\nexport const frames = 10;", 'mine.ts')).resolves.toMatchObject({ frames: 10 });
    await expect(read('const make = () => () => {};\nexport const draw = make();\nexport const fps = 12;')).resolves.toMatchObject({ fps: 12 });
  });

  it.each([
    ['made by a call', 'export const frames = Math.round(90.4);\nexport function draw() {}'],
    ['imported', "import { n } from './n';\nexport const width = n;\nexport function draw() {}"],
    ['a let, which the file may change later', 'export let fps = 30;\nexport function draw() {}'],
  ])('refuses a setting %s, saying how to write it', async (_case, source) => {
    const error = await read(source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableSettingError);
    expect((error as Error).message).toMatch(/^mine\.js exports (frames|width|fps), but not as a number written in the file \(export const \1 = …\): framefarm reads what a sketch declares without running it\. Write the number there, or give \1 when you run the sketch$/);
  });

  it.each([
    ['spread into the default export', "import base from './base';\nexport default { ...base, draw() {} };"],
    ['export * from another file', "export * from './settings';\nexport function draw() {}"],
    ['exports set by Object.assign', 'Object.assign(exports, { width: 640 });\nexports.draw = () => {};'],
    ['exports set by a computed name', "const name = 'width';\nexports[name] = 640;\nexports.draw = () => {};"],
  ])('refuses settings that may be exported from elsewhere (%s), saying so', async (_case, source) => {
    const error = await read(source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableSettingError);
    expect((error as Error).message).toMatch(/^mine\.js may export width from elsewhere \(export \* from, a spread, exports set in a way that is not read\): .* or give width when you run the sketch$/);
    // Given on the command line, they need not be read.
    await expect(readSketchDeclarations(join(dir, 'mine.js'), { skip: ['width', 'height', 'fps', 'frames'] })).resolves.toEqual({});
  });

  it('does not read the settings the caller has from elsewhere', async () => {
    const path = file('export const frames = Math.round(90.4);\nexport const fps = 24;\nexport function draw() {}');
    await expect(readSketchDeclarations(path)).rejects.toThrow(UnreadableSettingError);
    await expect(readSketchDeclarations(path, { skip: ['frames'] })).resolves.toEqual({ width: undefined, height: undefined, fps: 24, frames: undefined });
  });

  it.each([
    ['no draw', 'exports.width = 640;'],
    ['no draw, as a default export', 'export default { width: 640 };'],
    ['a width that is not a whole number', 'exports.width = 64.5; exports.draw = () => {};'],
    ['a width that is text', "exports.width = 'wide'; exports.draw = () => {};"],
    ['a frame count below 1', 'export const frames = 2 - 2; export function draw() {}'],
    ['setup that is not a function', 'exports.setup = 3; exports.draw = () => {};'],
  ])('refuses %s with the message loadSketch gives', async (_case, source) => {
    const path = file(source);
    // loadSketch runs the bundle, as the render job does.
    const bundled = await bundleSketch(path);
    const expected = (() => {
      try {
        loadSketch({ source: bundled, filename: 'mine.js' });
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('loadSketch accepted it');
    })();
    await expect(readSketchDeclarations(path)).rejects.toThrow(InvalidSketchError);
    await expect(readSketchDeclarations(path)).rejects.toThrow(expected);
  });
});
