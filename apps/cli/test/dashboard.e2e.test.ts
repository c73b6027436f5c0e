import { BatchClient, CreateComputeEnvironmentCommand, UpdateJobQueueCommand } from '@aws-sdk/client-batch';
import { jobSpec, LOCAL_COMPUTE_ENVIRONMENT, STACK_CAPACITY_DEFAULTS } from '@framefarm/job-specs';
import { launchChromium } from '@framefarm/browser-testing';
import { localStackCredentials } from '@framefarm/local-aws';
import { ChildProcessByStdio, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Browser, Page } from 'playwright-core';
import { CliResult, ROOT, runCli } from './run-cli';

jest.setTimeout(600_000);

const LAUNCHER = join(ROOT, 'apps', 'cli', 'bin', 'framefarm.js');
const SMALL = ['--frames', '24', '--frames-per-job', '8', '--width', '320', '--height', '180', '--fps', '12'];
/** Screenshots of each page for docs/dashboard.md when DASHBOARD_SCREENSHOTS names a directory. */
const SCREENSHOTS = process.env.DASHBOARD_SCREENSHOTS;

type Process = ChildProcessByStdio<null, Readable, Readable>;

/** Starts a long-running CLI command and resolves with the first match of `pattern` in its output. */
function startCli(args: string[], cwd: string, pattern: RegExp): { child: Process; output: () => string; match: Promise<RegExpExecArray> } {
  const child = spawn(process.execPath, [LAUNCHER, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const match = new Promise<RegExpExecArray>((resolve, reject) => {
    const look = (chunk: Buffer) => {
      output += chunk;
      const found = pattern.exec(output);
      if (found) resolve(found);
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.on('exit', (code) => reject(new Error(`framefarm ${args[0]} exited with ${code}: ${output}`)));
  });
  return { child, output: () => output, match };
}

/**
 * The dashboard in a real browser against a real local stack. Render jobs are held RUNNABLE by
 * pointing the render queue at a disabled compute environment (plan still runs and records the
 * run), so every state the test looks for is one the page must reach, whatever the machine's
 * speed; waits are for what the page shows, never for a time.
 */
describe('the dashboard, in Chromium, against framefarm up', () => {
  let cwd: string;
  let up: ReturnType<typeof startCli>;
  let dashboard: ReturnType<typeof startCli>;
  let endpoint: string;
  let url: string;
  let batch: BatchClient;
  let browser: Browser;
  let page: Page;
  const cli = (...args: string[]): Promise<CliResult> => runCli([...args, '--endpoint', endpoint], cwd);
  const renderQueue = jobSpec('render').jobQueueName;
  const holdRenders = () => batch.send(new UpdateJobQueueCommand({ jobQueue: renderQueue, computeEnvironmentOrder: [{ order: 1, computeEnvironment: 'held' }] }));
  const releaseRenders = () => batch.send(new UpdateJobQueueCommand({ jobQueue: renderQueue, computeEnvironmentOrder: [{ order: 1, computeEnvironment: LOCAL_COMPUTE_ENVIRONMENT }] }));
  const shot = async (name: string) => {
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  };
  const progress = async () => Number(await page.getAttribute('[role=progressbar][aria-label="frames rendered"]', 'aria-valuenow'));

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'ff-dashboard-'));
    if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
    up = startCli(['up', '--port', '0', '--state-dir', join(cwd, 'state')], cwd, /^dashboard {2}(http:\/\/127\.0\.0\.1:(\d+)\/dashboard\/#token=\S+)$/m);
    const printed = await up.match;
    url = printed[1];
    endpoint = `http://127.0.0.1:${printed[2]}`;
    // The stack's own admin keys, from its state directory, as `framefarm env` prints them.
    batch = new BatchClient({ endpoint, region: 'us-east-1', credentials: await localStackCredentials(endpoint, {}) });
    await batch.send(
      new CreateComputeEnvironmentCommand({
        computeEnvironmentName: 'held',
        type: 'MANAGED',
        state: 'DISABLED',
        computeResources: { type: 'SPOT', maxvCpus: 2, subnets: [], instanceTypes: [...STACK_CAPACITY_DEFAULTS.instanceTypes] },
      }),
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    batch?.destroy();
    for (const process of [dashboard?.child, up?.child]) if (process && process.exitCode === null) process.kill('SIGKILL');
    rmSync(cwd, { recursive: true, force: true });
  });

  it('refuses a page opened without the printed link', async () => {
    await page.goto(url.replace(/#token=.*/, '#/runs'));
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Open the dashboard with the link');
  });

  it('follows a run live: progress moves, chunk previews appear, a job log opens; done, it shows the video and the cost', async () => {
    await holdRenders();
    const submitted = await cli('submit', ...SMALL, '--run-id', 'dash-live', '--json');
    expect({ code: submitted.code, stderr: submitted.stderr }).toMatchObject({ code: 0 });

    await page.goto(url);
    await page.getByRole('link', { name: 'dash-live' }).click();
    await page.getByRole('heading', { name: /dash-live/ }).waitFor();
    // Plan has run and recorded three chunks; no render job can start yet: the bar stands at 0.
    await page.locator('.chunk').nth(2).waitFor();
    expect(await progress()).toBe(0);
    await shot('run-waiting');

    await releaseRenders();
    await page.locator('[role=progressbar][aria-label="frames rendered"][aria-valuenow="24"]').waitFor();
    await page.getByText('SUCCEEDED', { exact: true }).first().waitFor();
    await page.locator('video').waitFor();

    // Every chunk published a preview of its frames: three images that loaded. Asked from here until
    // it holds (the page may re-render them meanwhile); page.waitForFunction would poll in the page
    // with eval, which the dashboard's CSP refuses whenever the first look does not hold.
    const loadedPreviews = () =>
      page.locator('img.chunk-preview').evaluateAll((images) => images.filter((image) => {
        const img = image as unknown as { complete: boolean; naturalWidth: number };
        return img.complete && img.naturalWidth > 0;
      }).length);
    // Bounded, so that a preview that never loads fails here with the count instead of at the test's timeout.
    for (const until = Date.now() + 60_000; (await loadedPreviews()) !== 3 && Date.now() < until; ) await page.waitForTimeout(100);
    expect(await loadedPreviews()).toBe(3);
    // Each preview's address carries its chunk's version: a preview asked for before its first upload is asked for again.
    expect(await page.locator('img.chunk-preview').evaluateAll((images) => images.map((image) => image.getAttribute('src') ?? ''))).toEqual(
      [0, 1, 2].map((index) => expect.stringMatching(new RegExp(`/media/runs/dash-live/chunks/0000${index}\\.preview\\.jpg\\?v=`))),
    );
    const cost = await page.locator('.facts .cost').textContent();
    expect(cost).toMatch(/^\$\d/);
    expect(await page.locator('video').getAttribute('src')).toMatch(/\/dashboard\/api\/media\/runs\/dash-live\/video\.mp4$/);
    await shot('run');

    await page.getByRole('button', { name: /framefarm-render-dash-live:1/ }).click();
    await page.locator('pre.log').filter({ hasText: '"event":"chunk-rendered"' }).waitFor();

    await page.goto(url.replace(/#token=.*/, '#/runs'));
    await page.getByRole('link', { name: 'dash-live' }).waitFor();
    expect(await page.locator('table.runs').textContent()).toMatch(/dash-live.*SUCCEEDED/s);
    await shot('runs');
  });

  it('cancels a run from its page, and resumes it to a video', async () => {
    await holdRenders();
    const submitted = await cli('submit', ...SMALL, '--run-id', 'dash-cancel', '--json');
    expect(submitted.code).toBe(0);
    // The queues page says what waits and why.
    await page.goto(url.replace(/#token=.*/, '#/queues'));
    const renderQueue = page.getByRole('article', { name: 'queue framefarm-render' });
    await renderQueue.getByText(/PENDING: array of 3: 3 waiting for capacity \(every compute environment of the queue is disabled: held\)/).waitFor();
    await shot('queues');

    await page.goto(url.replace(/#token=.*/, '#/runs'));
    await page.getByRole('link', { name: 'dash-cancel' }).click();
    // Its render jobs wait for capacity; the page offers to cancel.
    const cancel = page.getByRole('button', { name: 'Cancel run' });
    await page.locator('.actions button:not([disabled])', { hasText: 'Cancel run' }).waitFor();
    await cancel.click();
    await page.getByRole('status').filter({ hasText: /Stopped \d+ job/ }).waitFor();
    await page.getByRole('heading', { name: /dash-cancel/ }).getByText('FAILED').waitFor();
    expect(await page.locator('.timeline-status').allTextContents()).toEqual(expect.arrayContaining(['FAILED']));
    expect((await page.locator('.timeline-status').allTextContents()).every((s) => s === 'FAILED' || s === 'SUCCEEDED')).toBe(true);
    await shot('run-cancelled');

    await releaseRenders();
    await page.goto(url.replace(/#token=.*/, '#/runs/dash-cancel'));
    await page.getByRole('button', { name: 'Resume run' }).click();
    await page.getByRole('status').filter({ hasText: /Resumed with plan job/ }).waitFor();
    await page.locator('video').waitFor();
    expect(await progress()).toBe(24);
  });

  it('shows markup a job printed as text, and runs none of it', async () => {
    const sketch = join(ROOT, 'apps', 'cli', 'test', 'fixtures', 'markup-sketch.js');
    const submitted = await cli('submit', '--sketch', sketch, '--frames', '4', '--frames-per-job', '4', '--width', '64', '--height', '36', '--fps', '4', '--run-id', 'dash-markup', '--json');
    expect({ code: submitted.code, stderr: submitted.stderr }).toMatchObject({ code: 0 });
    await page.goto(url.replace(/#token=.*/, '#/runs/dash-markup'));
    await page.locator('video').waitFor();
    await page.getByRole('button', { name: /framefarm-render-dash-markup/ }).click();
    const log = page.locator('pre.log').filter({ hasText: '<img src=x onerror=' });
    await log.waitFor();
    expect(await log.locator('img, script').count()).toBe(0);
    expect(await page.evaluate('window.__framefarmXss')).toBeUndefined();
  });

  it('framefarm dashboard serves the same dashboard for a stack given by endpoint, with its own token', async () => {
    dashboard = startCli(['dashboard', '--endpoint', endpoint, '--port', '0'], cwd, /^dashboard {2}(http:\/\/127\.0\.0\.1:(\d+)\/dashboard\/#token=(\S+))$/m);
    const [, , port, token] = await dashboard.match;
    const runs = await fetch(`http://127.0.0.1:${port}/dashboard/api/runs`, { headers: { authorization: `Bearer ${token}` } });
    expect(runs.status).toBe(200);
    const page = (await runs.json()) as { runs: { runId: string; status: string }[] };
    expect(page.runs.map((r) => r.runId).sort()).toEqual(['dash-cancel', 'dash-live', 'dash-markup']);
    // The token of up's dashboard opens nothing here, nor does none.
    expect((await fetch(`http://127.0.0.1:${port}/dashboard/api/runs`)).status).toBe(401);
  });

  it('shows a clear not-found page for an unknown run and job', async () => {
    await page.goto(url.replace(/#token=.*/, '#/runs/no-such-run'));
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('There is no run no-such-run');
    await page.goto(url.replace(/#token=.*/, '#/jobs/no-such-job'));
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
  });
});
