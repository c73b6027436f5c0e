import { uploadSketchSource, RunSettingKey, RunStore } from '@framefarm/run-store';
import { builtinSketchNames, bundleSketch, InvalidSketchError, loadSketch, readSketchDeclarations, SKETCH_SETTINGS, SketchBundleError, type SketchSetting, UnreadableSettingError } from '@framefarm/sketch';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors';
import { RUN_SETTING_FLAGS, RunFlags, SketchDefaults } from './run-options';

/** The sketch a run asks for, read on this machine before anything is submitted. */
export interface LocalSketch {
  /** What the user gave: a built-in name or a file path. */
  given: string;
  /** The bundled source of a user's file; undefined for built-ins. */
  source?: string;
  defaults: SketchDefaults;
}

/** Anything that names a file is the user's sketch; otherwise it must be a built-in. */
export function isSketchFile(sketch: string): boolean {
  return /\.(c|m)?(t|j)s$/.test(sketch) || sketch.includes('/') || existsSync(sketch);
}

/** What can be told of the sketch without reading it: a file that is there, or a built-in's name. */
export function checkSketchGiven(given: string): void {
  if (isSketchFile(given)) {
    if (!existsSync(given)) throw new UsageError(`sketch file ${given} does not exist`);
  } else if (!builtinSketchNames().includes(given)) {
    throw new UsageError(`no built-in sketch "${given}"; choose one of ${builtinSketchNames().join(', ')}, or give a .ts/.js file`);
  }
}

/** The run setting each setting a sketch may declare sets (its flag is RUN_SETTING_FLAGS'). */
const RUN_SETTING_OF: Record<SketchSetting, RunSettingKey> = { width: 'width', height: 'height', fps: 'fps', frames: 'totalFrames' };

/**
 * Checks the sketch, bundles a user's file, and reads the settings it declares; those the flags
 * give (`flags`, as given) need not be readable from the file.
 */
export async function readSketch(given: string, flags: Pick<RunFlags, SketchSetting> = {}): Promise<LocalSketch> {
  checkSketchGiven(given);
  let source: string | undefined;
  if (isSketchFile(given)) {
    try {
      source = await bundleSketch(resolve(given));
    } catch (error) {
      if (error instanceof SketchBundleError) throw new UsageError(error.message);
      throw error;
    }
  }
  try {
    // A user's sketch is untrusted code: only the render job runs it. What it declares is read from its file.
    const skip = SKETCH_SETTINGS.filter((setting) => flags[setting] !== undefined);
    const declared = source === undefined ? loadSketch(given) : await readSketchDeclarations(resolve(given), { skip });
    return { given, source, defaults: { width: declared.width, height: declared.height, fps: declared.fps, frames: declared.frames } };
  } catch (error) {
    if (error instanceof UnreadableSettingError) throw new UsageError(`${error.message} (${RUN_SETTING_FLAGS[RUN_SETTING_OF[error.setting]]})`);
    if (error instanceof InvalidSketchError) throw new UsageError(error.message);
    throw error;
  }
}

/** The SKETCH value plan passes on: a built-in name, or the s3:// address of the uploaded bundle. */
export async function sketchReference(sketch: LocalSketch, store: RunStore): Promise<string> {
  return sketch.source === undefined ? sketch.given : uploadSketchSource(store.objects, sketch.source);
}
