import type { ChunkManifest, RunSettings } from '@framefarm/run-store';
import { checkCoverage, ChunkCoverageError } from './coverage';

const settings: RunSettings = { runId: 'r', sketch: 'aurora', seed: 's', width: 64, height: 36, fps: 10, totalFrames: 10, framesPerRenderJob: 4 };
const HASH = 'a'.repeat(64);
const manifest = (index: number, start: number, end: number, hash = HASH): ChunkManifest => ({
  version: 3, runId: 'r', index, start, end, settingsHash: hash,
  frameChecksums: Array.from({ length: end - start }, () => 'b'.repeat(16)),
  segment: { key: `runs/r/chunks/${index}.ts`, bytes: 1, sha256: 'c'.repeat(64) }, renderedAt: '2026-01-01T00:00:00.000Z', attempt: 1,
});

const problemsOf = (manifests: ChunkManifest[]): string[] => {
  try {
    checkCoverage(manifests, settings, HASH);
  } catch (error) {
    expect(error).toBeInstanceOf(ChunkCoverageError);
    return (error as ChunkCoverageError).problems;
  }
  throw new Error('coverage passed');
};

describe('chunk coverage', () => {
  it('returns the chunks in frame order when they cover every frame once', () => {
    const chunks = checkCoverage([manifest(2, 8, 10), manifest(0, 0, 4), manifest(1, 4, 8)], settings, HASH);
    expect(chunks.map((c) => c.index)).toEqual([0, 1, 2]);
  });

  it('names missing chunks with their frames', () => {
    expect(problemsOf([manifest(0, 0, 4)])).toEqual(['missing chunk 1, 2 (frames 4–9): re-run those render jobs']);
  });

  it('names duplicated, misplaced, stray and stale chunks', () => {
    expect(problemsOf([manifest(0, 0, 4), manifest(1, 4, 8), manifest(1, 4, 8), manifest(2, 8, 10)])).toEqual(['chunk 1 recorded more than once']);
    expect(problemsOf([manifest(0, 0, 4), manifest(1, 3, 8), manifest(2, 8, 10)])).toEqual([
      'chunk 1 covers frames 3–7, plan says 4–7',
      'frames 3 rendered twice',
    ]);
    expect(problemsOf([manifest(0, 0, 4), manifest(1, 4, 8), manifest(2, 8, 10), manifest(3, 10, 12)])).toEqual(['chunk 3 outside the plan of 3 chunks']);
    expect(problemsOf([manifest(0, 0, 4), manifest(1, 4, 8, 'f'.repeat(64)), manifest(2, 8, 10)])).toEqual([
      'chunk 1 rendered with other settings',
      'missing chunk 1 (frames 4–7): re-run those render jobs',
    ]);
  });
});
