import { formatSummary, RunSummary } from './summary';

const summary: RunSummary = {
  runId: 'r-1',
  status: 'SUCCEEDED',
  video: 'out/r-1/video.mp4',
  poster: 'out/r-1/poster.png',
  report: 'out/r-1/report.html',
  frames: 12,
  chunks: 3,
  width: 160,
  height: 90,
  fps: 12,
  timingsMs: { plan: 1_000, render: 4_000, encode: 1_500, total: 7_000 },
  framesPerSecond: 3,
  jobs: { plan: 'p', render: 'r', encode: 'e' },
  cost: { usd: 0.0123, failedUsd: 0, byStep: { plan: 0.001, render: 0.01, encode: 0.0013 }, prices: { region: 'us-east-1', asOf: '2026-11-01' } },
};

describe('formatSummary', () => {
  it('says where the video is, how long each stage took and what the run costs on AWS Batch', () => {
    const text = formatSummary(summary);
    expect(text).toMatch(/^✓ run r-1 succeeded in 00:07$/m);
    expect(text).toContain('  video   out/r-1/video.mp4 (12 frames, 160×90 @ 12 fps)');
    expect(text).toContain('  stages  plan 1.0 s · render 4.0 s · encode 1.5 s');
    expect(text).toMatch(/^ {2}cost {4}\$[\d.]+ on AWS Batch at us-east-1 prices of 2026-11-01/m);
  });
});
