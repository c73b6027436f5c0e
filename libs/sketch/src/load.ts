import { runInThisContext } from 'node:vm';
import { BUILTIN_SKETCHES } from './builtins';
import { InvalidSketchError } from './errors';
import type { Sketch } from './types';

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

function evaluateCommonJs({ source, filename = 'sketch.cjs' }: SketchSource): unknown {
  const module = { exports: {} as unknown };
  try {
    const wrapper = runInThisContext(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename });
    // The sketch resolves its externals (@napi-rs/canvas) from wherever this library runs.
    wrapper(module.exports, require, module, filename, '.');
  } catch (error) {
    throw new InvalidSketchError(`sketch ${filename} failed to load: ${(error as Error).message}`);
  }
  return module.exports;
}

function validateSketch(exported: unknown, filename: string): Sketch<any> {
  const candidate = (exported as { default?: unknown })?.default ?? exported;
  const sketch = candidate as Partial<Sketch<any>> | undefined;
  if (!sketch || typeof sketch.draw !== 'function') {
    throw new InvalidSketchError(`${filename} does not export a draw(ctx, frame) function: export const draw = … or export default { draw }`);
  }
  for (const field of ['width', 'height', 'fps', 'frames'] as const) {
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
