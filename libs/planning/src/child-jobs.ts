import { afterJob, SubmitJobSpec } from '@framefarm/batch-client';
import { ChunkRange } from '@framefarm/job-specs';
import { runSettingsEnvironment, RunSettings } from '@framefarm/run-store';
import type { SubmitTargets } from './plan-env';

/** The render job: an array of one child per chunk, or a plain job when there is one chunk. */
export function renderJobSpec(settings: RunSettings, chunks: ChunkRange[], targets: SubmitTargets, extraEnvironment: Record<string, string> = {}): SubmitJobSpec {
  return {
    name: `framefarm-render-${settings.runId}`,
    queue: targets.renderJobQueue,
    definition: targets.renderJobDefinition,
    ...(chunks.length > 1 ? { arraySize: chunks.length } : {}),
    environment: { ...runSettingsEnvironment(settings), ...extraEnvironment },
  };
}

/** The encode job, started once every render child has succeeded. */
export function encodeJobSpec(settings: RunSettings, renderJobId: string, targets: SubmitTargets, extraEnvironment: Record<string, string> = {}): SubmitJobSpec {
  return {
    name: `framefarm-encode-${settings.runId}`,
    queue: targets.encodeJobQueue,
    definition: targets.encodeJobDefinition,
    dependsOn: [afterJob(renderJobId)],
    environment: { ...runSettingsEnvironment(settings), ...extraEnvironment },
  };
}
