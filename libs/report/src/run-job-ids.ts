import { SPAN_ATTRIBUTES, StoredSpan } from '@framefarm/tracing/spans';

/** A run's job ids, as far as they are known. */
export interface RunJobIds {
  planJobId?: string;
  /** The render array job (parent). */
  renderJobId?: string;
  encodeJobId?: string;
}

/**
 * The run's job ids as its spans name them: each job's span carries its job id, and the service
 * (`framefarm-plan`, `framefarm-render`, `framefarm-encode`) tells which step it is. For runs whose
 * record does not list the job ids.
 */
export function jobIdsFromSpans(spans: StoredSpan[]): RunJobIds {
  const ids: RunJobIds = {};
  for (const span of spans) {
    const jobId = span.attributes[SPAN_ATTRIBUTES.jobId];
    const service = span.resource['service.name'];
    if (typeof jobId !== 'string' || typeof service !== 'string') continue;
    if (service.endsWith('plan')) ids.planJobId ??= jobId;
    else if (service.endsWith('encode')) ids.encodeJobId ??= jobId;
    else if (service.endsWith('render') && jobId.includes(':')) ids.renderJobId ??= jobId.slice(0, jobId.lastIndexOf(':'));
  }
  return ids;
}
