import type { JobState, WaitProgress } from '@framefarm/batch-client';
import { bar, formatDuration } from '../ui/format';

/** Left-aligned columns separated by two spaces. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

const STATUS_ORDER = ['SUCCEEDED', 'FAILED', 'RUNNING', 'STARTING', 'RUNNABLE', 'PENDING', 'SUBMITTED', 'UNKNOWN'];

export function countsText(counts: Partial<Record<string, number>>): string {
  return STATUS_ORDER.filter((s) => counts[s])
    .map((s) => `${s} ${counts[s]}`)
    .join(' · ');
}

/** One line a terminal can redraw in place: "███░░ 3/6 jobs · 00:12 · SUCCEEDED 3 · RUNNING 1 · …". */
export function workflowProgressLine(progress: WaitProgress): string {
  const children = countsText(progress.childCounts);
  const fraction = progress.total > 0 ? progress.finished / progress.total : 0;
  return [
    `${bar(fraction)} ${progress.finished}/${progress.total} jobs`,
    formatDuration(progress.elapsedMs),
    countsText(progress.counts),
    ...(children ? [`array children: ${children}`] : []),
  ].join(' · ');
}

const time = (ms: number | undefined): string => (ms === undefined ? '-' : new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'));

export function statusRows(names: Record<string, string>, states: ReadonlyMap<string, JobState>): string[][] {
  return Object.entries(names).map(([name, jobId]) => {
    const s = states.get(jobId);
    const array = s?.array ? ` [${countsText(s.array.statusSummary)}]` : '';
    return [name, jobId, `${s?.status ?? 'UNKNOWN'}${array}`, s?.exitCode === undefined ? '-' : String(s.exitCode), time(s?.startedAt), time(s?.stoppedAt), s?.statusReason ?? ''];
  });
}

export const STATUS_HEADER = ['JOB', 'JOB ID', 'STATUS', 'EXIT', 'STARTED', 'STOPPED', 'REASON'];
