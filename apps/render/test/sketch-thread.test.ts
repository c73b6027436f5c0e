import { join, relative } from 'node:path';
import { StoppedBySignalError } from '@framefarm/run-store';
import { bundleSketch, createFrameRenderer, frameChecksum, FrameSettings, InvalidSketchError, loadSketch, SketchExitError, SketchRuntimeError, SketchTimeoutError } from '@framefarm/sketch';
import { SketchThread, SketchThreadCode, SketchThreadOptions } from '../src/sketch-thread';
import { buildRenderBundle } from './render-bundle';

const fixture = (name: string) => join(__dirname, 'fixtures', name);
const sketchFixture = (name: string) => join(__dirname, '..', '..', '..', 'libs', 'sketch', 'test', 'fixtures', name);
/** How bundleSketch names the fixture in its source map: relative to the working directory. */
const userPath = (name: string) => relative(process.cwd(), fixture(name));
const settings = (seed: string): FrameSettings => ({ width: 32, height: 16, fps: 10, totalFrames: 8, seed });

/** All frames [start, end) of a thread, or the error that ended them, with the frames before it. */
async function drain(thread: SketchThread, count: number): Promise<{ frames: Buffer[]; error?: unknown }> {
  const frames: Buffer[] = [];
  try {
    for (let i = 0; i < count; i++) frames.push(await thread.next());
    return { frames };
  } catch (error) {
    return { frames, error };
  } finally {
    await thread.stop();
  }
}

// Bounds a hang, not a duration: this bundles or starts programs, which a loaded CI machine once took past jest's default 5 s for.
jest.setTimeout(60_000);

