import { join, relative } from 'node:path';
import { bundleSketch, inlineSourceMap, InvalidSketchError, loadSketch, mapSketchStack, sketchStackMapper } from './index';

const fixture = (name: string) => join(__dirname, '..', 'test', 'fixtures', name);

describe('source maps of user sketches', () => {
  it("bundles with an inline map that leads back to the user's file, relative to the working directory", async () => {
    const source = await bundleSketch(fixture('user-sketch.ts'));
    const map = inlineSourceMap(source);
    expect(map).toBeDefined();
    // `ctx.fillRect(0, 0, …)` of draw() is line 16 of the fixture; find it in the bundle.
    const lines = source.split('\n');
    const line = lines.findIndex((text) => text.includes('ctx.fillRect(0, 0, frame.width, frame.height)')) + 1;
    const column = lines[line - 1].indexOf('ctx.fillRect') + 1;
    expect(map!.original(line, column)).toBe(`${relative(process.cwd(), fixture('user-sketch.ts'))}:16:3`);
    // No sources inside: the bundle stays the size of the code.
    expect(source).not.toContain('sourcesContent');
  });

  it('rewrites the frames inside the bundle, leaves out the frames that called it, and tells where the error arose', () => {
    const map = { original: (line: number, column: number) => (line === 3 ? `sketch.ts:${line * 10}:${column}` : undefined) };
    const stack = ['Error: x', '    at draw (s3://b/sketches/a.cjs:3:7)', '    at s3://b/sketches/a.cjs:9:2', '    at canvas (/app/main.cjs:87313:12)'].join('\n');
    expect(mapSketchStack(stack, 's3://b/sketches/a.cjs', map)).toEqual({
      stack: ['Error: x', '    at draw (sketch.ts:30:7)', '    at s3://b/sketches/a.cjs:9:2'].join('\n'),
      location: 'sketch.ts:30:7',
    });
    // Columns of the first line shift by the loader's wrapper.
    expect(mapSketchStack('at f (a.cjs:1:70)', 'a.cjs', undefined, 60).stack).toBe('at f (a.cjs:1:10)');
    expect(mapSketchStack('at f (other.js:3:1)', 'a.cjs', map)).toEqual({ stack: 'at f (other.js:3:1)' });
  });

  it('leaves source without a map, and built-ins, as they are', () => {
    expect(inlineSourceMap('exports.draw = () => {};')).toBeUndefined();
    expect(inlineSourceMap('x;\n//# sourceMappingURL=data:application/json;base64,bm90IGpzb24=')).toBeUndefined();
    expect(sketchStackMapper('aurora')('at draw (main.cjs:1:1)')).toEqual({ stack: 'at draw (main.cjs:1:1)' });
  });

  it('says where a sketch that fails to load broke, in its own file', async () => {
    const source = await bundleSketch(fixture('throws-on-load.ts'));
    expect(() => loadSketch({ source, filename: 'sketches/x.cjs' })).toThrow(InvalidSketchError);
    expect(() => loadSketch({ source, filename: 'sketches/x.cjs' })).toThrow(/^sketch sketches\/x\.cjs failed to load: no table to load \(at .*throws-on-load\.ts:6:31\)$/);
  });
});
