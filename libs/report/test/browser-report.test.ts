import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Browser } from 'playwright-core';
import { writeRunReport } from '../src/write-run-report';
import { fixtureRun } from './fixture-run';
import { launchChromium } from '@framefarm/browser-testing';
import { syntheticRun } from './synthetic-run';

// The report opened in a real browser: what a person sees, not what the HTML string contains.
// ffmpeg, the report and Chromium's first start on a cold machine took longer than jest's default
// 5 s once in CI: this bounds a hang, it does not time the test.
jest.setTimeout(60_000);
const ffmpeg = (): string => require('@ffmpeg-installer/ffmpeg').path;

async function makeMedia(dir: string): Promise<{ poster: string; video: string }> {
  const poster = join(dir, 'poster.png');
  const video = join(dir, 'video.mp4');
  const run = promisify(execFile);
  await run(ffmpeg(), ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x360', '-frames:v', '1', poster]);
  await run(ffmpeg(), ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=30', '-t', '2', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', video]);
  return { poster, video };
}

describe('the run report in headless Chromium', () => {
  let browser: Browser;
  let dir: string | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('shows every job on the timeline, the poster and the video, and a tooltip on hover', async () => {
    dir = await mkdtemp(join(tmpdir(), 'framefarm-report-browser-'));
    const { poster, video } = await makeMedia(dir);
    const input = fixtureRun();
    const report = await writeRunReport({ outFile: join(dir, 'report.html'), run: input.run, jobs: input.jobs, spans: input.spans, posterPath: poster, videoPath: video, now: input.now });
    expect(report.warnings).toEqual([]);

    const page = await browser.newPage({ viewport: { width: 1240, height: 900 } });
    try {
      await page.goto(pathToFileURL(report.path).href);
      const rows = page.locator('svg.timeline [data-job-row]');
      expect(await rows.count()).toBe(report.data.jobs.length);
      for (const job of report.data.jobs) {
        const id = page.locator(`[data-job-row][data-job-id="${job.jobId}"] text.job-id`);
        expect(await id.textContent()).toBe(job.jobId);
        expect(await id.isVisible()).toBe(true);
      }

      const posterWidth = await page.locator('#media img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
      expect(posterWidth).toBe(640);
      const videoDuration = await page
        .locator('#media video')
        .evaluate(
          (video) =>
            new Promise<number>((resolve) => {
              const element = video as unknown as { readyState: number; duration: number; addEventListener(type: string, listener: () => void): void };
              if (element.readyState >= 1) resolve(element.duration);
              element.addEventListener('loadedmetadata', () => resolve(element.duration));
              element.addEventListener('error', () => resolve(-1));
            }),
        );
      expect(videoDuration).toBeCloseTo(2, 1);

      await page.locator('[data-job-row] rect.bar.failed').first().hover();
      const tip = page.locator('#tip');
      expect(await tip.isVisible()).toBe(true);
      expect(await tip.textContent()).toContain('failed (exit 1)');

      await page.locator('#show-spans').uncheck();
      expect(await page.locator('svg.timeline rect.span').first().isVisible()).toBe(false);
      await page.locator('#show-spans').check();
      await page.mouse.move(0, 0);

      await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('shows a large failed run: every row, the failed chunk, encode never started', async () => {
    dir = await mkdtemp(join(tmpdir(), 'framefarm-report-browser-'));
    const input = syntheticRun(24, 8, 13);
    const report = await writeRunReport({ outFile: join(dir, 'report.html'), run: input.run, jobs: input.jobs, spans: input.spans, now: input.now });
    const page = await browser.newPage({ viewport: { width: 1240, height: 900 } });
    try {
      await page.goto(pathToFileURL(report.path).href);
      expect(await page.locator('svg.timeline [data-job-row]').count()).toBe(26);
      const ids = await page.locator('svg.timeline text.job-id').allTextContents();
      expect(ids).toEqual(report.data.jobs.map((job) => job.jobId));
      expect(await page.locator('[data-run-status]').textContent()).toBe('FAILED');
      const failedChunk = page.locator(`[data-job-row][data-job-id="${input.jobs.renderChildren[13].jobId}"]`);
      expect(await failedChunk.locator('rect.bar.failed').count()).toBe(3);
      const encodeRow = page.locator(`[data-job-row][data-job-id="${input.jobs.encode?.jobId}"]`);
      expect(await encodeRow.locator('rect.bar.queued').getAttribute('data-tip')).toMatch(/^failed · never started/);
      expect(await page.locator('#media').textContent()).toContain('No poster or video yet');
      await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });
});