describe('a sketch in its own thread', () => {
  // The thread as the render bundle starts it: its own code.
  let script: SketchThreadCode;
  let remove = (): void => undefined;
  let faulty: string;
  beforeAll(async () => {
    ({ threadCode: script, remove } = await buildRenderBundle());
    faulty = await bundleSketch(fixture('faulty-sketch.ts'));
  });
  afterAll(() => remove());
  const start = (seed: string, extra: Partial<SketchThreadOptions> = {}) =>
    SketchThread.start({ script, sketch: { source: faulty, filename: 's3://bucket/sketches/faulty.cjs' }, settings: settings(seed), start: 0, end: 8, frameTimeoutSeconds: 600, ...extra });

  it('gives every frame in order, the same pixels as drawing in this thread', async () => {
    const { frames, error } = await drain(await start('fine'), 8);
    expect(error).toBeUndefined();
    const here = createFrameRenderer(loadSketch({ source: faulty }), settings('fine'));
    expect(frames.map(frameChecksum)).toEqual(Array.from({ length: 8 }, (_, i) => frameChecksum(here.rgba(i))));
  });

  it('draws later frames into the buffers given back, and their pixels stay right', async () => {
    const thread = await start('reuse');
    const checksums: string[] = [];
    const buffers = new Set<Buffer>();
    // A buffer that is not one the thread lent is not taken for a frame.
    const foreign = Buffer.alloc(32 * 16 * 4);
    try {
      for (let i = 0; i < 8; i++) {
        const pixels = await thread.next();
        checksums.push(frameChecksum(pixels));
        buffers.add(pixels);
        thread.release(pixels);
        if (i === 3) thread.release(foreign);
      }
    } finally {
      await thread.stop();
    }
    const here = createFrameRenderer(loadSketch({ source: faulty }), settings('reuse'));
    expect(checksums).toEqual(Array.from({ length: 8 }, (_, i) => frameChecksum(here.rgba(i))));
    // The frame being drawn while the caller handles one: two buffers take turns.
    expect(buffers.size).toBe(2);
  });

  it('makes a preview JPEG of the frames it is asked to, from the frame it drew', async () => {
    const made: Buffer[] = [];
    const asked = [true, false, false, true, false, false, false, false];
    let request = 0;
    const thread = await start('previews', { previews: { due: () => asked[request++] ?? false, made: (jpeg) => made.push(jpeg) } });
    const { frames } = await drain(thread, 8);
    expect(frames).toHaveLength(8);
    expect(made).toHaveLength(2);
    for (const jpeg of made) expect(jpeg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it('draws a built-in by name, from a later start', async () => {
    const thread = await SketchThread.start({ script, sketch: 'truchet', settings: settings('b'), start: 5, end: 8, frameTimeoutSeconds: 600 });
    const { frames } = await drain(thread, 3);
    const here = createFrameRenderer(loadSketch('truchet'), settings('b'));
    expect(frames.map(frameChecksum)).toEqual([5, 6, 7].map((i) => frameChecksum(here.rgba(i))));
  });

  it('fails a frame that does not finish within the limit, naming the frame', async () => {
    const { frames, error } = await drain(await start('endless', { frameTimeoutSeconds: 1 }), 8);
    expect(frames).toHaveLength(3);
    expect(error).toBeInstanceOf(SketchTimeoutError);
    expect((error as Error).message).toMatch(/^frame 3 did not finish within 1 s/);
  });

  it('fails a setup that never returns, and a sketch that loops as it loads', async () => {
    await expect(start('endless-setup', { frameTimeoutSeconds: 1 })).rejects.toThrow(/the sketch did not finish running setup\(\) within 1 s/);
    const source = 'exports.draw = () => {};\nwhile (Date.now() > 0);\n';
    await expect(SketchThread.start({ script, sketch: { source }, settings: settings('x'), start: 0, end: 1, frameTimeoutSeconds: 1 })).rejects.toThrow(
      /the sketch did not finish loading within 1 s/,
    );
  });

  it('stops at once when aborted, even while draw() loops forever', async () => {
    const stop = new AbortController();
    const thread = await start('endless', { signal: stop.signal });
    const frames: Buffer[] = [];
    for (let i = 0; i < 3; i++) frames.push(await thread.next());
    const stuck = thread.next();
    stop.abort(new StoppedBySignalError('SIGTERM'));
    await expect(stuck).rejects.toThrow(StoppedBySignalError);
    await thread.stop();
  });

  it('refuses to let the sketch end its job: process.exit(0) in draw() fails the frame', async () => {
    const { frames, error } = await drain(await start('exit'), 8);
    expect(frames).toHaveLength(3);
    expect(error).toBeInstanceOf(SketchExitError);
    expect((error as Error).message).toBe('the sketch called process.exit(0) while drawing frame 3; a sketch cannot end its job');
  });

  it("names the user's file, line and column when draw() throws", async () => {
    const { error } = await drain(await start('throw'), 8);
    expect(error).toBeInstanceOf(SketchRuntimeError);
    const { message, location, sketchStack } = error as SketchRuntimeError;
    // Line 21, at `new Error` (where V8 places a throw).
    expect(location).toBe(`${userPath('faulty-sketch.ts')}:21:32`);
    expect(message).toBe(`${location}: the sketch threw while drawing frame 3: Error: no frame 3 today`);
    expect(sketchStack).toContain(`draw (${location})`);
    expect(sketchStack).not.toContain('faulty.cjs');
  });

  it('maps errors from setup() and from what the sketch left running', async () => {
    await expect(start('throw-in-setup')).rejects.toThrow(`${userPath('faulty-sketch.ts')}:13:40: the sketch threw while running setup(): RangeError: setup went wrong`);
    const { error } = await drain(await start('later'), 8);
    expect(error).toBeInstanceOf(SketchRuntimeError);
    expect((error as Error).message).toMatch(new RegExp(`^${userPath('faulty-sketch.ts').replace(/[.]/g, '\\.')}:24:\\d+: .*TypeError: a promise it left behind$`));
  });

  it('reports a sketch that throws as it loads as invalid, at its line', async () => {
    const source = await bundleSketch(sketchFixture('throws-on-load.ts'));
    const loading = SketchThread.start({ script, sketch: { source, filename: 's3://b/sketches/x.cjs' }, settings: settings('x'), start: 0, end: 1, frameTimeoutSeconds: 600 });
    await expect(loading).rejects.toThrow(InvalidSketchError);
    await expect(loading).rejects.toThrow(`sketch s3://b/sketches/x.cjs failed to load: no table to load (at ${relative(process.cwd(), sketchFixture('throws-on-load.ts'))}:6:31)`);
  });
});
