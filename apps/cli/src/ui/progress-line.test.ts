import { etaMs, progressLine, RunProgress } from './progress-line';
import { bar, formatDuration } from './format';

const progress = (over: Partial<RunProgress>): RunProgress => ({
  stage: 'rendering',
  framesDone: 30,
  totalFrames: 120,
  chunksDone: 1,
  chunks: 4,
  elapsedMs: 12_000,
  ...over,
});

describe('progress line', () => {
  it('extrapolates the ETA from the render rate', () => {
    // rendering started at 2 s; 30 frames in 10 s → 90 frames left take 30 s
    expect(etaMs(progress({}), 2_000)).toBe(30_000);
    expect(Number.isNaN(etaMs(progress({ framesDone: 0 }), 2_000))).toBe(true);
  });

  it('shows stage, frames, chunks, elapsed and ETA', () => {
    expect(progressLine(progress({}), 30_000)).toBe(
      `rendering ${bar(0.25)} · 30/120 frames · chunks 1/4 · 00:12 elapsed · ETA 00:30`,
    );
    expect(formatDuration(Number.NaN)).toBe('--:--');
    expect(bar(0.5, 4)).toBe('██░░');
  });
});
