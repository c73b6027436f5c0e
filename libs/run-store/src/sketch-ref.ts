import { createHash } from 'node:crypto';
import { ChecksumMismatchError, InvalidSketchRefError } from './errors';
import { sketchKey } from './keys';
import type { ObjectStore } from './object-store';

/** Where a run's sketch comes from: a built-in by name, or a bundled user sketch in S3. */
export type ParsedSketchRef = { kind: 'builtin'; name: string } | { kind: 's3'; bucket: string; key: string; sha256: string };

const S3_SKETCH = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/((?:.+\/)?sketches\/([0-9a-f]{64})\.cjs)$/;
const BUILTIN_NAME = /^[a-z][a-z0-9-]{0,63}$/;

export function parseSketchRef(value: string): ParsedSketchRef {
  const s3 = S3_SKETCH.exec(value);
  if (s3) return { kind: 's3', bucket: s3[1], key: s3[2], sha256: s3[3] };
  if (BUILTIN_NAME.test(value)) return { kind: 'builtin', name: value };
  throw new InvalidSketchRefError(
    `SKETCH="${value}" is neither a built-in sketch name (e.g. aurora) nor s3://<bucket>/sketches/<sha256>.cjs; upload your sketch with framefarm run --sketch <file>`,
  );
}

export const sha256OfText = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Uploads bundled sketch source under its content hash and returns its SKETCH value. */
export async function uploadSketchSource(objects: ObjectStore, source: string): Promise<string> {
  const key = sketchKey(sha256OfText(source));
  if ((await objects.size(key)) === undefined) await objects.putText(key, source, 'application/javascript');
  return `s3://${objects.bucket}/${key}`;
}

/** Downloads a user sketch and checks it is the source its key names, so every job runs the same code. */
export async function downloadSketchSource(objects: ObjectStore, ref: Extract<ParsedSketchRef, { kind: 's3' }>): Promise<string> {
  const source = await objects.getText(ref.key, ref.bucket);
  if (source === undefined) {
    throw new InvalidSketchRefError(`sketch s3://${ref.bucket}/${ref.key} does not exist; upload it again (framefarm run --sketch <file>)`);
  }
  const actual = sha256OfText(source);
  if (actual !== ref.sha256) {
    throw new ChecksumMismatchError(`sketch s3://${ref.bucket}/${ref.key} hashes to ${actual}; it was changed after upload. Upload it again.`);
  }
  return source;
}
