import { SPAN_ATTRIBUTES } from './attributes';
import { JsonlFileSpanExporter } from './file-span-exporter';
import { startJobTracing, traceJob } from './job-tracer';
import { OTLP_SPAN_KIND, OTLP_STATUS_CODE, StoredSpan } from './stored-span';
import { TRACE_ENV } from './trace-environment';
import { readRunSpans } from './trace-files';
import { withTempDir } from '../test/temp-dir';

const runId = 'run-42';
const quiet = () => undefined;

/** Plan, two render children and encode, each with its own tracer, wired only through the environment. */
async function simulateRun(stateDir: string): Promise<{ traceId: string; renderEnv: Record<string, string> }> {
  let renderEnv: Record<string, string> = {};
  const plan = await startJobTracing({ serviceName: 'framefarm-plan', runId, job: { jobId: 'plan-1', attempt: 1 }, env: {}, exporter: new JsonlFileSpanExporter(stateDir), log: quiet });
  await plan.withSpan('plan.submit', { 'framefarm.chunks': 2 }, async () => {
    renderEnv = plan.traceEnvironment();
  });
  await plan.shutdown();

  for (const arrayIndex of [0, 1]) {
    await traceJob(
      { serviceName: 'framefarm-render', runId, job: { jobId: `render-1:${arrayIndex}`, arrayIndex, attempt: 1 }, env: renderEnv, exporter: new JsonlFileSpanExporter(stateDir), log: quiet },
      (tracer) => tracer.withSpan('render.frames', { 'framefarm.frames': 30 }, async () => tracer.withSpan('render.segment', {}, () => arrayIndex)),
    );
  }
  await traceJob({ serviceName: 'framefarm-encode', runId, job: { jobId: 'encode-1', attempt: 2 }, env: renderEnv, exporter: new JsonlFileSpanExporter(stateDir), log: quiet }, async () => 'ok');
  return { traceId: plan.traceId, renderEnv };
}

const byName = (spans: StoredSpan[], name: string) => spans.filter((span) => span.name === name);

describe('job tracing across plan, render and encode', () => {
  it('puts the whole run in one trace whose root is plan', async () => {
    await withTempDir(async (stateDir) => {
      const { traceId, renderEnv } = await simulateRun(stateDir);
      const { spans, badLines } = await readRunSpans(stateDir, { runId, traceId });
      expect(badLines).toBe(0);
      expect(new Set(spans.map((span) => span.traceId))).toEqual(new Set([traceId]));
      expect(spans.map((span) => span.name).sort()).toEqual(
        ['framefarm-encode', 'framefarm-plan', 'framefarm-render', 'framefarm-render', 'plan.submit', 'render.frames', 'render.frames', 'render.segment', 'render.segment'],
      );
      const roots = spans.filter((span) => !span.parentSpanId);
      expect(roots.map((span) => span.name)).toEqual(['framefarm-plan']);
      const submit = byName(spans, 'plan.submit')[0];
      expect(submit.parentSpanId).toBe(roots[0].spanId);
      // Jobs submitted inside plan.submit hang under it.
      expect(renderEnv[TRACE_ENV]).toContain(`Parent=${submit.spanId}`);
      for (const job of [...byName(spans, 'framefarm-render'), ...byName(spans, 'framefarm-encode')]) {
        expect(job.parentSpanId).toBe(submit.spanId);
        expect(job.kind).toBe(OTLP_SPAN_KIND.SERVER);
      }
      const frames = byName(spans, 'render.frames');
      for (const segment of byName(spans, 'render.segment')) {
        expect(frames.map((span) => span.spanId)).toContain(segment.parentSpanId);
      }
    });
  });

  it("stamps every span with run id, job id, array index and attempt, and the service as a resource", async () => {
    await withTempDir(async (stateDir) => {
      const { traceId } = await simulateRun(stateDir);
      const { spans } = await readRunSpans(stateDir, { runId, traceId });
      for (const span of spans) expect(span.attributes[SPAN_ATTRIBUTES.runId]).toBe(runId);
      const segment = byName(spans, 'render.segment').find((span) => span.attributes[SPAN_ATTRIBUTES.arrayIndex] === 1);
      expect(segment?.attributes).toMatchObject({ [SPAN_ATTRIBUTES.jobId]: 'render-1:1', [SPAN_ATTRIBUTES.attempt]: 1 });
      expect(segment?.resource).toMatchObject({ 'service.name': 'framefarm-render', 'service.namespace': 'framefarm' });
      const plan = byName(spans, 'framefarm-plan')[0];
      expect(plan.attributes).not.toHaveProperty(SPAN_ATTRIBUTES.arrayIndex);
      expect(byName(spans, 'framefarm-encode')[0].attributes[SPAN_ATTRIBUTES.attempt]).toBe(2);
    });
  });

  it('uses X-Ray trace ids: the first 8 hex digits are the start time in epoch seconds', async () => {
    const before = Math.floor(Date.now() / 1000);
    const tracer = await startJobTracing({ serviceName: 's', runId, job: { jobId: 'j', attempt: 1 }, env: {}, log: quiet });
    await tracer.shutdown();
    const after = Math.ceil(Date.now() / 1000);
    const seconds = parseInt(tracer.traceId.slice(0, 8), 16);
    expect(seconds).toBeGreaterThanOrEqual(before);
    expect(seconds).toBeLessThanOrEqual(after);
    expect(tracer.continued).toBe(false);
  });

  it('records a failing step and a failing job as errors, and rethrows', async () => {
    await withTempDir(async (stateDir) => {
      const failure = traceJob({ serviceName: 'framefarm-render', runId, job: { jobId: 'r:0', arrayIndex: 0, attempt: 1 }, env: {}, exporter: new JsonlFileSpanExporter(stateDir), log: quiet }, (tracer) =>
        tracer.withSpan('render.frames', {}, () => {
          throw new RangeError('frame 7 is out of range');
        }),
      );
      await expect(failure).rejects.toThrow('frame 7 is out of range');
      const { spans } = await readRunSpans(stateDir, { runId });
      for (const name of ['render.frames', 'framefarm-render']) {
        const span = byName(spans, name)[0];
        expect(span.status).toEqual({ code: OTLP_STATUS_CODE.ERROR, message: 'RangeError: frame 7 is out of range' });
      }
      expect(byName(spans, 'render.frames')[0].events?.[0]).toMatchObject({ name: 'exception', attributes: { 'exception.type': 'RangeError' } });
    });
  });

  it('knows when it continues a trace', async () => {
    const parent = await startJobTracing({ serviceName: 'p', runId, job: { jobId: 'p', attempt: 1 }, env: {}, log: quiet });
    const child = await startJobTracing({ serviceName: 'c', runId, job: { jobId: 'c', attempt: 1 }, env: parent.traceEnvironment(), log: quiet });
    expect(child.continued).toBe(true);
    expect(child.traceId).toBe(parent.traceId);
    await Promise.all([child.shutdown(), parent.shutdown()]);
  });
});
