import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { XRayClient } from '@aws-sdk/client-xray';
import { BatchJob } from '../src/run-input';
import { writeRunReport } from '../src/write-run-report';
import { xraySpanSource } from '../src/xray-span-source';
import { withTempDir } from './temp-dir';

/**
 * BatchGetTraces responses in the shape the X-Ray API reference documents (Traces[].Segments[]
 * with each segment document as a JSON string), served over HTTP so the real SDK client parses
 * them. The documents follow the X-Ray segment document format: a segment per job, nested
 * subsegments, an inferred downstream segment, job attributes as metadata or as annotations.
 */
const fixture = (name: string): string => readFileSync(join(__dirname, 'fixtures', 'xray', name), 'utf8');
const PAGES: Record<string, string> = { '': fixture('batch-get-traces.page-1.json'), 'eyJwYWdlIjoyfQ==': fixture('batch-get-traces.page-2.json') };
const TRACE_ID = '6919a3c08d2f4b1e9a7c3d5f6b0e2a41';

interface Served {
  server: Server;
  requests: Array<{ path?: string; body: { TraceIds?: string[]; NextToken?: string }; authorization?: string }>;
  client: XRayClient;
}

async function serveXRay(respond: (body: { TraceIds?: string[]; NextToken?: string }) => { status: number; body: string }): Promise<Served> {
  const requests: Served['requests'] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const body = JSON.parse(text || '{}');
    requests.push({ path: req.url, body, authorization: req.headers.authorization });
    const reply = req.method === 'POST' && req.url === '/Traces' ? respond(body) : { status: 404, body: '{"message":"not found"}' };
    res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new XRayClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials: { accessKeyId: 'AKIDXRAYFIXTURE', secretAccessKey: 'fixture-secret' },
  });
  return { server, requests, client };
}

async function stop(served: Served): Promise<void> {
  served.client.destroy();
  await new Promise((resolve) => served.server.close(resolve));
}

