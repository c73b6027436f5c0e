import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChunkManifest,
  ChecksumMismatchError,
  downloadSketchSource,
  InvalidManifestError,
  InvalidPageTokenError,
  MissingConfigError,
  parseSketchRef,
  RunConflictError,
  RunSettings,
  RunStore,
  settingsHash,
  uploadSketchSource,
} from '../src';
import { LocalServices, startLocalServices } from '../src/testing';

const settings: RunSettings = { runId: 'run-1', sketch: 'aurora', seed: 'framefarm', width: 320, height: 180, fps: 24, totalFrames: 10, framesPerRenderJob: 4 };
const sha = (c: string) => c.repeat(64);

describe('RunStore against S3 and DynamoDB APIs', () => {
  let services: LocalServices;
  let store: RunStore;
  let dir: string;
  beforeAll(async () => {
    services = await startLocalServices();
    store = RunStore.fromEnv(services.env);
    dir = await mkdtemp(join(tmpdir(), 'framefarm-store-'));
  });
  afterAll(async () => {
    await services.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('needs the bucket and table names', () => {
    expect(() => RunStore.fromEnv({ FRAMEFARM_TABLE: 't' })).toThrow(MissingConfigError);
    expect(() => RunStore.fromEnv({})).toThrow(/FRAMEFARM_BUCKET and FRAMEFARM_TABLE not set/);
  });

  it('records a plan once per run id and refuses other settings for the same id', async () => {
    const first = await store.recordPlan(settings, { startedAt: new Date('2026-01-01T00:00:00Z'), planJobId: 'job-1' });
    expect(first.created).toBe(true);
    expect(first.manifest.chunks.map((c) => [c.start, c.end])).toEqual([[0, 4], [4, 8], [8, 10]]);
    expect(await store.readRunManifest('run-1')).toEqual(first.manifest);
    expect(await store.records.getRun('run-1')).toMatchObject({ status: 'PLANNED', chunkCount: 3, planJobId: 'job-1', settingsHash: settingsHash(settings) });

    const again = await store.recordPlan(settings, { startedAt: new Date() });
    expect(again.created).toBe(false);
    expect(again.record.planJobId).toBe('job-1');
    await expect(store.recordPlan({ ...settings, fps: 30 }, { startedAt: new Date() })).rejects.toThrow(RunConflictError);
  });

  it('moves run status only from the states it is allowed to leave', async () => {
    expect(await store.records.updateRun('run-1', { status: 'RENDERING' }, ['PLANNED'])).toBe(true);
    expect(await store.records.updateRun('run-1', { status: 'FAILED', error: 'chunk 2 missing' })).toBe(true);
    expect(await store.records.updateRun('run-1', { status: 'SUCCEEDED' }, ['FAILED'], ['error'])).toBe(true);
    expect(await store.records.getRun('run-1')).not.toHaveProperty('error');
    expect(await store.records.updateRun('run-1', { status: 'RENDERING' }, ['PLANNED'])).toBe(false);
    expect((await store.records.getRun('run-1'))?.status).toBe('SUCCEEDED');
    expect(await store.records.updateRun('no-such-run', { status: 'FAILED' })).toBe(false);
  });

  it('lists runs newest first, a page at a time, without their chunks', async () => {
    for (const [runId, day] of [['run-list-a', '01'], ['run-list-c', '03'], ['run-list-b', '02']]) {
      await store.recordPlan({ ...settings, runId }, { startedAt: new Date(`2030-01-${day}T00:00:00Z`) });
      await store.records.putChunk({ runId, index: 0, start: 0, end: 4, status: 'RENDERING', framesDone: 0, attempt: 1, startedAt: 'x', updatedAt: 'x' });
    }
    const first = await store.records.listRuns({ limit: 2 });
    expect(first.runs.map((r) => r.runId)).toEqual(['run-list-c', 'run-list-b']);
    expect(first.runs[0]).not.toHaveProperty('type');
    expect(first.next).toEqual(expect.any(String));
    const second = await store.records.listRuns({ limit: 2, next: first.next });
    expect(second.runs.map((r) => r.runId)[0]).toBe('run-list-a');
    await expect(store.records.listRuns({ limit: 2, next: 'bm90IGEga2V5' })).rejects.toThrow(InvalidPageTokenError);
  });

  it('keeps chunk items in index order with their progress', async () => {
    for (const index of [2, 0, 1]) {
      await store.records.putChunk({ runId: 'run-1', index, start: index * 4, end: Math.min(10, index * 4 + 4), status: 'RENDERING', framesDone: 0, attempt: 1, startedAt: 'x', updatedAt: 'x' });
    }
    await store.records.updateChunk('run-1', 1, { framesDone: 3 });
    const chunks = await store.records.listChunks('run-1');
    expect(chunks.map((c) => [c.index, c.framesDone])).toEqual([[0, 0], [1, 3], [2, 0]]);
    expect(chunks[0]).not.toHaveProperty('pk');
  });

  it('round-trips chunk manifests and files, and rejects a malformed manifest', async () => {
    const manifest: ChunkManifest = {
      version: 3, runId: 'run-1', index: 1, start: 4, end: 6, settingsHash: sha('a'), frameChecksums: ['b'.repeat(16), 'c'.repeat(16)],
      segment: { key: 'runs/run-1/chunks/00001.ts', bytes: 3, sha256: sha('d') }, renderedAt: new Date().toISOString(), attempt: 1,
    };
    await store.writeChunkManifest(manifest);
    expect(await store.readChunkManifest('run-1', 1)).toEqual(manifest);
    expect(await store.readChunkManifest('run-1', 0)).toBeUndefined();
    await expect(store.writeChunkManifest({ ...manifest, frameChecksums: ['b'.repeat(16)] })).rejects.toThrow(/one frame checksum per frame/);
    // A chunk rendered before the checksum changed still counts: a run begun then resumes.
    await store.writeChunkManifest({ ...manifest, version: 2 });
    expect(await store.readChunkManifest('run-1', 1)).toEqual({ ...manifest, version: 2 });

    await store.objects.putText('runs/run-1/chunks/00002.json', '{"version":1}', 'application/json');
    await expect(store.listChunkManifests('run-1')).rejects.toThrow(InvalidManifestError);

    const source = join(dir, 'in.bin');
    await writeFile(source, Buffer.from('segment bytes'));
    const uploaded = await store.objects.uploadFile('runs/run-1/chunks/00001.ts', source, 'video/mp2t');
    const downloaded = await store.objects.downloadFile(uploaded.key, join(dir, 'out.bin'));
    expect(downloaded).toEqual(uploaded);
    expect(await readFile(join(dir, 'out.bin'), 'utf8')).toBe('segment bytes');
    expect(await store.objects.size(uploaded.key)).toBe(13);

    // A file read in many parts: the hash taken as it is sent is the hash of the file.
    const large = randomBytes(300_000);
    await writeFile(source, large);
    const sent = await store.objects.uploadFile('runs/run-1/chunks/00003.ts', source, 'video/mp2t');
    expect(sent).toEqual({ key: 'runs/run-1/chunks/00003.ts', bytes: large.length, sha256: createHash('sha256').update(large).digest('hex') });
    expect(await store.objects.downloadFile(sent.key, join(dir, 'out.bin'))).toEqual(sent);
  });

  it('stores user sketches by content hash and refuses a changed one', async () => {
    const ref = await uploadSketchSource(store.objects, 'exports.draw = () => {};');
    const parsed = parseSketchRef(ref);
    expect(parsed).toMatchObject({ kind: 's3', bucket: services.bucket });
    if (parsed.kind !== 's3') throw new Error('unreachable');
    expect(await downloadSketchSource(store.objects, parsed)).toBe('exports.draw = () => {};');
    await store.objects.putText(parsed.key, 'exports.draw = () => { /* edited */ };', 'application/javascript');
    await expect(downloadSketchSource(store.objects, parsed)).rejects.toThrow(ChecksumMismatchError);
  });
});

describe('settings and sketch references', () => {
  it('hashes what decides the pixels, not the run id or key order', () => {
    const reordered = Object.fromEntries(Object.entries(settings).reverse()) as RunSettings;
    expect(settingsHash(reordered)).toBe(settingsHash(settings));
    expect(settingsHash({ ...settings, runId: 'other' })).toBe(settingsHash(settings));
    expect(settingsHash({ ...settings, seed: 'x' })).not.toBe(settingsHash(settings));
    expect(settingsHash({ ...settings, framesPerRenderJob: 5 })).not.toBe(settingsHash(settings));
  });

  it('parses built-in names and uploaded sketch URLs, and explains anything else', () => {
    expect(parseSketchRef('flow-field')).toEqual({ kind: 'builtin', name: 'flow-field' });
    expect(parseSketchRef(`s3://my-bucket/sketches/${sha('e')}.cjs`)).toEqual({ kind: 's3', bucket: 'my-bucket', key: `sketches/${sha('e')}.cjs`, sha256: sha('e') });
    expect(() => parseSketchRef('./my-sketch.ts')).toThrow(/framefarm run --sketch/);
    expect(() => parseSketchRef('s3://bucket/other/file.js')).toThrow(/neither a built-in/);
  });
});
