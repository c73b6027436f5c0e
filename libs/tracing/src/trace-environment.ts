import { Context, ROOT_CONTEXT, context, defaultTextMapGetter, defaultTextMapSetter, trace } from '@opentelemetry/api';
import { AWSXRAY_TRACE_ID_HEADER, AWSXRayPropagator } from '@opentelemetry/propagator-aws-xray';

/**
 * The environment variable that carries the trace context from plan to the jobs it submits, in
 * X-Ray header form (`Root=1-…;Parent=…;Sampled=1`). Lambda uses the same name for the same purpose.
 */
export const TRACE_ENV = '_X_AMZN_TRACE_ID';

const propagator = new AWSXRayPropagator();

/**
 * The trace context of `ctx` (the active one by default) as environment variables, for the
 * container overrides of a job this job submits. Empty when there is no valid span in `ctx`.
 */
export function injectTraceEnvironment(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagator.inject(ctx, carrier, defaultTextMapSetter);
  const header = carrier[AWSXRAY_TRACE_ID_HEADER];
  return header ? { [TRACE_ENV]: header } : {};
}

/** The context that continues the trace named in `env`; `ROOT_CONTEXT` when there is none or it is malformed. */
export function extractTraceContext(env: Record<string, string | undefined>): Context {
  const header = env[TRACE_ENV];
  if (!header) return ROOT_CONTEXT;
  return propagator.extract(ROOT_CONTEXT, { [AWSXRAY_TRACE_ID_HEADER]: header }, defaultTextMapGetter);
}

/** The OpenTelemetry trace id (32 hex digits) named in `env`, if any. */
export function traceIdFromEnvironment(env: Record<string, string | undefined>): string | undefined {
  return trace.getSpanContext(extractTraceContext(env))?.traceId;
}
