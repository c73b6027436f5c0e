import type * as XRay from '@aws-sdk/client-xray';
import { spansFromSegmentDocuments, toXRayTraceId, StoredSpan } from '@framefarm/tracing/spans';
import { RunSpans, SpanSource } from './span-source';

/** BatchGetTraces pages; a trace is a few hundred segments, so this bound is never reached by a real run. */
const MAX_PAGES = 100;

/**
 * A run's spans from X-Ray: BatchGetTraces of the run's trace (its id comes from the jobs'
 * environment), every page, each segment document converted to the report's span model. The jobs
 * send spans to X-Ray's OTLP endpoint, which needs CloudWatch Transaction Search; X-Ray returns
 * only the spans it indexed as trace summaries (docs/deploy.md: the one-time X-Ray setting).
 */
export function xraySpanSource(xray: Pick<XRay.XRayClient, 'send'>): SpanSource {
  // Required when X-Ray is asked, so that the programs bundling this library (the CLI) do not load the client on every start.
  const { BatchGetTracesCommand } = require('@aws-sdk/client-xray') as typeof XRay;
  return {
    description: 'X-Ray',
    async runSpans(query): Promise<RunSpans> {
      if (!query.traceId) return { spans: [], warnings: [`run ${query.runId}: none of its jobs names a trace, so X-Ray cannot be asked for one`] };
      const xrayTraceId = toXRayTraceId(query.traceId);
      const spans: StoredSpan[] = [];
      const warnings: string[] = [];
      let badDocuments = 0;
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const page = await xray.send(new BatchGetTracesCommand({ TraceIds: [xrayTraceId], NextToken: nextToken }));
        for (const trace of page.Traces ?? []) {
          if (trace.LimitExceeded) warnings.push(`X-Ray trace ${trace.Id} is larger than X-Ray's trace document limit: some spans are missing`);
          const converted = spansFromSegmentDocuments((trace.Segments ?? []).map((segment) => segment.Document ?? ''));
          spans.push(...converted.spans);
          badDocuments += converted.badDocuments;
        }
        if (page.UnprocessedTraceIds?.includes(xrayTraceId)) warnings.push(`X-Ray did not process trace ${xrayTraceId}; try the report again`);
        nextToken = page.NextToken;
        pages += 1;
      } while (nextToken && pages < MAX_PAGES);
      if (badDocuments > 0) warnings.push(`${badDocuments} X-Ray segment documents were not segments and were skipped`);
      if (spans.length === 0) {
        warnings.push(`X-Ray has no spans of trace ${xrayTraceId} (yet): X-Ray indexes spans a few minutes after they end, and only as many as the Transaction Search indexing rule lets through`);
      }
      return { spans: dedupe(spans), warnings };
    },
  };
}

/** Pages may repeat a segment; one span per id. */
function dedupe(spans: StoredSpan[]): StoredSpan[] {
  return [...new Map(spans.map((span) => [span.spanId, span])).values()];
}
