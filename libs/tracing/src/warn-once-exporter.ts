import { ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/**
 * Passes spans on and reports the first failed export, and only the first: a job whose trace
 * endpoint is down logs that once, not once per batch of spans.
 */
export class WarnOnceExporter implements SpanExporter {
  private warned = false;

  constructor(
    private readonly inner: SpanExporter,
    private readonly onFirstFailure: (error: Error | undefined) => void,
  ) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    try {
      this.inner.export(spans, (result) => {
        if (result.code !== ExportResultCode.SUCCESS) this.warn(result.error);
        resultCallback(result);
      });
    } catch (error) {
      this.warn(error as Error);
      resultCallback({ code: ExportResultCode.FAILED, error: error as Error });
    }
  }

  /** Call when spans could not be handed over at all (a flush that timed out). */
  warn(error: Error | undefined): void {
    if (this.warned) return;
    this.warned = true;
    this.onFirstFailure(error);
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}
