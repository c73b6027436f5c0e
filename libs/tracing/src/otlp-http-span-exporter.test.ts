import { ExportResult, ExportResultCode } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import { OtlpHttpSpanExporter } from './otlp-http-span-exporter';
import { createSigV4Signer } from './sigv4-signer';
import { HttpSink, startHttpSink } from '../test/http-sink';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

function finishedSpans(names: string[]): ReadableSpan[] {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(memory)] });
  const tracer = provider.getTracer('test');
  for (const name of names) tracer.startSpan(name).end();
  return memory.getFinishedSpans();
}

function exportWith(exporter: OtlpHttpSpanExporter, spans: ReadableSpan[]): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export(spans, resolve));
}

describe('OtlpHttpSpanExporter', () => {
  let sink: HttpSink;
  afterEach(() => sink.close());

  it('posts OTLP/JSON to the endpoint', async () => {
    sink = await startHttpSink();
    const spans = finishedSpans(['a', 'b']);
    const result = await exportWith(new OtlpHttpSpanExporter({ url: `${sink.url}/v1/traces`, protocol: 'http/json' }), spans);
    expect(result.code).toBe(ExportResultCode.SUCCESS);
    const [request] = sink.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/traces' });
    expect(request.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request.body.toString('utf8'));
    const sent = body.resourceSpans[0].scopeSpans[0].spans;
    expect(sent.map((span: { name: string }) => span.name)).toEqual(['a', 'b']);
    expect(sent[0].traceId).toBe(spans[0].spanContext().traceId);
  });

  it('posts OTLP/protobuf by default', async () => {
    sink = await startHttpSink();
    const result = await exportWith(new OtlpHttpSpanExporter({ url: `${sink.url}/v1/traces`, protocol: 'http/protobuf' }), finishedSpans(['render.frames']));
    expect(result.code).toBe(ExportResultCode.SUCCESS);
    expect(sink.requests[0].headers['content-type']).toBe('application/x-protobuf');
    expect(sink.requests[0].body.includes(Buffer.from('render.frames'))).toBe(true);
  });

  it('fails the export on an HTTP error, with the status in the error', async () => {
    sink = await startHttpSink(() => ({ status: 403, body: '{"message":"not authorized"}' }));
    const result = await exportWith(new OtlpHttpSpanExporter({ url: `${sink.url}/v1/traces`, protocol: 'http/json' }), finishedSpans(['a']));
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(result.error?.message).toContain('HTTP 403');
  });

  it('signs requests for X-Ray with SigV4 over the body', async () => {
    sink = await startHttpSink();
    const signer = createSigV4Signer({ region: 'us-west-2', service: 'xray', credentials });
    const exporter = new OtlpHttpSpanExporter({ url: `${sink.url}/v1/traces`, protocol: 'http/protobuf', sigv4: { region: 'us-west-2', service: 'xray' } }, { signer });
    expect((await exportWith(exporter, finishedSpans(['plan']))).code).toBe(ExportResultCode.SUCCESS);

    const [request] = sink.requests;
    const authorization = String(request.headers.authorization);
    expect(authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-west-2\/xray\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/);
    // Recompute the signature from what arrived, as the service does: it must match, and must not for another body.
    const amzDate = String(request.headers['x-amz-date']);
    const signingDate = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
    const verifier = new SignatureV4({ region: 'us-west-2', service: 'xray', credentials, sha256: Hash.bind(null, 'sha256') });
    const url = new URL(sink.url);
    const resign = async (body: Uint8Array) =>
      (
        await verifier.sign(
          {
            method: 'POST',
            protocol: 'http:',
            hostname: url.hostname,
            port: Number(url.port),
            path: '/v1/traces',
            query: {},
            headers: { 'content-type': 'application/x-protobuf', host: url.host },
            body,
          },
          { signingDate },
        )
      ).headers.authorization;
    expect(await resign(request.body)).toBe(authorization);
    expect(await resign(Buffer.concat([request.body, Buffer.from([0])]))).not.toBe(authorization);
  });

  it('tries again when throttled, honouring Retry-After, and gives up after three attempts', async () => {
    let answers = [{ status: 429, headers: { 'retry-after': '0' } }, { status: 503 }, { status: 200, body: '{}' }];
    sink = await startHttpSink(() => answers.shift() ?? { status: 503 });
    const exporter = new OtlpHttpSpanExporter({ url: `${sink.url}/v1/traces`, protocol: 'http/json' });
    expect((await exportWith(exporter, finishedSpans(['a']))).code).toBe(ExportResultCode.SUCCESS);
    expect(sink.requests).toHaveLength(3);

    answers = [];
    const failed = await exportWith(exporter, finishedSpans(['b']));
    expect(failed.code).toBe(ExportResultCode.FAILED);
    expect(failed.error?.message).toContain('after 3 attempts');
    expect(sink.requests).toHaveLength(6);
  });
});
