import type { RunCost } from '@framefarm/cost';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { StoredSpan, traceIdFromEnvironment } from '@framefarm/tracing/spans';
import { collectRunData } from './collect-run-data';
import { renderReportParts } from './report-html';
import { SpanSource } from './span-source';
import { loadReportMedia } from './report-media';
import { RunData } from './run-data';
import { BatchJob, RunJobs, RunRecordFields } from './run-input';

export interface WriteRunReportOptions {
  /** The HTML file to write (directories are created). */
  outFile: string;
  run: RunRecordFields;
  /** The run's jobs as DescribeJobs returned them; `runReportInput` arranges them from a loaded run. */
  jobs: RunJobs;
  /** Where the run's spans are (the local trace store, X-Ray); read unless `spans` is given. */
  spanSource?: SpanSource;
  spans?: StoredSpan[];
  /** Local poster image (PNG/JPEG), embedded as a data URI. */
  posterPath?: string;
  /** Local video file: embedded up to `maxEmbeddedVideoBytes` (8 MiB), else linked relative to the report. */
  videoPath?: string;
  maxEmbeddedVideoBytes?: number;
  /** Report time, the end of bars of jobs still running; now by default. */
  now?: number;
  /** What the run cost (see @framefarm/cost); the report shows it when given. */
  cost?: RunCost;
}

export interface WrittenRunReport {
  /** Absolute path of the written file. */
  path: string;
  data: RunData;
  /** What is missing from the report and why (no spans, unreadable poster, …). */
  warnings: string[];
}

/** Collects, renders and writes a run's report. */
export async function writeRunReport(options: WriteRunReportOptions): Promise<WrittenRunReport> {
  const path = resolve(options.outFile);
  const warnings: string[] = [];
  let spans = options.spans ?? [];
  if (!options.spans && options.spanSource) {
    const read = await options.spanSource.runSpans({ runId: options.run.runId, traceId: runTraceId(options.jobs) });
    spans = read.spans;
    warnings.push(...read.warnings);
  }
  if (spans.length === 0) warnings.push('no spans found for this run: the timeline shows Batch times only');
  const now = options.now ?? Date.now();
  const data = collectRunData({ run: options.run, jobs: options.jobs, spans, now, ...(options.cost ? { cost: options.cost } : {}) });
  const { media, warnings: mediaWarnings } = await loadReportMedia({ reportFile: path, posterPath: options.posterPath, videoPath: options.videoPath, maxEmbeddedVideoBytes: options.maxEmbeddedVideoBytes });
  warnings.push(...mediaWarnings);
  await mkdir(dirname(path), { recursive: true });
  // Write then rename, so a reader never sees half a report.
  const partial = `${path}.${process.pid}.partial`;
  await writeFile(partial, renderReportParts(data, media, now));
  await rename(partial, path);
  return { path, data, warnings };
}

/** Plan passes the trace to its children in `_X_AMZN_TRACE_ID`; the children's environment names it. */
export function runTraceId(jobs: RunJobs): string | undefined {
  const candidates: BatchJob[] = [...jobs.renderChildren, ...(jobs.renderArray ? [jobs.renderArray] : []), ...(jobs.encode ? [jobs.encode] : [])];
  for (const job of candidates) {
    const env = Object.fromEntries((job.container?.environment ?? []).map((pair) => [pair.name ?? '', pair.value]));
    const traceId = traceIdFromEnvironment(env);
    if (traceId) return traceId;
  }
  return undefined;
}
