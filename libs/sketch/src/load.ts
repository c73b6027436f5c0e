import { runInThisContext } from 'node:vm';
import { BUILTIN_SKETCHES } from './builtins';
import { InvalidSketchError } from './errors';
import { inlineSourceMap, MappedStack, mapSketchStack } from './source-map';
import { SKETCH_SETTINGS, type Sketch } from './types';

/** Bundled CommonJS source of a user's sketch (what `bundleSketch` returns). */
export interface SketchSource {
  source: string;
  /** Shown in stack traces, e.g. the S3 key it came from. */
  filename?: string;
}

/** A built-in sketch's name, or a user's bundled source. */
export type SketchRef = string | SketchSource;

export function builtinSketchNames(): string[] {
  return Object.keys(BUILTIN_SKETCHES);
}

export function loadSketch(ref: SketchRef): Sketch<any> {
  if (typeof ref === 'string') {
    const sketch = BUILTIN_SKETCHES[ref];
    if (!sketch) {
      throw new InvalidSketchError(`unknown sketch "${ref}": use one of ${builtinSketchNames().join(', ')} or the path of your own sketch file`);
    }
    return sketch;
  }
  return validateSketch(evaluateCommonJs(ref), ref.filename ?? 'sketch');
}

/** What the loader puts before a bundle's first line: columns on that line shift by its length. */
export const COMMONJS_WRAPPER = '(function (exports, require, module, __filename, __dirname) {';
export const DEFAULT_FILENAME = 'sketch.cjs';

/**
 * Maps a stack from a sketch's code to the user's files and lines (the source map bundleSketch
 * inlines); built-ins and source without a map keep their positions.
 */
export function sketchStackMapper(ref: SketchRef): (stack: string) => MappedStack {
  if (typeof ref === 'string') return (stack) => ({ stack });
  const map = inlineSourceMap(ref.source);
  const filename = ref.filename ?? DEFAULT_FILENAME;
  return (stack) => mapSketchStack(stack, filename, map, COMMONJS_WRAPPER.length);
}

function evaluateCommonJs(ref: SketchSource): unknown {
  const { source, filename = DEFAULT_FILENAME } = ref;
  const module = { exports: {} as unknown };
  try {
    const wrapper = runInThisContext(`${COMMONJS_WRAPPER}${source}\n})`, { filename });
    // The sketch resolves its externals (@napi-rs/canvas) from wherever this library runs.
    wrapper(module.exports, require, module, filename, '.');
  } catch (error) {
    // Duck-typed: an error from the sketch's code may come from another realm (a test's vm context).
    const { message, stack } = (error ?? {}) as { message?: unknown; stack?: unknown };
    const { location } = sketchStackMapper(ref)(typeof stack === 'string' ? stack : '');
    throw new InvalidSketchError(`sketch ${filename} failed to load: ${typeof message === 'string' ? message : String(error)}${location ? ` (at ${location})` : ''}`);
  }
  return module.exports;
}

/** Checks what a sketch exports: a draw function, positive whole numbers, setup a function. */
export function validateSketch(exported: unknown, filename: string): Sketch<any> {
  const candidate = (exported as { default?: unknown })?.default ?? exported;
  const sketch = candidate as Partial<Sketch<any>> | undefined;
  if (!sketch || typeof sketch.draw !== 'function') {
    throw new InvalidSketchError(`${filename} does not export a draw(ctx, frame) function: export const draw = … or export default { draw }`);
  }
  for (const field of SKETCH_SETTINGS) {
    const value = sketch[field];
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      throw new InvalidSketchError(`${filename} exports ${field} = ${String(value)}; it must be a positive whole number`);
    }
  }
  if (sketch.setup !== undefined && typeof sketch.setup !== 'function') {
    throw new InvalidSketchError(`${filename} exports setup that is not a function`);
  }
  return sketch as Sketch<any>;
}
