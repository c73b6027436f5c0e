import { ROOT_CONTEXT, TraceFlags, context, trace } from '@opentelemetry/api';
import { TRACE_ENV, extractTraceContext, injectTraceEnvironment, traceIdFromEnvironment } from './trace-environment';

const spanContext = { traceId: '5759e988bd862e3fe1be46a994272793', spanId: '53995c3f42cd8ad8', traceFlags: TraceFlags.SAMPLED };

describe('trace context in the environment', () => {
  it('injects the active span as an X-Ray header in _X_AMZN_TRACE_ID', () => {
    const env = injectTraceEnvironment(trace.setSpanContext(ROOT_CONTEXT, spanContext));
    expect(env).toEqual({ [TRACE_ENV]: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1' });
  });

  it('injects nothing when there is no span', () => {
    expect(injectTraceEnvironment(context.active())).toEqual({});
  });

  it('extracts what it injected, as a remote parent', () => {
    const env = injectTraceEnvironment(trace.setSpanContext(ROOT_CONTEXT, spanContext));
    const extracted = trace.getSpanContext(extractTraceContext(env));
    expect(extracted).toMatchObject({ ...spanContext, isRemote: true });
    expect(traceIdFromEnvironment(env)).toBe(spanContext.traceId);
  });

  it('reads a header written by other X-Ray tooling, unsampled included', () => {
    const ctx = extractTraceContext({ [TRACE_ENV]: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0' });
    expect(trace.getSpanContext(ctx)?.traceFlags).toBe(TraceFlags.NONE);
  });

  it('starts a new trace when the variable is missing or malformed', () => {
    expect(extractTraceContext({})).toBe(ROOT_CONTEXT);
    expect(trace.getSpanContext(extractTraceContext({ [TRACE_ENV]: 'Root=garbage' }))).toBeUndefined();
    expect(traceIdFromEnvironment({ [TRACE_ENV]: '' })).toBeUndefined();
  });
});
