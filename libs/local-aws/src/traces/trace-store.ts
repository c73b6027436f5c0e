import { appendFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonLines } from '../json-lines';
import type { StoredSpan } from './otlp-types';

const TRACE_ID = /^[0-9a-f]{32}$/;

export class InvalidTraceIdError extends Error {
  override readonly name = 'InvalidTraceIdError';
}

function traceFile(tracesDir: string, traceId: string): string {
  const id = traceId.toLowerCase();
  if (!TRACE_ID.test(id)) throw new InvalidTraceIdError(`"${traceId}" is not a trace id (32 hex digits)`);
  return join(tracesDir, `${id}.jsonl`);
}

/** Appends spans, one JSON line each, to `<tracesDir>/<traceId>.jsonl`. */
export function appendSpans(tracesDir: string, spans: StoredSpan[]): void {
  mkdirSync(tracesDir, { recursive: true });
  const byTrace = new Map<string, string[]>();
  for (const span of spans) {
    const lines = byTrace.get(span.traceId) ?? [];
    lines.push(JSON.stringify(span));
    byTrace.set(span.traceId, lines);
  }
  for (const [traceId, lines] of byTrace) appendFileSync(traceFile(tracesDir, traceId), `${lines.join('\n')}\n`);
}

/** Every span stored for a trace, in arrival order; [] when the trace is unknown. A torn last line is skipped. */
export function readTraceSpans(tracesDir: string, traceId: string): StoredSpan[] {
  return readJsonLines<StoredSpan>(traceFile(tracesDir, traceId));
}

/** Ids of all stored traces, sorted. */
export function listTraceIds(tracesDir: string): string[] {
  if (!existsSync(tracesDir)) return [];
  return readdirSync(tracesDir)
    .filter((f) => f.endsWith('.jsonl') && TRACE_ID.test(f.slice(0, -'.jsonl'.length)))
    .map((f) => f.slice(0, -'.jsonl'.length))
    .sort();
}
