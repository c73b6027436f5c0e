import { uploadSketchSource, RunStore } from '@framefarm/run-store';
import { builtinSketchNames, bundleSketch, SketchBundleError } from '@framefarm/sketch';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors';

/** Built-ins by name; anything that names a file is the user's sketch: bundled, then uploaded. */
export function isSketchFile(sketch: string): boolean {
  return /\.(c|m)?(t|j)s$/.test(sketch) || sketch.includes('/') || existsSync(sketch);
}

export function checkSketch(sketch: string): void {
  if (isSketchFile(sketch)) {
    if (!existsSync(sketch)) throw new UsageError(`sketch file ${sketch} does not exist`);
    return;
  }
  const names = builtinSketchNames();
  if (!names.includes(sketch)) throw new UsageError(`no built-in sketch "${sketch}"; choose one of ${names.join(', ')}, or give a .ts/.js file`);
}

/** The SKETCH value plan passes on: a built-in name, or the s3:// address of the uploaded bundle. */
export async function sketchReference(sketch: string, store: RunStore): Promise<string> {
  checkSketch(sketch);
  if (!isSketchFile(sketch)) return sketch;
  let source: string;
  try {
    source = await bundleSketch(resolve(sketch));
  } catch (error) {
    if (error instanceof SketchBundleError) throw new UsageError(error.message);
    throw error;
  }
  return uploadSketchSource(store.objects, source);
}
