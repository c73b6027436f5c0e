import { SPAN_ATTRIBUTES, StoredSpan, unixNanoToMillis } from '@framefarm/tracing/spans';
import { ReportSpan } from './run-data';

/** The spans of each job (by the job id every span carries), with their depth in the job's tree. */
export function spansByJob(spans: StoredSpan[]): Map<string, ReportSpan[]> {
  const grouped = new Map<string, StoredSpan[]>();
  for (const span of spans) {
    const jobId = span.attributes[SPAN_ATTRIBUTES.jobId];
    if (typeof jobId !== 'string') continue;
    grouped.set(jobId, [...(grouped.get(jobId) ?? []), span]);
  }
  const result = new Map<string, ReportSpan[]>();
  for (const [jobId, jobSpans] of grouped) {
    const byId = new Map(jobSpans.map((span) => [span.spanId, span]));
    const depthOf = (span: StoredSpan): number => {
      let depth = 0;
      const visited = new Set<string>();
      for (let parent = span.parentSpanId; parent && byId.has(parent) && !visited.has(parent); parent = byId.get(parent)?.parentSpanId) {
        visited.add(parent);
        depth += 1;
      }
      return depth;
    };
    const converted = jobSpans.map((span): ReportSpan => {
      const attempt = span.attributes[SPAN_ATTRIBUTES.attempt];
      return {
        spanId: span.spanId,
        ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
        name: span.name,
        start: unixNanoToMillis(span.startTimeUnixNano),
        end: unixNanoToMillis(span.endTimeUnixNano),
        depth: depthOf(span),
        ...(typeof attempt === 'number' ? { attempt } : {}),
        ...(span.status.code === 2 ? { error: span.status.message ?? 'error' } : {}),
      };
    });
    result.set(jobId, converted.sort((a, b) => a.depth - b.depth || a.start - b.start));
  }
  return result;
}
