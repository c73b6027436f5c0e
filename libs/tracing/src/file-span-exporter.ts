import { ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { toStoredSpan } from './stored-span';
import { appendStoredSpans } from './trace-files';

/**
 * Writes spans straight into `<stateDir>/traces/<traceId>.jsonl`, the same files the local stack's
 * OTLP receiver writes. For tests and for tools that run without the local stack.
 */
export class JsonlFileSpanExporter implements SpanExporter {
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly stateDir: string) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    const stored = spans.map(toStoredSpan);
    this.pending = this.pending
      .then(() => appendStoredSpans(this.stateDir, stored))
      .then(
        () => resultCallback({ code: ExportResultCode.SUCCESS }),
        (error: Error) => resultCallback({ code: ExportResultCode.FAILED, error }),
      );
  }

  async forceFlush(): Promise<void> {
    await this.pending;
  }

  async shutdown(): Promise<void> {
    await this.pending;
  }
}
