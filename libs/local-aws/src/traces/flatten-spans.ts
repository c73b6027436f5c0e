import type { AttributeValue, OtlpAnyValue, OtlpKeyValue, OtlpTraceRequest, StoredSpan } from './otlp-types';

export class InvalidTraceRequestError extends Error {
  override readonly name = 'InvalidTraceRequestError';
}

const SPAN_KINDS = ['SPAN_KIND_UNSPECIFIED', 'SPAN_KIND_INTERNAL', 'SPAN_KIND_SERVER', 'SPAN_KIND_CLIENT', 'SPAN_KIND_PRODUCER', 'SPAN_KIND_CONSUMER'];
const STATUS_CODES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'];

/** Ids arrive as hex (OTLP/JSON) or, from some senders, as base64 (the generic protobuf JSON mapping). */
function normalizeId(value: string | undefined, bytes: number, what: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  const hexLength = bytes * 2;
  if (new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(value)) return value.toLowerCase();
  const decoded = Buffer.from(value, 'base64');
  if (decoded.length === bytes) return decoded.toString('hex');
  throw new InvalidTraceRequestError(`${what} "${value}" is not ${bytes} bytes of hex`);
}

function enumValue(value: number | string | undefined, names: string[]): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const index = names.indexOf(value);
  return index >= 0 ? index : Number.isInteger(Number(value)) ? Number(value) : 0;
}

function nanosString(value: string | number | undefined): string {
  if (value === undefined) return '0';
  const text = typeof value === 'number' ? BigInt(Math.trunc(value)).toString() : value;
  if (!/^\d+$/.test(text)) throw new InvalidTraceRequestError(`timestamp "${text}" is not a whole number of nanoseconds`);
  return text;
}

function flattenValue(value: OtlpAnyValue | undefined): AttributeValue {
  if (!value) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) {
    const n = Number(value.intValue);
    return Number.isSafeInteger(n) ? n : String(value.intValue);
  }
  if (value.doubleValue !== undefined) return Number(value.doubleValue);
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(flattenValue);
  if (value.kvlistValue !== undefined) return flattenAttributes(value.kvlistValue.values);
  if (value.bytesValue !== undefined) return value.bytesValue;
  return null;
}

export function flattenAttributes(attributes: OtlpKeyValue[] | undefined): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const kv of attributes ?? []) out[kv.key] = flattenValue(kv.value);
  return out;
}

/** One flat record per span, each carrying its resource and scope. */
export function flattenSpans(request: OtlpTraceRequest): StoredSpan[] {
  if (typeof request !== 'object' || request === null || (request.resourceSpans !== undefined && !Array.isArray(request.resourceSpans))) {
    throw new InvalidTraceRequestError('an OTLP trace request is an object with a "resourceSpans" array');
  }
  const spans: StoredSpan[] = [];
  for (const rs of request.resourceSpans ?? []) {
    const resource = flattenAttributes(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? []) {
      const scope = ss.scope?.name ? { name: ss.scope.name, ...(ss.scope.version ? { version: ss.scope.version } : {}) } : undefined;
      for (const span of ss.spans ?? []) {
        const traceId = normalizeId(span.traceId, 16, 'traceId');
        const spanId = normalizeId(span.spanId, 8, 'spanId');
        if (!traceId || !spanId) throw new InvalidTraceRequestError(`span "${span.name ?? ''}" has no traceId or spanId`);
        const parentSpanId = normalizeId(span.parentSpanId, 8, 'parentSpanId');
        const stored: StoredSpan = {
          traceId,
          spanId,
          ...(parentSpanId ? { parentSpanId } : {}),
          name: span.name ?? '',
          kind: enumValue(span.kind, SPAN_KINDS),
          startTimeUnixNano: nanosString(span.startTimeUnixNano),
          endTimeUnixNano: nanosString(span.endTimeUnixNano),
          attributes: flattenAttributes(span.attributes),
          status: {
            code: enumValue(span.status?.code, STATUS_CODES),
            ...(span.status?.message ? { message: span.status.message } : {}),
          },
          resource,
          ...(scope ? { scope } : {}),
        };
        if (span.events && span.events.length > 0) {
          stored.events = span.events.map((e) => ({ name: e.name ?? '', timeUnixNano: nanosString(e.timeUnixNano), attributes: flattenAttributes(e.attributes) }));
        }
        const links = (span.links ?? []).flatMap((l) => {
          const linkTrace = normalizeId(l.traceId, 16, 'link traceId');
          const linkSpan = normalizeId(l.spanId, 8, 'link spanId');
          return linkTrace && linkSpan ? [{ traceId: linkTrace, spanId: linkSpan, attributes: flattenAttributes(l.attributes) }] : [];
        });
        if (links.length > 0) stored.links = links;
        spans.push(stored);
      }
    }
  }
  return spans;
}
