import { FrameSettings, loadSketch, Sketch } from '@framefarm/sketch';
import { downloadSketchSource, ObjectStore, parseSketchRef, RunSettings } from '@framefarm/run-store';

/** The run's sketch: a built-in by name, or the user's bundle from S3 (checked against its hash). */
export async function loadRunSketch(objects: ObjectStore, sketch: string): Promise<Sketch<any>> {
  const ref = parseSketchRef(sketch);
  if (ref.kind === 'builtin') return loadSketch(ref.name);
  const source = await downloadSketchSource(objects, ref);
  return loadSketch({ source, filename: sketch });
}

export const frameSettingsOf = (settings: RunSettings): FrameSettings => ({
  width: settings.width,
  height: settings.height,
  fps: settings.fps,
  totalFrames: settings.totalFrames,
  seed: settings.seed,
});
