import { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** Stamps the job's identity on every span the job starts, its own and the AWS SDK's alike. */
export class JobAttributesSpanProcessor implements SpanProcessor {
  constructor(private readonly attributes: Record<string, string | number>) {}

  onStart(span: Span, _parentContext: Context): void {
    span.setAttributes(this.attributes);
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
