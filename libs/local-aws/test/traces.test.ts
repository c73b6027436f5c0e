import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { CoreServices } from '../src/core-services';
import { listTraceIds, readTraceSpans } from '../src/traces';
import { removeDir, startCore, tempStateDir } from './helpers';

/** Emits a parent and a child span with a real exporter in its own process; returns their trace id. */
async function emitTrace(url: string, protocol: 'json' | 'proto', compression?: 'gzip'): Promise<string> {
  const script = join(__dirname, 'fixtures', 'emit-trace.cjs');
  const { stdout } = await promisify(execFile)(process.execPath, [script, url, protocol, ...(compression ? [compression] : [])], {
    cwd: join(__dirname, '..', '..', '..'),
  });
  return stdout.trim();
}

describe('OTLP trace receiver at POST /v1/traces', () => {
  let stateDir: string;
  let core: CoreServices;

  beforeAll(async () => {
    stateDir = tempStateDir();
    core = await startCore(stateDir);
  });
  afterAll(async () => {
    await core.stop();
    removeDir(stateDir);
  });

  it.each([
    ['OTLP/HTTP JSON', 'json', undefined],
    ['OTLP/HTTP protobuf', 'proto', undefined],
    ['OTLP/HTTP protobuf, gzip', 'proto', 'gzip'],
  ] as const)('stores spans sent by the %s exporter as flat JSON lines', async (_label, protocol, compression) => {
    const traceId = await emitTrace(`${core.edge.endpoint}/v1/traces`, protocol, compression);
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(listTraceIds(core.tracesDir)).toContain(traceId);
    // SimpleSpanProcessor exports each span in its own request, so the two may arrive in either
    // order: find them by name and check the link between them, not their order in the file.
    const spans = readTraceSpans(core.tracesDir, traceId);
    expect(spans.map((s) => s.name).sort()).toEqual(['ffmpeg', 'render chunk']);
    const parent = spans.find((s) => s.name === 'render chunk')!;
    const child = spans.find((s) => s.name === 'ffmpeg')!;
    expect(parent).toMatchObject({
      traceId,
      kind: 2,
      attributes: { 'chunk.index': 3, 'chunk.frames': [90, 120], ok: true, ratio: 0.5 },
      status: { code: 0 },
      resource: { 'service.name': 'render', 'aws.batch.job.id': 'job-1:3' },
      scope: { name: 'framefarm-test', version: '1.2.3' },
    });
    expect(parent.parentSpanId).toBeUndefined();
    expect(parent.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(child).toMatchObject({ parentSpanId: parent.spanId, kind: 3, status: { code: 2, message: 'ffmpeg exited 1' } });
    expect(child.events).toEqual([{ name: 'frame written', timeUnixNano: expect.stringMatching(/^\d{19}$/), attributes: { frame: 91 } }]);
    expect(BigInt(parent.endTimeUnixNano)).toBeGreaterThanOrEqual(BigInt(child.endTimeUnixNano));
    expect(BigInt(parent.startTimeUnixNano)).toBeLessThanOrEqual(BigInt(child.startTimeUnixNano));
  });

  it('accepts hand-written OTLP JSON with gzip and rejects a malformed request with 400', async () => {
    const traceId = 'a'.repeat(32);
    const body = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'plan' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId,
                  spanId: 'b'.repeat(16),
                  name: 'plan',
                  kind: 'SPAN_KIND_INTERNAL',
                  startTimeUnixNano: '1700000000000000000',
                  endTimeUnixNano: 1700000000500000000,
                  attributes: [{ key: 'big', value: { intValue: '9007199254740993' } }],
                },
              ],
            },
          ],
        },
      ],
    };
    const ok = await fetch(`${core.edge.endpoint}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify(body)),
    });
    expect(ok.status).toBe(200);
    expect(readTraceSpans(core.tracesDir, traceId)).toEqual([
      {
        traceId,
        spanId: 'b'.repeat(16),
        name: 'plan',
        kind: 1,
        startTimeUnixNano: '1700000000000000000',
        endTimeUnixNano: '1700000000500000000',
        attributes: { big: '9007199254740993' },
        status: { code: 0 },
        resource: { 'service.name': 'plan' },
      },
    ]);

    const bad = await fetch(`${core.edge.endpoint}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: Buffer.from([0x0a, 0xff, 0x01]),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/invalid OTLP trace request/);
  });
});
