import { ExportResult, ExportResultCode } from '@opentelemetry/core';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { TraceExportTarget } from './export-endpoint';
import { RequestSigner } from './sigv4-signer';

/** The OTLP/HTTP spec's retryable answers: throttled or briefly unavailable. */
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const MAX_ATTEMPTS = 3;

function retryDelay(retryAfter: string | null): number {
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter) ? Number(retryAfter) : 0.5;
  return Math.min(seconds, 5) * 1000;
}

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
    for (let attempt = 1; ; attempt += 1) {
      const retryInMillis = await this.post(body, json);
      if (retryInMillis === undefined) return;
      if (attempt >= MAX_ATTEMPTS) throw new TraceExportError(`${new URL(this.target.url).origin} still throttles or is unavailable after ${MAX_ATTEMPTS} attempts`);
      await new Promise((resolve) => setTimeout(resolve, retryInMillis).unref());
    }
  }

  /** One POST; undefined when done, else how long to wait before trying again (throttled, unavailable). */
  private async post(body: Uint8Array, json: boolean): Promise<number | undefined> {
    const url = new URL(this.target.url);
    let headers: Record<string, string> = { 'content-type': json ? 'application/json' : 'application/x-protobuf' };
    // Signed per attempt: the signature carries the time.
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
    if (response.ok) return undefined;
    if (RETRYABLE_STATUS.has(response.status)) return retryDelay(response.headers.get('retry-after'));
    throw new TraceExportError(`${url.origin} answered HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
  }
}
