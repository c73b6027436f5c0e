import type { ChunkManifest, RunSettings } from '@framefarm/run-store';
import { planChunks } from '@framefarm/job-specs';

/** The chunk manifests do not add up to every frame of the run exactly once. */
export class ChunkCoverageError extends Error {
  override readonly name = 'ChunkCoverageError';
  constructor(
    readonly missing: number[],
    readonly duplicated: number[],
    readonly problems: string[],
  ) {
    super(`chunks do not cover the run's frames exactly once: ${problems.join('; ')}`);
  }
}

const ranges = (frames: number[]): string => {
  const parts: string[] = [];
  for (let i = 0; i < frames.length; i++) {
    const start = frames[i];
    while (i + 1 < frames.length && frames[i + 1] === frames[i] + 1) i++;
    parts.push(start === frames[i] ? `${start}` : `${start}–${frames[i]}`);
  }
  return parts.join(', ');
};

/**
 * Checks that the manifests, rendered with this run's settings, cover frames 0…T-1 exactly once
 * in the chunks plan made, and returns them in frame order. Otherwise names the missing chunks
 * (to re-run) and the duplicated or stray ones.
 */
export function checkCoverage(manifests: ChunkManifest[], settings: RunSettings, expectedHash: string): ChunkManifest[] {
  const problems: string[] = [];
  const current = manifests.filter((m) => m.settingsHash === expectedHash);
  const stale = manifests.filter((m) => m.settingsHash !== expectedHash);
  if (stale.length > 0) problems.push(`chunk ${stale.map((m) => m.index).join(', ')} rendered with other settings`);

  const plan = planChunks(settings.totalFrames, settings.framesPerRenderJob);
  const byIndex = new Map<number, ChunkManifest[]>();
  for (const m of current) byIndex.set(m.index, [...(byIndex.get(m.index) ?? []), m]);

  const missing: number[] = [];
  const duplicated: number[] = [];
  for (const chunk of plan) {
    const found = byIndex.get(chunk.index) ?? [];
    if (found.length === 0) missing.push(chunk.index);
    else if (found.length > 1) duplicated.push(chunk.index);
    else if (found[0].start !== chunk.start || found[0].end !== chunk.end) {
      problems.push(`chunk ${chunk.index} covers frames ${found[0].start}–${found[0].end - 1}, plan says ${chunk.start}–${chunk.end - 1}`);
    }
  }
  const stray = current.filter((m) => m.index >= plan.length).map((m) => m.index);
  if (missing.length > 0) {
    const frames = missing.flatMap((i) => Array.from({ length: plan[i].end - plan[i].start }, (_, k) => plan[i].start + k));
    problems.push(`missing chunk ${missing.join(', ')} (frames ${ranges(frames)}): re-run those render jobs`);
  }
  if (duplicated.length > 0) problems.push(`chunk ${duplicated.join(', ')} recorded more than once`);
  if (stray.length > 0) problems.push(`chunk ${stray.join(', ')} outside the plan of ${plan.length} chunks`);

  // Whatever the indexes say, every frame must appear exactly once.
  const seen = new Uint8Array(settings.totalFrames);
  for (const m of current) for (let f = m.start; f < Math.min(m.end, settings.totalFrames); f++) seen[f]++;
  const twice = [...seen.keys()].filter((f) => seen[f] > 1);
  if (twice.length > 0 && duplicated.length === 0) problems.push(`frames ${ranges(twice)} rendered twice`);

  if (problems.length > 0) throw new ChunkCoverageError(missing, duplicated, problems);
  return plan.map((chunk) => byIndex.get(chunk.index)![0]);
}
