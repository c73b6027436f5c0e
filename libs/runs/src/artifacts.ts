import { posterKey, RunRecord, videoKey } from '@framefarm/run-store';

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
