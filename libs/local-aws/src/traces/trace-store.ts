import { existsSync, readdirSync } from 'node:fs';
import { TRACE_ID_PATTERN, traceFileIn } from '@framefarm/tracing/spans';
import { readJsonLines } from '../json-lines';
import type { StoredSpan } from './otlp-types';

// The store's layout and its writer are @framefarm/tracing's (trace-files.ts); these read it.

/** Every span stored for a trace, in arrival order; [] when the trace is unknown. A torn last line is skipped. */
export function readTraceSpans(tracesDir: string, traceId: string): StoredSpan[] {
  return readJsonLines<StoredSpan>(traceFileIn(tracesDir, traceId.toLowerCase()));
}

/** Ids of all stored traces, sorted. */
export function listTraceIds(tracesDir: string): string[] {
  if (!existsSync(tracesDir)) return [];
  return readdirSync(tracesDir)
    .filter((f) => f.endsWith('.jsonl') && TRACE_ID_PATTERN.test(f.slice(0, -'.jsonl'.length)))
    .map((f) => f.slice(0, -'.jsonl'.length))
    .sort();
}
