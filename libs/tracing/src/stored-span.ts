import { HrTime, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** OTLP attribute values flattened to JSON: scalars, arrays, and key-value lists as objects. */
export type StoredAttributeValue = string | number | boolean | null | StoredAttributeValue[] | { [key: string]: StoredAttributeValue };
export type StoredAttributes = Record<string, StoredAttributeValue>;

/**
 * One span as the local stack stores it: a line of `<stateDir>/traces/<traceId>.jsonl`.
 * `kind` and `status.code` use the OTLP enum numbers (kind: 1 internal, 2 server, 3 client,
 * 4 producer, 5 consumer; status: 0 unset, 1 ok, 2 error), so a receiver can copy them from an
 * OTLP request unchanged. Times are nanoseconds since the epoch as decimal strings, as in OTLP/JSON.
 */
export interface StoredSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: StoredAttributes;
  status: { code: number; message?: string };
  events?: StoredSpanEvent[];
  links?: { traceId: string; spanId: string; attributes: StoredAttributes }[];
  resource: StoredAttributes;
  scope?: { name: string; version?: string };
}

export interface StoredSpanEvent {
  name: string;
  timeUnixNano: string;
  attributes?: StoredAttributes;
}

export const OTLP_SPAN_KIND = { INTERNAL: 1, SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 } as const;
export const OTLP_STATUS_CODE = { UNSET: 0, OK: 1, ERROR: 2 } as const;

const KIND_TO_OTLP: Record<SpanKind, number> = {
  [SpanKind.INTERNAL]: OTLP_SPAN_KIND.INTERNAL,
  [SpanKind.SERVER]: OTLP_SPAN_KIND.SERVER,
  [SpanKind.CLIENT]: OTLP_SPAN_KIND.CLIENT,
  [SpanKind.PRODUCER]: OTLP_SPAN_KIND.PRODUCER,
  [SpanKind.CONSUMER]: OTLP_SPAN_KIND.CONSUMER,
};

export function hrTimeToUnixNano(time: HrTime): string {
  return (BigInt(time[0]) * 1_000_000_000n + BigInt(time[1])).toString();
}

/** Milliseconds since the epoch of a stored nanosecond timestamp (sub-millisecond part kept as a fraction). */
export function unixNanoToMillis(nanos: string): number {
  const value = BigInt(nanos);
  return Number(value / 1_000_000n) + Number(value % 1_000_000n) / 1e6;
}

function copyAttributes(attributes: Record<string, unknown>): StoredAttributes {
  const out: StoredAttributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.map((v) => (v === undefined ? null : (v as string | number | boolean | null)));
  }
  return out;
}

/** The one conversion from an SDK span to the stored format. */
export function toStoredSpan(span: ReadableSpan): StoredSpan {
  const ids = span.spanContext();
  const stored: StoredSpan = {
    traceId: ids.traceId,
    spanId: ids.spanId,
    name: span.name,
    kind: KIND_TO_OTLP[span.kind] ?? OTLP_SPAN_KIND.INTERNAL,
    startTimeUnixNano: hrTimeToUnixNano(span.startTime),
    endTimeUnixNano: hrTimeToUnixNano(span.endTime),
    attributes: copyAttributes(span.attributes),
    status: span.status.message
      ? { code: statusToOtlp(span.status.code), message: span.status.message }
      : { code: statusToOtlp(span.status.code) },
    resource: copyAttributes(span.resource.attributes),
  };
  if (span.parentSpanContext?.spanId) stored.parentSpanId = span.parentSpanContext.spanId;
  if (span.events.length > 0) {
    stored.events = span.events.map((event) => ({
      name: event.name,
      timeUnixNano: hrTimeToUnixNano(event.time),
      ...(event.attributes ? { attributes: copyAttributes(event.attributes) } : {}),
    }));
  }
  return stored;
}

function statusToOtlp(code: SpanStatusCode): number {
  if (code === SpanStatusCode.ERROR) return OTLP_STATUS_CODE.ERROR;
  if (code === SpanStatusCode.OK) return OTLP_STATUS_CODE.OK;
  return OTLP_STATUS_CODE.UNSET;
}
