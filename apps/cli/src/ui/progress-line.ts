import type { RunProgress } from '@framefarm/runs';
import { bar, formatDuration } from './format';

export type { RunProgress };


/** Remaining time from the render rate so far; unknown until some frames are done. */
export function etaMs(p: RunProgress, renderStartedMs: number | undefined): number {
  if (p.stage === 'succeeded') return 0;
  if (!renderStartedMs || p.framesDone === 0 || p.totalFrames === 0) return Number.NaN;
  const renderElapsed = p.elapsedMs - renderStartedMs;
  return (renderElapsed / p.framesDone) * (p.totalFrames - p.framesDone);
}

export function progressLine(p: RunProgress, eta: number): string {
  const fraction = p.totalFrames > 0 ? p.framesDone / p.totalFrames : 0;
  return [
    `${p.stage.padEnd(9)} ${bar(fraction)}`,
    `${p.framesDone}/${p.totalFrames || '?'} frames`,
    `chunks ${p.chunksDone}/${p.chunks || '?'}`,
    `${formatDuration(p.elapsedMs)} elapsed`,
    `ETA ${formatDuration(eta)}`,
  ].join(' · ');
}
