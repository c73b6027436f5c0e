import { ExportResult, ExportResultCode } from '@opentelemetry/core';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { TraceExportTarget } from './export-endpoint';
import { RequestSigner } from './sigv4-signer';

export class TraceExportError extends Error {
  override readonly name = 'TraceExportError';
}

/**
 * OTLP over HTTP, protobuf or JSON. Our own rather than `@opentelemetry/exporter-trace-otlp-*`
 * because X-Ray's endpoint needs SigV4, and SigV4 signs the body: the stock exporters' header
 * hook never sees the body.
 */
export class OtlpHttpSpanExporter implements SpanExporter {
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly target: TraceExportTarget,
    private readonly options: { signer?: RequestSigner; timeoutMillis?: number } = {},
  ) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.stopped) {
      resultCallback({ code: ExportResultCode.FAILED, error: new TraceExportError('the exporter is shut down') });
      return;
    }
    const sending = this.send(spans).then(
      () => resultCallback({ code: ExportResultCode.SUCCESS }),
      (error: unknown) => resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) }),
    );
    this.inFlight.add(sending);
    void sending.finally(() => this.inFlight.delete(sending));
  }

  async forceFlush(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  async shutdown(): Promise<void> {
    this.stopped = true;
    await this.forceFlush();
  }

  private async send(spans: ReadableSpan[]): Promise<void> {
    const json = this.target.protocol === 'http/json';
    const body = (json ? JsonTraceSerializer : ProtobufTraceSerializer).serializeRequest(spans);
    if (!body) throw new TraceExportError('could not serialize the spans');
    const url = new URL(this.target.url);
    let headers: Record<string, string> = { 'content-type': json ? 'application/json' : 'application/x-protobuf' };
    if (this.options.signer) headers = await this.options.signer({ url, method: 'POST', headers, body });
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(this.options.timeoutMillis ?? 10_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new TraceExportError(`cannot reach ${url.origin}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
    }
    // Drain the body so the connection can be reused.
    const text = await response.text().catch(() => '');
    if (!response.ok) throw new TraceExportError(`${url.origin} answered HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
  }
}
