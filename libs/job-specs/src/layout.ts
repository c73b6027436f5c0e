/**
 * Where a run's objects live in the bucket, on AWS and locally. The AWS stack scopes each job
 * role to these keys, so a step writing elsewhere gets AccessDenied on AWS.
 */
export const RUNS_PREFIX = 'runs/';

export interface RunKeys {
  prefix: string;
  /** Written by plan, read by render and encode. */
  manifest: string;
  /** Render writes its segments and chunk manifests under here; encode reads them. */
  chunksPrefix: string;
  /** Written by encode. */
  video: string;
  poster: string;
}

export function runKeys(runId: string): RunKeys {
  const prefix = `${RUNS_PREFIX}${runId}/`;
  return {
    prefix,
    manifest: `${prefix}manifest.json`,
    chunksPrefix: `${prefix}chunks/`,
    video: `${prefix}video.mp4`,
    poster: `${prefix}poster.png`,
  };
}

/**
 * S3 lifecycle filters take a literal prefix, not `runs/*\/chunks/`, so intermediate objects are
 * marked with this tag (PutObject `Tagging: "framefarm-lifecycle=intermediate"`) and the bucket
 * expires tagged objects after a few days.
 */
export const INTERMEDIATE_OBJECT_TAG = { key: 'framefarm-lifecycle', value: 'intermediate' } as const;
