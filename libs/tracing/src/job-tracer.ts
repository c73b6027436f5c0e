import { Attributes, Context, Span, SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { AWSXRayIdGenerator } from '@opentelemetry/id-generator-aws-xray';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { JobIdentity, jobSpanAttributes } from './attributes';
import { AwsClientWithMiddleware, instrumentAwsClient } from './aws-client-middleware';
import { ensureContextManager } from './context-manager';
import { TraceExportTarget, resolveTraceExportTarget } from './export-endpoint';
import { JobAttributesSpanProcessor } from './job-attributes-processor';
import { LogLine, jobLogLine, stderrLog } from './job-log';
import { OtlpHttpSpanExporter } from './otlp-http-span-exporter';
import { createSigV4Signer } from './sigv4-signer';
import { flushOnTerminate } from './terminate-flush';
import { extractTraceContext, injectTraceEnvironment } from './trace-environment';
import { WarnOnceExporter } from './warn-once-exporter';

export interface StartJobTracingOptions {
  /** `service.name` of the job's spans, e.g. `framefarm-render`. */
  serviceName: string;
  runId: string;
  job: JobIdentity;
  /** Name of the job's own span; the service name by default. */
  spanName?: string;
  /** Where the trace context (`_X_AMZN_TRACE_ID`) and the export settings come from; `process.env` by default. */
  env?: Record<string, string | undefined>;
  /** Send spans here instead of the OTLP endpoint from `env` (tests, local files). */
  exporter?: SpanExporter;
  /** Where the tracer's one-line notices go; stderr by default. */
  log?: LogLine;
  /** Upper bound for the final flush in `shutdown()`; 5 s by default. */
  flushTimeoutMillis?: number;
  /** End the job's span and flush on SIGTERM (Batch timeouts, TerminateJob); true by default. */
  flushOnTerminate?: boolean;
  /** Credentials for signing requests to X-Ray; the SDK's default chain by default. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

/** A job's tracing: its own span (root of the run's trace in plan, a child of plan's span elsewhere) and helpers. */
export interface JobTracer {
  /** The trace of the whole run (32 hex digits; an X-Ray trace id without the dashes). */
  readonly traceId: string;
  /** False in the job that started the trace (plan), true in jobs that continue it. */
  readonly continued: boolean;
  /** Where spans go, or undefined when export is off. */
  readonly exportTarget: TraceExportTarget | undefined;
  /** Runs `fn` in a child span of the active span (the job's span at top level); errors mark the span failed and are rethrown. */
  withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T> | T): Promise<T>;
  /** The environment that makes a job submitted now continue this trace: add it to the container overrides. */
  traceEnvironment(): Record<string, string>;
  /** Adds a span per AWS SDK command to `client`. */
  instrumentAwsClient<C extends AwsClientWithMiddleware>(client: C): C;
  /** Marks the job's span failed. */
  fail(error: unknown): void;
  /** Ends the job's span and flushes, waiting at most `flushTimeoutMillis`. Never throws. */
  shutdown(): Promise<void>;
}

/** Starts tracing for a Batch job; the job's span starts now. */
export async function startJobTracing(options: StartJobTracingOptions): Promise<JobTracer> {
  ensureContextManager();
  const env = options.env ?? process.env;
  const log = options.log ?? stderrLog;
  let exportTarget: TraceExportTarget | undefined;
  let misconfigured: string | undefined;
  try {
    exportTarget = options.exporter ? undefined : resolveTraceExportTarget(env);
  } catch (error) {
    misconfigured = (error as Error).message;
  }
  const exporter = options.exporter ?? (exportTarget ? createOtlpExporter(exportTarget, options.credentials) : undefined);
  const destination = exportTarget?.url ?? (options.exporter ? options.exporter.constructor.name : undefined);
  if (misconfigured) log(jobLogLine('warn', 'tracing: the trace endpoint is misconfigured, spans are not exported', options.runId, options.job, { error: misconfigured }));
  else if (!exporter) log(jobLogLine('info', 'tracing: no trace endpoint configured, spans are not exported', options.runId, options.job));
  const warnOnce = exporter
    ? new WarnOnceExporter(exporter, (error) =>
        log(
          jobLogLine('warn', 'tracing: cannot export spans; the job goes on without them', options.runId, options.job, {
            endpoint: destination,
            error: error?.message ?? 'unknown error',
          }),
        ),
      )
    : undefined;

  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName, 'service.namespace': 'framefarm' }),
    idGenerator: new AWSXRayIdGenerator(),
    spanProcessors: [
      new JobAttributesSpanProcessor(jobSpanAttributes(options.runId, options.job)),
      ...(warnOnce ? [new BatchSpanProcessor(warnOnce)] : []),
    ],
  });
  // The first tracer of a process becomes the global one, so libraries using the OpenTelemetry API find it.
  trace.setGlobalTracerProvider(provider);

  const parentContext = extractTraceContext(env);
  const continued = trace.getSpanContext(parentContext) !== undefined;
  const tracer = provider.getTracer('@framefarm/tracing');
  // SERVER: X-Ray turns server spans into segments, so each job is its own node in the trace map.
  const jobSpan = tracer.startSpan(options.spanName ?? options.serviceName, { kind: SpanKind.SERVER }, parentContext);
  const jobContext = trace.setSpan(parentContext, jobSpan);
  const activeOrJob = (): Context => (trace.getSpan(context.active()) ? context.active() : jobContext);
  const flushTimeoutMillis = options.flushTimeoutMillis ?? 5_000;
  let stopping: Promise<void> | undefined;
  // Steps still running when a signal stops the job: ended, marked, so the trace shows where it stopped.
  const openSpans = new Set<Span>();
  let releaseSignal = (): void => undefined;
  const shutdown = (): Promise<void> => {
    stopping ??= (async () => {
      releaseSignal();
      jobSpan.end();
      const finished = await settleWithin(provider.shutdown(), flushTimeoutMillis);
      if (!finished) warnOnce?.warn(new Error(`spans not exported within ${flushTimeoutMillis} ms`));
    })();
    return stopping;
  };
  if (options.flushOnTerminate ?? true) {
    releaseSignal = flushOnTerminate((signal) => {
      const status = { code: SpanStatusCode.ERROR, message: `stopped by ${signal} (a Batch timeout or TerminateJob)` };
      for (const span of openSpans) span.setStatus(status).end();
      openSpans.clear();
      jobSpan.setStatus(status);
      return shutdown();
    });
  }

  return {
    traceId: jobSpan.spanContext().traceId,
    continued,
    exportTarget,
    withSpan: (name, attributes, fn) =>
      tracer.startActiveSpan(name, { attributes }, activeOrJob(), async (span) => {
        openSpans.add(span);
        try {
          return await fn(span);
        } catch (error) {
          markFailed(span, error);
          throw error;
        } finally {
          openSpans.delete(span);
          span.end();
        }
      }),
    traceEnvironment: () => injectTraceEnvironment(activeOrJob()),
    instrumentAwsClient: (client) => instrumentAwsClient(client, { tracerProvider: provider, parentContext: activeOrJob }),
    fail: (error) => markFailed(jobSpan, error),
    shutdown,
  };
}