describe('xraySpanSource', () => {
  it("reads every page of the run's trace and converts the segment documents to spans", async () => {
    const served = await serveXRay((body) => ({ status: 200, body: PAGES[body.NextToken ?? ''] }));
    try {
      const { spans, warnings } = await xraySpanSource(served.client).runSpans({ runId: 'run-demo', traceId: TRACE_ID });
      expect(served.requests.map((r) => r.body)).toEqual([
        { TraceIds: ['1-6919a3c0-8d2f4b1e9a7c3d5f6b0e2a41'] },
        { TraceIds: ['1-6919a3c0-8d2f4b1e9a7c3d5f6b0e2a41'], NextToken: 'eyJwYWdlIjoyfQ==' },
      ]);
      expect(served.requests[0].authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDXRAYFIXTURE\/\d{8}\/us-east-1\/xray\/aws4_request/);
      expect(warnings).toEqual(['1 X-Ray segment documents were not segments and were skipped']);
      // The inferred Batch segment is left out and the segment repeated on page 2 counted once.
      expect(spans.map((s) => s.name)).toEqual(['framefarm-plan', 'plan.submit', 'Batch', 'framefarm-render', 'render.frames', 'framefarm-render', 'framefarm-encode', 'S3']);
      expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([TRACE_ID]));
      const byId = new Map(spans.map((s) => [s.spanId, s]));
      const plan = byId.get('a1b2c3d4e5f60718')!;
      expect(plan).toMatchObject({ kind: 2, startTimeUnixNano: '1763287999512000000', endTimeUnixNano: '1763288000355000000', resource: { 'service.name': 'framefarm-plan' } });
      expect(plan.attributes).toMatchObject({ 'framefarm.run.id': 'run-demo', 'aws.batch.job.id': '6f1c0e2a-plan', 'aws.batch.job.attempt': 1 });
      expect(plan.parentSpanId).toBeUndefined();
      // Subsegments hang under their parent and carry their job's attributes.
      expect(byId.get('b2c3d4e5f6071829')).toMatchObject({ parentSpanId: 'a1b2c3d4e5f60718', kind: 1, attributes: { 'aws.batch.job.id': '6f1c0e2a-plan', 'framefarm.chunks': 2 } });
      expect(byId.get('c3d4e5f607182930')).toMatchObject({ parentSpanId: 'b2c3d4e5f6071829', kind: 3, resource: { 'service.name': 'framefarm-plan' } });
      // Job attributes sent as annotations come back under their own names.
      expect(byId.get('e5f6071829304152')!.attributes).toMatchObject({ 'aws.batch.job.id': '7a2d9b3c-render:0', 'aws.batch.job.array_index': 0, 'framefarm.run.id': 'run-demo' });
      expect(byId.get('e5f6071829304152')!.parentSpanId).toBe('b2c3d4e5f6071829');
      expect(byId.get('0718293041526374')!.status).toEqual({ code: 2, message: 'ffmpeg exited with code 1' });
    } finally {
      await stop(served);
    }
  });

  it('puts the spans into the report under their jobs', async () => {
    const served = await serveXRay((body) => ({ status: 200, body: PAGES[body.NextToken ?? ''] }));
    try {
      await withTempDir(async (dir) => {
        const t0 = 1763287999512;
        const environment = [{ name: '_X_AMZN_TRACE_ID', value: 'Root=1-6919a3c0-8d2f4b1e9a7c3d5f6b0e2a41;Parent=b2c3d4e5f6071829;Sampled=1' }];
        const child = (index: number, status: BatchJob['status']): BatchJob => ({
          jobId: `7a2d9b3c-render:${index}`,
          jobName: 'run-demo-render',
          status,
          createdAt: t0 + 800,
          startedAt: t0 + 20_000,
          stoppedAt: t0 + 32_000,
          arrayProperties: { index },
          container: { environment },
        });
        const written = await writeRunReport({
          outFile: join(dir, 'report.html'),
          run: { runId: 'run-demo', totalFrames: 60, framesPerRenderJob: 30 },
          jobs: {
            plan: { jobId: '6f1c0e2a-plan', jobName: 'manualSubmit-plan', status: 'SUCCEEDED', createdAt: t0 - 2000, startedAt: t0, stoppedAt: t0 + 900 },
            renderArray: { jobId: '7a2d9b3c-render', status: 'FAILED', arrayProperties: { size: 2 }, container: { environment } },
            renderChildren: [child(0, 'SUCCEEDED'), child(1, 'FAILED')],
            encode: { jobId: '8b3e0c4d-encode', jobName: 'run-demo-encode', status: 'SUCCEEDED', createdAt: t0 + 800, startedAt: t0 + 32_400, stoppedAt: t0 + 35_800, container: { environment } },
          },
          spanSource: xraySpanSource(served.client),
          now: t0 + 40_000,
        });
        expect(written.data.traceId).toBe(TRACE_ID);
        expect(written.data.unattributedSpans).toBe(0);
        const spanNames = Object.fromEntries(written.data.jobs.map((job) => [job.jobId, job.spans.map((span) => `${'  '.repeat(span.depth)}${span.name}`)]));
        expect(spanNames).toEqual({
          '6f1c0e2a-plan': ['framefarm-plan', '  plan.submit', '    Batch'],
          '7a2d9b3c-render:0': ['framefarm-render', '  render.frames'],
          '7a2d9b3c-render:1': ['framefarm-render'],
          '8b3e0c4d-encode': ['framefarm-encode', '  S3'],
        });
        expect(written.data.jobs.find((job) => job.jobId === '7a2d9b3c-render:1')!.spans[0].error).toBe('ffmpeg exited with code 1');
      });
    } finally {
      await stop(served);
    }
  });

  it('says so when X-Ray has not processed the trace or has none of its spans', async () => {
    const served = await serveXRay(() => ({ status: 200, body: JSON.stringify({ Traces: [], UnprocessedTraceIds: ['1-6919a3c0-8d2f4b1e9a7c3d5f6b0e2a41'] }) }));
    try {
      const { spans, warnings } = await xraySpanSource(served.client).runSpans({ runId: 'run-demo', traceId: TRACE_ID });
      expect(spans).toEqual([]);
      expect(warnings).toEqual([
        'X-Ray did not process trace 1-6919a3c0-8d2f4b1e9a7c3d5f6b0e2a41; try the report again',
        expect.stringMatching(/^X-Ray has no spans of trace 1-6919a3c0-8d2f4b1e9a7c3d5f6b0e2a41 \(yet\)/),
      ]);
    } finally {
      await stop(served);
    }
  });

  it('asks nothing of X-Ray for a run whose jobs name no trace', async () => {
    const served = await serveXRay(() => ({ status: 500, body: '{}' }));
    try {
      const { spans, warnings } = await xraySpanSource(served.client).runSpans({ runId: 'run-demo' });
      expect(spans).toEqual([]);
      expect(warnings).toEqual(['run run-demo: none of its jobs names a trace, so X-Ray cannot be asked for one']);
      expect(served.requests).toEqual([]);
    } finally {
      await stop(served);
    }
  });

  it("passes X-Ray's own errors on", async () => {
    const served = await serveXRay(() => ({ status: 400, body: JSON.stringify({ __type: 'InvalidRequestException', Message: 'Trace ids are invalid' }) }));
    try {
      await expect(xraySpanSource(served.client).runSpans({ runId: 'run-demo', traceId: TRACE_ID })).rejects.toMatchObject({ name: 'InvalidRequestException' });
    } finally {
      await stop(served);
    }
  });
});
