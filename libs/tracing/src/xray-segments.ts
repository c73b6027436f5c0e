import { SPAN_ATTRIBUTES } from './attributes';
import { OTLP_SPAN_KIND, OTLP_STATUS_CODE, StoredAttributes, StoredAttributeValue, StoredSpan } from './stored-span';

/**
 * The fields of an X-Ray segment document (and of its nested subsegments) that the conversion
 * reads; the X-Ray Developer Guide's "segment documents" page defines the whole format. Times are
 * seconds since the epoch with fractions.
 */
export interface XRaySegmentDocument {
  id: string;
  trace_id?: string;
  parent_id?: string;
  name: string;
  start_time: number;
  end_time?: number;
  in_progress?: boolean;
  /** Set on a segment X-Ray inferred for a downstream service from a client subsegment. */
  inferred?: boolean;
  /** `aws` (an AWS SDK call) or `remote` (another downstream call) on subsegments. */
  namespace?: string;
  error?: boolean;
  fault?: boolean;
  throttle?: boolean;
  cause?: string | { message?: string; exceptions?: Array<{ message?: string; type?: string }> };
  annotations?: Record<string, string | number | boolean>;
  metadata?: Record<string, Record<string, unknown>>;
  subsegments?: XRaySegmentDocument[];
}

export class XRaySegmentError extends Error {
  override readonly name = 'XRaySegmentError';
}

/** `1-5759e988-bd862e3fe1be46a994272793` → `5759e988bd862e3fe1be46a994272793`. */
const XRAY_TRACE_ID = /^1-([0-9a-f]{8})-([0-9a-f]{24})$/;

export function fromXRayTraceId(xrayTraceId: string): string {
  const match = XRAY_TRACE_ID.exec(xrayTraceId);
  if (!match) throw new XRaySegmentError(`not an X-Ray trace id: "${xrayTraceId}"`);
  return match[1] + match[2];
}

/** The inverse: an OpenTelemetry trace id made by the AWS X-Ray id generator, in X-Ray's form. */
export function toXRayTraceId(traceId: string): string {
  if (!/^[0-9a-f]{32}$/.test(traceId)) throw new XRaySegmentError(`not a trace id: "${traceId}"`);
  return `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;
}

/** X-Ray keeps annotation keys to letters, digits and underscores; other characters become `_`. */
export function xrayAnnotationKey(attribute: string): string {
  return attribute.replace(/[^A-Za-z0-9_]/g, '_');
}

function secondsToUnixNano(seconds: number): string {
  // X-Ray keeps microseconds at most.
  return (BigInt(Math.round(seconds * 1e6)) * 1000n).toString();
}

function storedValue(value: unknown): StoredAttributeValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((item) => storedValue(item) ?? null);
  if (typeof value === 'object') {
    const out: Record<string, StoredAttributeValue> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const converted = storedValue(item);
      if (converted !== undefined) out[key] = converted;
    }
    return out;
  }
  return undefined;
}

/**
 * The span's attributes: metadata (the `default` namespace holds the span's attributes as they
 * were sent; other namespaces are prefixed with their name) and annotations. The attributes the
 * report cuts a trace by (run, job, array index, attempt) are found under their own names, or as
 * annotations under X-Ray's spelling of them.
 */
function attributesOf(entity: XRaySegmentDocument, inherited: StoredAttributes): StoredAttributes {
  const attributes: StoredAttributes = {};
  for (const [namespace, values] of Object.entries(entity.metadata ?? {})) {
    for (const [key, value] of Object.entries(values ?? {})) {
      const converted = storedValue(value);
      if (converted !== undefined) attributes[namespace === 'default' ? key : `${namespace}.${key}`] = converted;
    }
  }
  for (const [key, value] of Object.entries(entity.annotations ?? {})) if (!(key in attributes)) attributes[key] = value;
  for (const name of Object.values(SPAN_ATTRIBUTES)) {
    if (name in attributes) continue;
    const annotation = entity.annotations?.[xrayAnnotationKey(name)];
    if (annotation !== undefined) attributes[name] = annotation;
    else if (inherited[name] !== undefined) attributes[name] = inherited[name];
  }
  return attributes;
}

function statusOf(entity: XRaySegmentDocument): StoredSpan['status'] {
  if (!entity.fault && !entity.error && !entity.throttle) return { code: OTLP_STATUS_CODE.UNSET };
  const cause = entity.cause;
  const message = typeof cause === 'string' ? cause : cause?.message ?? cause?.exceptions?.find((e) => e.message)?.message;
  return message ? { code: OTLP_STATUS_CODE.ERROR, message } : { code: OTLP_STATUS_CODE.ERROR };
}

/**
 * The spans of a trace from its segment documents, as BatchGetTraces returns them (`Document`,
 * one JSON string per segment, subsegments nested inside). Segments become SERVER spans (X-Ray
 * makes a segment of each job's server span), subsegments CLIENT spans when they call AWS or
 * another remote service and INTERNAL ones otherwise. A subsegment without its own job attributes
 * takes its segment's. Segments X-Ray inferred for downstream services are left out: the client
 * subsegment that caused them is already a span. An entity still in progress has no end time and
 * ends where it started.
 */
export function spansFromSegmentDocuments(documents: string[]): SegmentSpans {
  const spans: StoredSpan[] = [];
  let badDocuments = 0;
  const visit = (entity: XRaySegmentDocument, traceId: string, parent: { id: string; attributes: StoredAttributes; service: string } | undefined, isSegment: boolean) => {
    const attributes = attributesOf(entity, parent?.attributes ?? {});
    const service = isSegment ? entity.name : parent?.service ?? entity.name;
    const parentSpanId = entity.parent_id ?? parent?.id;
    const start = secondsToUnixNano(entity.start_time);
    spans.push({
      traceId,
      spanId: entity.id,
      ...(parentSpanId ? { parentSpanId } : {}),
      name: entity.name,
      kind: isSegment ? OTLP_SPAN_KIND.SERVER : entity.namespace === 'aws' || entity.namespace === 'remote' ? OTLP_SPAN_KIND.CLIENT : OTLP_SPAN_KIND.INTERNAL,
      startTimeUnixNano: start,
      endTimeUnixNano: entity.end_time !== undefined ? secondsToUnixNano(entity.end_time) : start,
      attributes,
      status: statusOf(entity),
      resource: { 'service.name': service },
    });
    for (const sub of entity.subsegments ?? []) if (isEntity(sub)) visit(sub, traceId, { id: entity.id, attributes, service }, false);
  };
  for (const document of documents) {
    let segment: XRaySegmentDocument;
    try {
      segment = JSON.parse(document) as XRaySegmentDocument;
    } catch {
      badDocuments += 1;
      continue;
    }
    if (!isEntity(segment) || typeof segment.trace_id !== 'string' || !XRAY_TRACE_ID.test(segment.trace_id)) {
      badDocuments += 1;
      continue;
    }
    if (segment.inferred) continue;
    visit(segment, fromXRayTraceId(segment.trace_id), undefined, true);
  }
  return { spans, badDocuments };
}

export interface SegmentSpans {
  spans: StoredSpan[];
  /** Documents that were not segments (not JSON, no id, name, trace id or start time): skipped, counted. */
  badDocuments: number;
}

function isEntity(value: unknown): value is XRaySegmentDocument {
  const entity = value as XRaySegmentDocument | null;
  return typeof entity === 'object' && entity !== null && typeof entity.id === 'string' && typeof entity.name === 'string' && typeof entity.start_time === 'number';
}
