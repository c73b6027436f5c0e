import { startCoreServices, type CoreServices } from '@framefarm/local-aws';
import { TRACE_ENV, traceJob } from '@framefarm/tracing';
import { join } from 'node:path';
import { BatchJob } from '../src/run-input';
import { writeRunReport } from '../src/write-run-report';
import { traceStoreSpanSource } from '../src/span-source';
import { withTempDir } from './temp-dir';

// The whole local trace path: job tracers export over OTLP/HTTP to the local stack's edge (found
// through AWS_ENDPOINT_URL, as the jobs find it, and signed for xray with the stack's credentials),
// the receiver stores the spans, the report reads them.
describe.each(['http/protobuf', 'http/json'])('spans through the local stack receiver (%s)', (protocol) => {
  it('lands every job of the run in one trace file that the report reads', async () => {
    await withTempDir(async (stateDir) => {
      let stack: CoreServices | undefined;
      try {
        stack = await startCoreServices({ stateDir, host: '127.0.0.1', port: 0, region: 'us-east-1', accountId: '000000000000' });
        const env = { AWS_ENDPOINT_URL: stack.edge.endpoint, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: protocol };
        const warnings: string[] = [];
        const log = (line: string) => warnings.push(line);
        const credentials = stack.credentials;
        let childEnv: Record<string, string> = {};
        await traceJob({ serviceName: 'framefarm-plan', runId: 'interop', job: { jobId: 'p-1', attempt: 1 }, env, log, credentials }, (tracer) =>
          tracer.withSpan('plan.submit', { 'framefarm.chunks': 2 }, () => {
            childEnv = tracer.traceEnvironment();
          }),
        );
        for (const index of [0, 1]) {
          await traceJob({ serviceName: 'framefarm-render', runId: 'interop', job: { jobId: `a-1:${index}`, arrayIndex: index, attempt: 1 }, env: { ...env, ...childEnv }, log, credentials }, (tracer) =>
            tracer.withSpan('render.frames', { frames: 30 }, () => index),
          );
        }
        expect(warnings).toEqual([]);

        const now = Date.now();
        const environment = [{ name: TRACE_ENV, value: childEnv[TRACE_ENV] }];
        const child = (index: number): BatchJob => ({ jobId: `a-1:${index}`, status: 'SUCCEEDED', createdAt: now - 3000, startedAt: now - 2000, stoppedAt: now - 1000, arrayProperties: { index }, container: { environment } });
        const report = await writeRunReport({
          outFile: join(stateDir, 'report.html'),
          run: { runId: 'interop' },
          jobs: { plan: { jobId: 'p-1', status: 'SUCCEEDED', createdAt: now - 5000, startedAt: now - 4000, stoppedAt: now - 3000 }, renderChildren: [child(0), child(1)] },
          spanSource: traceStoreSpanSource(stateDir),
          now,
        });
        expect(report.warnings).toEqual([]);
        expect(report.data.jobs.map((job) => job.spans.map((span) => `${span.depth}:${span.name}`))).toEqual([
          ['0:framefarm-plan', '1:plan.submit'],
          ['0:framefarm-render', '1:render.frames'],
          ['0:framefarm-render', '1:render.frames'],
        ]);
        expect(report.data.jobs[1].spans[0].parentSpanId).toBe(report.data.jobs[0].spans[1].spanId);
      } finally {
        await stack?.stop();
      }
    });
  });
});
