import { ExportResult, ExportResultCode } from '@opentelemetry/core';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
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

interface HttpAnswer {
  status: number;
  retryAfter: string | null;
  text: string;
}

/**
 * One POST with node:http(s), whose body is read whole. Not `fetch`: its first call loads undici,
 * about 40 ms of CPU in every job process that exports a span (the SDK already loaded node:http).
 */
function postBytes(url: URL, headers: Record<string, string>, body: Uint8Array, timeoutMillis: number): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'POST', headers: { ...headers, 'content-length': String(body.byteLength) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const retryAfter = res.headers['retry-after'];
        resolve({ status: res.statusCode ?? 0, retryAfter: typeof retryAfter === 'string' ? retryAfter : null, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.setTimeout(timeoutMillis, () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMillis} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(body);
  });
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
    let response: HttpAnswer;
    try {
      response = await postBytes(url, headers, body, this.options.timeoutMillis ?? 10_000);
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      throw new TraceExportError(`cannot reach ${url.origin}: ${code ?? message}`);
    }
    const { status, text } = response;
    if (status >= 200 && status < 300) return undefined;
    if (RETRYABLE_STATUS.has(status)) return retryDelay(response.retryAfter);
    throw new TraceExportError(`${url.origin} answered HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ''}`);
  }
}
