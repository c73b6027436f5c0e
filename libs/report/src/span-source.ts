import { readRunSpans, StoredSpan } from '@framefarm/tracing/spans';

/** Which run's spans to find. */
export interface RunSpanQuery {
  runId: string;
  /** The run's trace (32 hex digits), when its jobs' environment names it. */
  traceId?: string;
}

export interface RunSpans {
  spans: StoredSpan[];
  /** What could not be read, in the user's words (skipped lines, traces the service did not return). */
  warnings: string[];
}

/**
 * Where a run's spans are: the local stack's trace store, or X-Ray on AWS. The report reads spans
 * only through this, so it does not care which.
 */
export interface SpanSource {
  /** Named in warnings, e.g. `X-Ray` or the trace directory. */
  readonly description: string;
  runSpans(query: RunSpanQuery): Promise<RunSpans>;
}

/** The local stack's trace store: `<stateDir>/traces/<traceId>.jsonl`, written by its OTLP receiver. */
export function traceStoreSpanSource(stateDir: string): SpanSource {
  return {
    description: `the local trace store in ${stateDir}`,
    async runSpans(query) {
      const read = await readRunSpans(stateDir, query);
      return { spans: read.spans, warnings: read.badLines > 0 ? [`${read.badLines} unreadable lines in the trace files were skipped`] : [] };
    },
  };
}
