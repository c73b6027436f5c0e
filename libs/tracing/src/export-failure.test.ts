import { traceJob } from './job-tracer';
import { closedPort, startHttpSink } from '../test/http-sink';

describe('a trace endpoint that cannot be reached', () => {
  it('leaves the job result intact and says so exactly once on stderr', async () => {
    const port = await closedPort();
    const written: string[] = [];
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const result = await traceJob(
        {
          serviceName: 'framefarm-render',
          runId: 'run-down',
          job: { jobId: 'job-1:3', arrayIndex: 3, attempt: 1 },
          env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `http://127.0.0.1:${port}/v1/traces` },
        },
        async (tracer) => {
          // More spans than one export batch holds (512), so the exporter fails more than once.
          for (let i = 0; i < 600; i += 1) await tracer.withSpan('render.frame', { frame: i }, () => i);
          return { frames: 600, segment: 'chunk-00003.mp4' };
        },
      );
      expect(result).toEqual({ frames: 600, segment: 'chunk-00003.mp4' });
    } finally {
      write.mockRestore();
    }
    const lines = written.join('').split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    const warning = JSON.parse(lines[0]);
    expect(warning).toMatchObject({
      level: 'warn',
      message: 'tracing: cannot export spans; the job goes on without them',
      runId: 'run-down',
      jobId: 'job-1:3',
      arrayIndex: 3,
      attempt: 1,
      endpoint: `http://127.0.0.1:${port}/v1/traces`,
    });
    expect(warning.error).toContain('ECONNREFUSED');
  });

  it('stops waiting for a stalled endpoint after the flush timeout, and says so once', async () => {
    const sink = await startHttpSink(() => undefined);
    const lines: string[] = [];
    try {
      const result = await traceJob(
        { serviceName: 'framefarm-encode', runId: 'run-stalled', job: { jobId: 'enc-1', attempt: 1 }, env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${sink.url}/v1/traces` }, log: (line) => lines.push(line), flushTimeoutMillis: 300 },
        (tracer) => tracer.withSpan('encode.join', {}, () => 'video.mp4'),
      );
      expect(result).toBe('video.mp4');
      expect(sink.requests).toHaveLength(1);
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0])).toMatchObject({ level: 'warn', jobId: 'enc-1', error: 'spans not exported within 300 ms' });
    } finally {
      await sink.close();
    }
  });

  it('runs the job without export when the endpoint setting is not a URL, saying so once', async () => {
    const lines: string[] = [];
    const result = await traceJob(
      { serviceName: 'framefarm-plan', runId: 'run-typo', job: { jobId: 'p-1', attempt: 1 }, env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'collector 4318' }, log: (line) => lines.push(line) },
      (tracer) => tracer.withSpan('plan.submit', {}, () => 42),
    );
    expect(result).toBe(42);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'warn', message: 'tracing: the trace endpoint is misconfigured, spans are not exported' });
  });
});
