import { ReportJob } from './run-data';

export interface SpanSummaryRow {
  name: string;
  count: number;
  totalMs: number;
  maxMs: number;
  errors: number;
}

/**
 * Where the time inside the jobs went: every span name except the jobs' own spans, with how often
 * it ran, its total and longest duration and its failures, longest total first.
 */
export function summarizeSpans(jobs: ReportJob[]): SpanSummaryRow[] {
  const rows = new Map<string, SpanSummaryRow>();
  for (const job of jobs) {
    for (const span of job.spans) {
      if (span.depth === 0) continue;
      const row = rows.get(span.name) ?? { name: span.name, count: 0, totalMs: 0, maxMs: 0, errors: 0 };
      const duration = Math.max(0, span.end - span.start);
      row.count += 1;
      row.totalMs += duration;
      row.maxMs = Math.max(row.maxMs, duration);
      if (span.error !== undefined) row.errors += 1;
      rows.set(span.name, row);
    }
  }
  return [...rows.values()].sort((a, b) => b.totalMs - a.totalMs || a.name.localeCompare(b.name));
}
