import { appendFile, mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SPAN_ATTRIBUTES } from './attributes';
import { StoredSpan } from './stored-span';
import { parseStoredSpan } from './stored-span-parse';

/** A stored trace's id: 32 lowercase hex digits, which is also its file's name. */
export const TRACE_ID_PATTERN = /^[0-9a-f]{32}$/;

/**
 * The local stack's trace store, defined here once: `<stateDir>/traces/<traceId>.jsonl`, one
 * StoredSpan a line. The stack's OTLP receiver and JsonlFileSpanExporter write it, the report reads it.
 */
export function tracesDir(stateDir: string): string {
  return join(stateDir, 'traces');
}

/** A trace's file in a traces directory; the id is checked, so it can never name another path. */
export function traceFileIn(dir: string, traceId: string): string {
  if (!TRACE_ID_PATTERN.test(traceId)) throw new Error(`not a trace id: "${traceId}"`);
  return join(dir, `${traceId}.jsonl`);
}

export function traceFilePath(stateDir: string, traceId: string): string {
  return traceFileIn(tracesDir(stateDir), traceId);
}

/** Appends spans to their trace files, one write per trace so concurrent writers never interleave a line. */
export async function appendStoredSpans(stateDir: string, spans: StoredSpan[]): Promise<void> {
  const byTrace = new Map<string, string[]>();
  for (const span of spans) {
    const lines = byTrace.get(span.traceId) ?? [];
    lines.push(JSON.stringify(span));
    byTrace.set(span.traceId, lines);
  }
  if (byTrace.size === 0) return;
  await mkdir(tracesDir(stateDir), { recursive: true });
  for (const [traceId, lines] of byTrace) await appendFile(traceFilePath(stateDir, traceId), `${lines.join('\n')}\n`);
}

export interface TraceFileContents {
  spans: StoredSpan[];
  /** Lines that were not spans (a writer cut off mid-line, a foreign line): skipped, counted. */
  badLines: number;
}

export async function readTraceFile(path: string): Promise<TraceFileContents> {
  const text = await readFile(path, 'utf8');
  const spans: StoredSpan[] = [];
  let badLines = 0;
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      spans.push(parseStoredSpan(line, `${path}:${index + 1}`));
    } catch {
      badLines += 1;
    }
  });
  return { spans, badLines };
}

/**
 * The spans of one run. With the run's trace id this reads one file; without it (a run whose
 * jobs carried no trace context) it scans the traces directory for spans tagged with the run id.
 */
export async function readRunSpans(stateDir: string, run: { runId: string; traceId?: string }): Promise<TraceFileContents> {
  const dir = tracesDir(stateDir);
  let files: string[];
  try {
    files = (await readdir(dir)).filter((name) => name.endsWith('.jsonl'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { spans: [], badLines: 0 };
    throw error;
  }
  if (run.traceId && files.includes(`${run.traceId}.jsonl`)) return readTraceFile(traceFilePath(stateDir, run.traceId));
  const result: TraceFileContents = { spans: [], badLines: 0 };
  for (const name of files) {
    const contents = await readTraceFile(join(dir, name));
    if (!contents.spans.some((span) => span.attributes[SPAN_ATTRIBUTES.runId] === run.runId)) continue;
    result.spans.push(...contents.spans);
    result.badLines += contents.badLines;
  }
  return result;
}
