import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonlFileSpanExporter, traceJob } from '@framefarm/tracing';
import { BatchJob } from './run-input';
import { runTraceId, writeRunReport } from './write-run-report';
import { traceStoreSpanSource } from './span-source';
import { withTempDir } from '../test/temp-dir';

const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('writeRunReport', () => {
  it("reads the run's spans through the trace id its jobs carry, from traces written by real job tracers", async () => {
    await withTempDir(async (stateDir) => {
      const quiet = () => undefined;
      let childEnv: Record<string, string> = {};
      await traceJob({ serviceName: 'framefarm-plan', runId: 'r1', job: { jobId: 'plan-1', attempt: 1 }, env: {}, exporter: new JsonlFileSpanExporter(stateDir), log: quiet }, (tracer) =>
        tracer.withSpan('plan.submit', {}, () => {
          childEnv = tracer.traceEnvironment();
        }),
      );
      await traceJob({ serviceName: 'framefarm-render', runId: 'r1', job: { jobId: 'arr-1:0', arrayIndex: 0, attempt: 1 }, env: childEnv, exporter: new JsonlFileSpanExporter(stateDir), log: quiet }, (tracer) =>
        tracer.withSpan('render.frames', {}, () => 'done'),
      );
      // An unrelated run in the same state directory must stay out of the report.
      await traceJob({ serviceName: 'framefarm-plan', runId: 'other', job: { jobId: 'plan-2', attempt: 1 }, env: {}, exporter: new JsonlFileSpanExporter(stateDir), log: quiet }, () => undefined);

      const now = Date.now();
      const environment = Object.entries(childEnv).map(([name, value]) => ({ name, value }));
      const jobs = {
        plan: { jobId: 'plan-1', jobName: 'framefarm-plan', status: 'SUCCEEDED', createdAt: now - 5000, startedAt: now - 4000, stoppedAt: now - 3000 } as BatchJob,
        renderArray: { jobId: 'arr-1', status: 'SUCCEEDED', arrayProperties: { size: 1 } } as BatchJob,
        renderChildren: [{ jobId: 'arr-1:0', jobName: 'framefarm-render', status: 'SUCCEEDED', createdAt: now - 3500, startedAt: now - 2000, stoppedAt: now - 1000, arrayProperties: { index: 0 }, container: { environment } } as BatchJob],
      };
      expect(runTraceId(jobs)).toMatch(/^[0-9a-f]{32}$/);

      const written = await writeRunReport({ outFile: join(stateDir, 'reports', 'r1.html'), run: { runId: 'r1' }, jobs, spanSource: traceStoreSpanSource(stateDir), now });
      expect(written.warnings).toEqual([]);
      expect(written.data.traceId).toBe(runTraceId(jobs));
      expect(written.data.jobs.map((job) => job.spans.map((span) => span.name))).toEqual([['framefarm-plan', 'plan.submit'], ['framefarm-render', 'render.frames']]);
      const html = await readFile(written.path, 'utf8');
      expect(html).toContain('data-job-id="arr-1:0"');
      expect(html).not.toContain('plan-2');
    });
  });

  it('embeds the poster, links a large video relatively, and reports what is missing', async () => {
    await withTempDir(async (dir) => {
      await mkdir(join(dir, 'media'));
      await writeFile(join(dir, 'media', 'poster.png'), PNG_1PX);
      await writeFile(join(dir, 'media', 'video file.mp4'), Buffer.alloc(2048));
      const written = await writeRunReport({
        outFile: join(dir, 'out', 'report.html'),
        run: { runId: 'r2' },
        jobs: { renderChildren: [] },
        spans: [],
        posterPath: join(dir, 'media', 'poster.png'),
        videoPath: join(dir, 'media', 'video file.mp4'),
        maxEmbeddedVideoBytes: 1024,
        now: 1_700_000_000_000,
      });
      const html = await readFile(written.path, 'utf8');
      expect(html).toContain(`src="data:image/png;base64,${PNG_1PX.toString('base64')}"`);
      expect(html).toContain('<source src="../media/video%20file.mp4" type="video/mp4">');
      expect(html).toContain('Batch knows no jobs of this run.');
      expect(written.warnings).toEqual(['no spans found for this run: the timeline shows Batch times only']);

      const missing = await writeRunReport({ outFile: join(dir, 'out', 'r3.html'), run: { runId: 'r3' }, jobs: { renderChildren: [] }, spans: [], videoPath: join(dir, 'nope.mp4') });
      expect(missing.warnings[1]).toMatch(/^video .*nope\.mp4: ENOENT/);
    });
  });

  it('embeds a small video and the poster byte for byte, in a page that keeps its text beyond Latin-1', async () => {
    await withTempDir(async (dir) => {
      const video = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256));
      await writeFile(join(dir, 'poster.png'), PNG_1PX);
      await writeFile(join(dir, 'video.mp4'), video);
      const written = await writeRunReport({
        outFile: join(dir, 'report.html'),
        run: { runId: 'r4', sketch: 'circles', width: 1280, height: 720, fps: 30 },
        jobs: { renderChildren: [] },
        spans: [],
        posterPath: join(dir, 'poster.png'),
        videoPath: join(dir, 'video.mp4'),
        now: 1_700_000_000_000,
      });
      const html = await readFile(written.path, 'utf8');
      const poster = `data:image/png;base64,${PNG_1PX.toString('base64')}`;
      expect(html).toContain(`<img src="${poster}" alt="Poster frame of the video">`);
      expect(html).toContain(`<video controls preload="metadata" poster="${poster}"><source src="data:video/mp4;base64,${video.toString('base64')}" type="video/mp4"></video><figcaption>Video</figcaption>`);
      expect(html).toContain('1280×720 · 30 fps');
      // The throughput of a run without jobs is a dash beyond Latin-1: the page around the base64 is still UTF-8.
      expect(html).toContain('<div class="label">Throughput</div><div class="value">–</div>');
      expect(html.endsWith('</html>\n')).toBe(true);
    });
  });
});
