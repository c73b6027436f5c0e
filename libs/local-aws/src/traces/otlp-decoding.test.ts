import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { flattenSpans } from './flatten-spans';
import { decodeTraceRequest } from './otlp-protobuf';
import type { OtlpTraceRequest } from './otlp-types';
import { ProtobufDecodeError } from './protobuf-reader';

/** Real spans, serialized by the SDK's own OTLP serializers (the exporters' wire formats). */
async function recordSpans() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'encode', 'host.cpus': 8 }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('framefarm', '0.1.0');
  const root = tracer.startSpan('encode run', {
    kind: SpanKind.CONSUMER,
    attributes: { text: 'ünïcode ✓', negative: -42, big: 2 ** 40, pi: 3.25, flag: false, names: ['a', 'b'], counts: [1, 2, 3] },
  });
  const child = tracer.startSpan('concat', { kind: SpanKind.PRODUCER, links: [{ context: root.spanContext(), attributes: { why: 'follows' } }] }, trace.setSpan(context.active(), root));
  child.addEvent('segment', { index: 7 });
  child.setStatus({ code: SpanStatusCode.OK });
  child.end();
  root.setStatus({ code: SpanStatusCode.ERROR, message: 'frame 3 missing' });
  root.end();
  await provider.forceFlush();
  const spans = exporter.getFinishedSpans();
  await provider.shutdown();
  return spans;
}

describe('OTLP decoding', () => {
  it('reads the protobuf encoding exactly as the JSON encoding of the same spans', async () => {
    const spans = await recordSpans();
    const fromProtobuf = flattenSpans(decodeTraceRequest(Buffer.from(ProtobufTraceSerializer.serializeRequest(spans) ?? new Uint8Array())));
    const fromJson = flattenSpans(JSON.parse(Buffer.from(JsonTraceSerializer.serializeRequest(spans) ?? new Uint8Array()).toString('utf8')) as OtlpTraceRequest);
    expect(fromProtobuf).toEqual(fromJson);

    const [child, root] = fromProtobuf;
    expect(root).toMatchObject({
      name: 'encode run',
      kind: 5,
      attributes: { text: 'ünïcode ✓', negative: -42, big: 2 ** 40, pi: 3.25, flag: false, names: ['a', 'b'], counts: [1, 2, 3] },
      status: { code: 2, message: 'frame 3 missing' },
      resource: { 'service.name': 'encode', 'host.cpus': 8 },
      scope: { name: 'framefarm', version: '0.1.0' },
    });
    expect(child).toMatchObject({
      kind: 4,
      parentSpanId: root.spanId,
      status: { code: 1 },
      events: [{ name: 'segment', attributes: { index: 7 } }],
      links: [{ traceId: root.traceId, spanId: root.spanId, attributes: { why: 'follows' } }],
    });
    const start = spans[1].startTime;
    expect(root.startTimeUnixNano).toBe((BigInt(start[0]) * 1_000_000_000n + BigInt(start[1])).toString());
  });

  it('rejects truncated protobuf', () => {
    expect(() => decodeTraceRequest(Buffer.from([0x0a, 0x05, 0x0a]))).toThrow(ProtobufDecodeError);
  });
});
