import { ENV } from '@framefarm/job-specs';
import { BUILTIN_SKETCH_NAMES, InvalidSketchRefError, parseSketchRef, RunStore } from '@framefarm/run-store';

/** A SKETCH that no render job could load: an unknown built-in or a malformed reference. */
export function sketchProblem(sketch: string): string | undefined {
  try {
    const ref = parseSketchRef(sketch);
    if (ref.kind === 'builtin' && !(BUILTIN_SKETCH_NAMES as readonly string[]).includes(ref.name)) {
      return `${ENV.sketch} "${sketch}" is not a built-in sketch: use one of ${BUILTIN_SKETCH_NAMES.join(', ')}, or upload your own (framefarm run --sketch <file>)`;
    }
    return undefined;
  } catch (error) {
    if (error instanceof InvalidSketchRefError) return error.message;
    throw error;
  }
}

/** A user sketch must be in S3 before any job is submitted, or every render job would fail. */
export async function assertSketchUploaded(objects: Pick<RunStore['objects'], 'size'>, sketch: string): Promise<void> {
  const ref = parseSketchRef(sketch);
  if (ref.kind === 's3' && (await objects.size(ref.key, ref.bucket)) === undefined) {
    throw new InvalidSketchRefError(`SKETCH ${sketch} does not exist: upload the sketch first (framefarm run --sketch <file> does)`);
  }
}
