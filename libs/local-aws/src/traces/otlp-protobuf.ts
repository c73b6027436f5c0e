import { Message } from './protobuf-reader';
import type { OtlpAnyValue, OtlpKeyValue, OtlpSpan, OtlpTraceRequest } from './otlp-types';

// Field numbers from opentelemetry/proto/{trace,common,resource}/v1/*.proto.

const hex = (b: Buffer | undefined): string | undefined => (b && b.length > 0 ? b.toString('hex') : undefined);
const nanos = (v: bigint | undefined): string | undefined => (v === undefined ? undefined : v.toString());

function anyValue(m: Message): OtlpAnyValue {
  if (m.has(1)) return { stringValue: m.string(1) ?? '' };
  if (m.has(2)) return { boolValue: m.uint(2) !== 0n };
  if (m.has(3)) return { intValue: (m.int64(3) ?? 0n).toString() };
  if (m.has(4)) return { doubleValue: m.double(4) ?? 0 };
  if (m.has(5)) return { arrayValue: { values: (m.message(5)?.messages(1) ?? []).map(anyValue) } };
  if (m.has(6)) return { kvlistValue: { values: (m.message(6)?.messages(1) ?? []).map(keyValue) } };
  if (m.has(7)) return { bytesValue: (m.bytes(7) ?? Buffer.alloc(0)).toString('base64') };
  return {};
}

function keyValue(m: Message): OtlpKeyValue {
  const value = m.message(2);
  return { key: m.string(1) ?? '', ...(value ? { value: anyValue(value) } : {}) };
}

function span(m: Message): OtlpSpan {
  const status = m.message(15);
  return {
    traceId: hex(m.bytes(1)),
    spanId: hex(m.bytes(2)),
    traceState: m.string(3),
    parentSpanId: hex(m.bytes(4)),
    name: m.string(5) ?? '',
    kind: Number(m.uint(6) ?? 0n),
    startTimeUnixNano: nanos(m.fixed64(7)),
    endTimeUnixNano: nanos(m.fixed64(8)),
    attributes: m.messages(9).map(keyValue),
    events: m.messages(11).map((e) => ({ timeUnixNano: nanos(e.fixed64(1)), name: e.string(2) ?? '', attributes: e.messages(3).map(keyValue) })),
    links: m.messages(13).map((l) => ({ traceId: hex(l.bytes(1)), spanId: hex(l.bytes(2)), attributes: l.messages(4).map(keyValue) })),
    status: status ? { message: status.string(2), code: Number(status.uint(3) ?? 0n) } : undefined,
  };
}

/** Decodes an OTLP `ExportTraceServiceRequest` protobuf into the OTLP/JSON shape. */
export function decodeTraceRequest(bytes: Buffer): OtlpTraceRequest {
  const request = new Message(bytes);
  return {
    resourceSpans: request.messages(1).map((rs) => ({
      resource: { attributes: rs.message(1)?.messages(1).map(keyValue) ?? [] },
      scopeSpans: rs.messages(2).map((ss) => {
        const scope = ss.message(1);
        return {
          scope: scope ? { name: scope.string(1) ?? '', version: scope.string(2) } : undefined,
          spans: ss.messages(2).map(span),
        };
      }),
    })),
  };
}
