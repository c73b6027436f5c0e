import { spawn } from 'node:child_process';
import { OTLP_STATUS_CODE } from '../src/stored-span';
import { readRunSpans } from '../src/trace-files';
import { bundleProgram } from './bundle-program';
import { withTempDir } from './temp-dir';

const PROGRAM = `
import { JsonlFileSpanExporter, traceJob } from '@framefarm/tracing';

void traceJob(
  { serviceName: 'framefarm-render', runId: 'run-term', job: { jobId: 'r:2', arrayIndex: 2, attempt: 1 }, env: {}, exporter: new JsonlFileSpanExporter(process.argv[2]), log: () => undefined },
  (tracer) =>
    tracer.withSpan('render.frames', { frames: 30 }, () => {
      setInterval(() => undefined, 1000);
      process.stdout.write('rendering\\n');
      return new Promise(() => undefined);
    }),
);
`;

// Bounds a hang, not a duration: this bundles or starts programs, which a loaded CI machine once took past jest's default 5 s for.
jest.setTimeout(60_000);

describe('a job stopped by SIGTERM (a Batch timeout)', () => {
  it('still exports its spans, marks where it stopped, and dies of the signal as it would without tracing', async () => {
    await withTempDir(async (dir) => {
      const program = await bundleProgram(dir, PROGRAM);
      const child = spawn(process.execPath, [program, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
      await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('rendering') && resolve()));
      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });

      const { spans } = await readRunSpans(dir, { runId: 'run-term' });
      const stopped = { code: OTLP_STATUS_CODE.ERROR, message: 'stopped by SIGTERM (a Batch timeout or TerminateJob)' };
      expect(spans.map((span) => [span.name, span.status])).toEqual([
        ['render.frames', stopped],
        ['framefarm-render', stopped],
      ]);
    });
  });
});
