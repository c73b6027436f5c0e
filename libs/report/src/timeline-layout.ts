import { formatDuration, formatOffset } from './format';
import { ReportJob, RunData } from './run-data';

export type BarKind = 'queued' | 'succeeded' | 'failed' | 'running';

export interface TimelineBar {
  kind: BarKind;
  x: number;
  width: number;
  title: string;
}

export interface TimelineSpan {
  x: number;
  y: number;
  width: number;
  height: number;
  name: string;
  error: boolean;
  title: string;
}

export interface TimelineRow {
  jobId: string;
  label: string;
  detail: string;
  y: number;
  height: number;
  barY: number;
  barHeight: number;
  critical: boolean;
  bars: TimelineBar[];
  spans: TimelineSpan[];
}

export interface TimelineLayout {
  width: number;
  height: number;
  labelWidth: number;
  chartX: number;
  chartWidth: number;
  axisHeight: number;
  ticks: Array<{ x: number; label: string }>;
  rows: TimelineRow[];
}

export interface TimelineOptions {
  width?: number;
  labelWidth?: number;
  barHeight?: number;
  laneHeight?: number;
  maxLanes?: number;
}

const TICK_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

/**
 * Where everything of the timeline goes, in SVG user units: one row per job (a bar of queued and
 * running time per attempt, then lanes of the job's spans by depth), a time axis from the run's
 * first job creation to its end. Pure, so the geometry is tested without a browser.
 */
export function layoutTimeline(data: RunData, options: TimelineOptions = {}): TimelineLayout {
  const width = options.width ?? 1100;
  const labelWidth = options.labelWidth ?? 230;
  const barHeight = options.barHeight ?? 14;
  const laneHeight = options.laneHeight ?? 6;
  const maxLanes = options.maxLanes ?? 4;
  const axisHeight = 26;
  const rightPad = 16;
  const chartX = labelWidth;
  const chartWidth = width - labelWidth - rightPad;
  const span = Math.max(1, data.endedAt - data.startedAt);
  const x = (t: number) => chartX + ((Math.min(Math.max(t, data.startedAt), data.endedAt) - data.startedAt) / span) * chartWidth;
  const critical = new Set(data.criticalPath.steps.map((step) => step.jobId));

  let y = axisHeight;
  const rows = data.jobs.map((job): TimelineRow => {
    const lanes = Math.min(maxLanes, job.spans.reduce((deepest, s) => Math.max(deepest, s.depth + 1), 0));
    // At least tall enough for the two lines of the label (name, job id).
    const height = Math.max(barHeight + 24, 8 + barHeight + (lanes > 0 ? 3 + lanes * laneHeight : 0) + 6);
    const barY = y + 8;
    const row: TimelineRow = {
      jobId: job.jobId,
      label: rowLabel(job),
      detail: rowDetail(job),
      y,
      height,
      barY,
      barHeight,
      critical: critical.has(job.jobId),
      bars: barsOf(job, x),
      spans: job.spans.map((s) => {
        const left = x(s.start);
        return {
          x: left,
          y: barY + barHeight + 3 + Math.min(s.depth, maxLanes - 1) * laneHeight,
          width: Math.max(1, x(s.end) - left),
          height: laneHeight - 1,
          name: s.name,
          error: s.error !== undefined,
          title: `${s.name} · ${formatDuration(s.end - s.start)}${s.error ? ` · ${s.error}` : ''}`,
        };
      }),
    };
    y += height;
    return row;
  });

  return { width, height: y + 4, labelWidth, chartX, chartWidth, axisHeight, ticks: ticksFor(span, chartX, chartWidth), rows };
}

function barsOf(job: ReportJob, x: (t: number) => number): TimelineBar[] {
  const bars: TimelineBar[] = [];
  const bar = (kind: BarKind, from: number, to: number, title: string) => {
    if (to < from) return;
    const left = x(from);
    bars.push({ kind, x: left, width: Math.max(1, x(to) - left), title });
  };
  let waitingSince = job.createdAt;
  for (const attempt of job.attempts) {
    if (attempt.startedAt > waitingSince) {
      bar('queued', waitingSince, attempt.startedAt, `${attempt.number === 1 ? 'queued' : 'waiting to retry'} · ${formatDuration(attempt.startedAt - waitingSince)}`);
    }
    const end = attempt.stoppedAt ?? job.endedAt;
    const outcome = attempt.outcome === 'failed' ? `failed${attempt.exitCode !== undefined ? ` (exit ${attempt.exitCode})` : ''}${attempt.reason ? `: ${attempt.reason}` : ''}` : attempt.outcome;
    bar(attempt.outcome, attempt.startedAt, end, `attempt ${attempt.number} · ${formatDuration(end - attempt.startedAt)} · ${outcome}`);
    waitingSince = end;
  }
  if (job.attempts.length === 0 && job.endedAt > job.createdAt) {
    bar('queued', job.createdAt, job.endedAt, `${job.status.toLowerCase()} · never started · ${formatDuration(job.endedAt - job.createdAt)}`);
  }
  return bars;
}

function rowLabel(job: ReportJob): string {
  return job.step === 'render' && job.arrayIndex !== undefined ? `render ${job.arrayIndex}` : job.step;
}

function rowDetail(job: ReportJob): string {
  const attempts = job.attempts.length > 1 ? ` · ${job.attempts.length} attempts` : '';
  return `${job.status.toLowerCase()}${attempts}`;
}

function ticksFor(spanMs: number, chartX: number, chartWidth: number): Array<{ x: number; label: string }> {
  const stepS = TICK_STEPS_S.find((step) => spanMs / (step * 1000) <= 10) ?? Math.ceil(spanMs / 10_000 / 3600) * 3600;
  const ticks: Array<{ x: number; label: string }> = [];
  for (let t = 0; t <= spanMs; t += stepS * 1000) ticks.push({ x: chartX + (t / spanMs) * chartWidth, label: formatOffset(t) });
  return ticks;
}
