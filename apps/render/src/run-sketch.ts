import { FrameSettings, SketchRef } from '@framefarm/sketch';
import { downloadSketchSource, ObjectStore, parseSketchRef, RunSettings } from '@framefarm/run-store';

/**
 * The run's sketch, for the sketch thread to load: a built-in by name, or the user's bundle from
 * S3 (checked against its hash), named by its address in stack traces until its source map maps them.
 */
export async function runSketchRef(objects: ObjectStore, sketch: string): Promise<SketchRef> {
  const ref = parseSketchRef(sketch);
  if (ref.kind === 'builtin') return ref.name;
  return { source: await downloadSketchSource(objects, ref), filename: sketch };
}

export const frameSettingsOf = (settings: RunSettings): FrameSettings => ({
  width: settings.width,
  height: settings.height,
  fps: settings.fps,
  totalFrames: settings.totalFrames,
  seed: settings.seed,
});
