import { type ObjectStore, posterKey, RunRecord, videoKey } from '@framefarm/run-store';
import { rename } from 'node:fs/promises';

/** What a succeeded run leaves in the bucket: the video (with the size and checksum encode recorded) and the poster. */
export interface RunArtifacts {
  video?: { key: string; bytes?: number; sha256?: string };
  posterKey?: string;
}

export function runArtifacts(record: RunRecord): RunArtifacts {
  if (record.status !== 'SUCCEEDED') return {};
  return {
    video: record.video ? { key: record.video.key, bytes: record.video.bytes, sha256: record.video.sha256 } : { key: videoKey(record.runId) },
    posterKey: record.posterKey ?? posterKey(record.runId),
  };
}

/** A downloaded artifact is not what encode recorded (a broken transfer, or the object changed). */
export class ArtifactChecksumError extends Error {
  override readonly name = 'ArtifactChecksumError';
}

/**
 * Downloads one of the run's objects to `file`. A partial download never takes the final name,
 * and with `expectedSha256` (what encode recorded) a mismatch is refused.
 */
export async function downloadArtifact(objects: Pick<ObjectStore, 'downloadFile'>, key: string, file: string, expectedSha256?: string): Promise<void> {
  const partial = `${file}.partial`;
  const stored = await objects.downloadFile(key, partial);
  if (expectedSha256 && stored.sha256 !== expectedSha256) {
    throw new ArtifactChecksumError(`downloaded ${key} does not match the checksum encode recorded; fetch it again`);
  }
  await rename(partial, file);
}
