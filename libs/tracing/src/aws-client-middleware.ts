import { Context, SpanKind, SpanStatusCode, TracerProvider, context, trace } from '@opentelemetry/api';
import type { HandlerExecutionContext, InitializeHandler, InitializeHandlerArguments, InitializeHandlerOutput, MetadataBearer } from '@smithy/types';

const MIDDLEWARE_NAME = 'framefarmTracing';

/** The part of an AWS SDK v3 client this needs: its middleware stack. */
export interface AwsClientWithMiddleware {
  middlewareStack: {
    add(middleware: (next: InitializeHandler<any, any>, context: HandlerExecutionContext) => InitializeHandler<any, any>, options: { step: 'initialize'; name: string; override: boolean }): void;
  };
}

/**
 * Adds a span per command (`Batch.SubmitJob`, `S3.PutObject`, …) to an AWS SDK v3 client, as a
 * child of the active span. `@opentelemetry/instrumentation-aws-sdk` patches the SDK through
 * `require` hooks, which never fire for the SDK copies inlined into our esbuild bundles; a
 * middleware is part of the client itself, so it works bundled or not. Retries of a command
 * happen inside this span (initialize step), as the AWS instrumentation does it.
 */
export interface InstrumentAwsClientOptions {
  /** The global tracer provider by default. */
  tracerProvider?: TracerProvider;
  /** The parent for commands sent outside any active span (a job's own span); none by default. */
  parentContext?: () => Context;
}

export function instrumentAwsClient<C extends AwsClientWithMiddleware>(client: C, options: InstrumentAwsClientOptions = {}): C {
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer('@framefarm/tracing/aws-sdk');
  const parentOf = (): Context => (trace.getSpan(context.active()) || !options.parentContext ? context.active() : options.parentContext());
  client.middlewareStack.add(
    (next, handlerContext) => async (args: InitializeHandlerArguments<any>): Promise<InitializeHandlerOutput<any>> => {
      const service = (handlerContext.clientName ?? 'AWS').replace(/Client$/, '');
      const operation = (handlerContext.commandName ?? 'Command').replace(/Command$/, '');
      const parent = parentOf();
      const span = tracer.startSpan(
        `${service}.${operation}`,
        { kind: SpanKind.CLIENT, attributes: { 'rpc.system': 'aws-api', 'rpc.service': service, 'rpc.method': operation } },
        parent,
      );
      try {
        const result = await context.with(trace.setSpan(parent, span), () => next(args));
        const metadata = (result.output as MetadataBearer | undefined)?.$metadata;
        if (metadata?.requestId) span.setAttribute('aws.request_id', metadata.requestId);
        if (metadata?.httpStatusCode) span.setAttribute('http.response.status_code', metadata.httpStatusCode);
        if (metadata?.attempts) span.setAttribute('aws.sdk.attempts', metadata.attempts);
        return result;
      } catch (error) {
        const failure = error as Error & { $metadata?: MetadataBearer['$metadata'] };
        // Type and message, not the stack: an SDK error's stack is the SDK's own response handling,
        // and formatting it makes V8 find the line of each frame in the job's 2-3 MB bundle, on
        // every expected miss (a chunk manifest not written yet) as on real failures.
        span.recordException({ name: failure.name, message: failure.message });
        span.setStatus({ code: SpanStatusCode.ERROR, message: `${failure.name}: ${failure.message}` });
        if (failure.$metadata?.httpStatusCode) span.setAttribute('http.response.status_code', failure.$metadata.httpStatusCode);
        if (failure.$metadata?.requestId) span.setAttribute('aws.request_id', failure.$metadata.requestId);
        throw error;
      } finally {
        span.end();
      }
    },
    { step: 'initialize', name: MIDDLEWARE_NAME, override: true },
  );
  return client;
}