/** Starts tracing, runs `fn` in the job's span, marks the span failed if `fn` throws, and flushes. Returns what `fn` returns. */
export async function traceJob<T>(options: StartJobTracingOptions, fn: (tracer: JobTracer) => Promise<T> | T): Promise<T> {
  const tracer = await startJobTracing(options);
  try {
    return await fn(tracer);
  } catch (error) {
    tracer.fail(error);
    throw error;
  } finally {
    await tracer.shutdown();
  }
}

function createOtlpExporter(target: TraceExportTarget, credentials: StartJobTracingOptions['credentials']): SpanExporter {
  const signer = target.sigv4 ? createSigV4Signer({ ...target.sigv4, credentials }) : undefined;
  return new OtlpHttpSpanExporter(target, { signer, timeoutMillis: 10_000 });
}

function markFailed(span: Span, error: unknown): void {
  const failure = error instanceof Error ? error : new Error(String(error));
  span.recordException(failure);
  span.setStatus({ code: SpanStatusCode.ERROR, message: `${failure.name}: ${failure.message}` });
}

/** True when `work` settled in time; a rejection counts as settled (export failures are reported by the exporter). */
async function settleWithin(work: Promise<unknown>, millis: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), millis);
    timer.unref();
  });
  try {
    return await Promise.race([work.then(() => true, () => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
