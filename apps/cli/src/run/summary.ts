import { formatUsd, pricesNote } from '@framefarm/cost/format';
import { formatDuration } from '../ui/format';
import { StageTimings } from './stage-timings';

/** What `framefarm run` reports at the end; with --json it is the JSON document on stdout. */
export interface RunSummary {
  runId: string;
  status: 'SUCCEEDED' | 'FAILED';
  video?: string;
  poster?: string;
  report?: string;
  frames: number;
  chunks: number;
  width: number;
  height: number;
  fps: number;
  timingsMs: StageTimings;
  /** Frames rendered per second of wall-clock render stage. */
  framesPerSecond: number;
  jobs: { plan?: string; render?: string; encode?: string };
  /** What the attempts cost at the stack's prices (failed ones included, and apart). */
  cost: { usd: number; failedUsd: number; byStep: Record<string, number>; prices: { region: string; asOf: string } };
  failedJob?: { jobId: string; reason: string };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export function formatSummary(s: RunSummary): string {
  const lines = [
    `${s.status === 'SUCCEEDED' ? '✓' : '✗'} run ${s.runId} ${s.status.toLowerCase()} in ${formatDuration(s.timingsMs.total)}`,
    ...(s.video ? [`  video   ${s.video} (${s.frames} frames, ${s.width}×${s.height} @ ${s.fps} fps)`] : []),
    ...(s.poster ? [`  poster  ${s.poster}`] : []),
    ...(s.report ? [`  report  ${s.report}`] : []),
    `  stages  plan ${seconds(s.timingsMs.plan)} · render ${seconds(s.timingsMs.render)} · encode ${seconds(s.timingsMs.encode)}`,
    `  speed   ${s.framesPerSecond.toFixed(1)} frames/s in ${s.chunks} render job${s.chunks === 1 ? '' : 's'}`,
    `  cost    ${formatUsd(s.cost.usd)}${s.cost.failedUsd > 0 ? ` (${formatUsd(s.cost.failedUsd)} in failed attempts)` : ''} on AWS Batch at ${pricesNote(s.cost.prices)}`,
  ];
  return `${lines.join('\n')}\n`;
}
