import { BatchClient, DescribeJobsCommand, JobDetail } from '@aws-sdk/client-batch';
import { traceStoreSpanSource } from '@framefarm/report';
import { RunRecord } from '@framefarm/run-store';
import { mockClient } from 'aws-sdk-client-mock';
import { createHash } from 'node:crypto';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunNotFoundError } from '@framefarm/runs';
import { ReportSources, makeRunReport } from './make-run-report';

const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const T = 1_763_700_000_000;
const VIDEO = Buffer.from('mp4!');
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

const record: RunRecord = {
  runId: 'demo-1',
  status: 'SUCCEEDED',
  settings: { runId: 'demo-1', sketch: 'orbits', seed: 's', width: 320, height: 180, fps: 30, totalFrames: 60, framesPerRenderJob: 30 },
  settingsHash: 'h',
  chunkCount: 2,
  planJobId: 'plan-1',
  renderJobId: 'render-1',
  encodeJobId: 'encode-1',
  createdAt: new Date(T).toISOString(),
  updatedAt: new Date(T + 9000).toISOString(),
  timings: {},
  video: { key: 'runs/demo-1/video.mp4', bytes: VIDEO.length, sha256: sha256(VIDEO), frames: 60, durationSeconds: 2 },
  posterKey: 'runs/demo-1/poster.png',
};

const jobs: Record<string, Partial<JobDetail>> = {
  'plan-1': { jobId: 'plan-1', jobName: 'plan', status: 'SUCCEEDED', createdAt: T, startedAt: T + 500, stoppedAt: T + 1500 },
  'render-1': { jobId: 'render-1', jobName: 'render', status: 'SUCCEEDED', createdAt: T + 1000, arrayProperties: { size: 2 } },
  'render-1:0': { jobId: 'render-1:0', jobName: 'render', status: 'SUCCEEDED', createdAt: T + 1000, startedAt: T + 1200, stoppedAt: T + 5000, arrayProperties: { index: 0 } },
  'render-1:1': { jobId: 'render-1:1', jobName: 'render', status: 'SUCCEEDED', createdAt: T + 1000, startedAt: T + 1300, stoppedAt: T + 6000, arrayProperties: { index: 1 } },
  'encode-1': { jobId: 'encode-1', jobName: 'encode', status: 'SUCCEEDED', createdAt: T + 1100, startedAt: T + 6500, stoppedAt: T + 9000 },
};

/** `video`: what the bucket holds at the video's key (what encode recorded, unless a test says otherwise). */
function sources(downloads: string[], stateDir = join(tmpdir(), 'framefarm-no-state'), video = VIDEO): ReportSources {
  return {
    spans: traceStoreSpanSource(stateDir),
    batch: new BatchClient({ region: 'us-east-1' }),
    store: {
      records: { table: 'framefarm-runs', getRun: async (runId: string) => (runId === record.runId ? record : undefined), listChunks: async () => [] },
      objects: {
        downloadFile: async (key: string, path: string) => {
          downloads.push(key);
          const bytes = key.endsWith('.png') ? PNG_1PX : video;
          await writeFile(path, bytes);
          return { key, bytes: bytes.length, sha256: sha256(bytes) };
        },
      },
    },
  };
}

describe('makeRunReport', () => {
  const batch = mockClient(BatchClient);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'framefarm-cli-report-'));
    batch.reset();
    batch.on(DescribeJobsCommand).callsFake((input: { jobs: string[] }) => ({ jobs: input.jobs.map((id) => jobs[id]).filter(Boolean) }));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  afterAll(() => batch.restore());

  it("writes the report of a run from its record, its jobs and its media, fetching a video only when it is not there yet", async () => {
    const downloads: string[] = [];
    const outFile = join(dir, 'demo-1', 'report.html');
    const report = await makeRunReport(sources(downloads, join(dir, 'state')), { runId: 'demo-1', outFile });
    expect(report.path).toBe(outFile);
    expect(report.data.jobs.map((job) => job.jobId)).toEqual(['plan-1', 'render-1:0', 'render-1:1', 'encode-1']);
    expect(report.warnings).toEqual(['no spans found for this run: the timeline shows Batch times only']);
    const html = await readFile(outFile, 'utf8');
    expect(html).toContain('data:image/png;base64,');
    expect(html).toContain('data:video/mp4;base64,bXA0IQ==');
    expect(downloads).toEqual(['runs/demo-1/video.mp4', 'runs/demo-1/poster.png']);

    downloads.length = 0;
    await makeRunReport(sources(downloads, join(dir, 'state')), { runId: 'demo-1', outFile });
    expect(downloads).toEqual(['runs/demo-1/poster.png']);
  });

  it('leaves out a video that is not what encode recorded, and says so', async () => {
    const outFile = join(dir, 'demo-1', 'report.html');
    const report = await makeRunReport(sources([], join(dir, 'state'), Buffer.from('mp5!')), { runId: 'demo-1', outFile });
    expect(report.warnings).toContain('could not fetch the video: downloaded runs/demo-1/video.mp4 does not match the checksum encode recorded; fetch it again');
    await expect(access(join(dir, 'demo-1', 'video.mp4'))).rejects.toThrow();
  });

  it('says ENCODING, as status does, while the encode job that recorded SUCCEEDED is still running', async () => {
    batch.on(DescribeJobsCommand).callsFake((input: { jobs: string[] }) => ({
      jobs: input.jobs.map((id) => (id === 'encode-1' ? { ...jobs[id], status: 'RUNNING', stoppedAt: undefined } : jobs[id])).filter(Boolean),
    }));
    const report = await makeRunReport(sources([], join(dir, 'state')), { runId: 'demo-1', outFile: join(dir, 'demo-1', 'report.html') });
    expect(report.data.status).toBe('ENCODING');
  });

  it('refuses an unknown run as a usage error', async () => {
    await expect(makeRunReport(sources([]), { runId: 'nope', outFile: join(dir, 'r.html') })).rejects.toThrow(RunNotFoundError);
  });

  it("names the media after the run when the report goes to a directory of its own choosing", async () => {
    const report = await makeRunReport(sources([], join(dir, 'state')), { runId: 'demo-1', outFile: join(dir, 'reports', 'demo.html') });
    expect(report.warnings).toEqual(['no spans found for this run: the timeline shows Batch times only']);
    expect(await readFile(join(dir, 'reports', 'demo-1.mp4'), 'utf8')).toBe('mp4!');
    expect((await readFile(join(dir, 'reports', 'demo-1.poster.png'))).equals(PNG_1PX)).toBe(true);
  });
});
