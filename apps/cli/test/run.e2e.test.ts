import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveFfprobe } from '@framefarm/media';
import { runCli } from './run-cli';
import { tempCwd } from './temp-cwd';

jest.setTimeout(180_000);

const SMALL = ['--frames', '12', '--frames-per-job', '4', '--width', '160', '--height', '90', '--fps', '12'];

describe('framefarm run (real programs on the embedded local stack)', () => {
  it('renders a video and prints its summary as the one JSON document on stdout', async () => {
    const cwd = tempCwd('ff-cli-run-');
    const result = await runCli(['run', ...SMALL, '--sketch', 'aurora', '--run-id', 'cli-e2e', '--json'], cwd);
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ runId: 'cli-e2e', status: 'SUCCEEDED', frames: 12, chunks: 3, width: 160, height: 90, fps: 12 });
    expect(summary.timingsMs.render).toBeGreaterThan(0);
    expect(summary.timingsMs.total).toBeGreaterThanOrEqual(summary.timingsMs.render);
    // What the same run would cost on the stack as configured: every step's attempts held something.
    expect(summary.cost.usd).toBeGreaterThan(0);
    expect(Object.keys(summary.cost.byStep).sort()).toEqual(['encode', 'plan', 'render']);
    expect(summary.cost.usd).toBeCloseTo(summary.cost.byStep.plan + summary.cost.byStep.render + summary.cost.byStep.encode, 12);

    const video = join(cwd, summary.video);
    const probe = execFileSync(resolveFfprobe(), ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames,pix_fmt', '-of', 'json', video], { encoding: 'utf8' });
    expect(JSON.parse(probe).streams[0]).toEqual({ nb_read_frames: '12', pix_fmt: 'yuv420p' });
    expect(existsSync(join(cwd, summary.poster))).toBe(true);
    expect(readFileSync(join(cwd, summary.report), 'utf8')).toContain('cli-e2e');
    expect(existsSync(join(cwd, '.framefarm'))).toBe(true);
  });

  it('rejects bad flags with exit code 2 before starting anything', async () => {
    const cwd = tempCwd('ff-cli-bad-');
    const result = await runCli(['run', '--width', '321'], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--width must be even');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(cwd, '.framefarm'))).toBe(false);

    const unknownSketch = await runCli(['run', '--sketch', 'no-such-sketch'], cwd);
    expect(unknownSketch.code).toBe(2);
    expect(unknownSketch.stderr).toMatch(/no built-in sketch "no-such-sketch"; choose one of .*aurora/);
  });

  it('names the failed job, its reason and the tail of its log when a sketch breaks', async () => {
    const cwd = tempCwd('ff-cli-fail-');
    const sketch = join(__dirname, 'fixtures', 'failing-sketch.js');
    const result = await runCli(['run', ...SMALL, '--sketch', sketch, '--run-id', 'cli-e2e-fail', '--json'], cwd);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/run cli-e2e-fail failed in job .*render.* \(.+:1\)/);
    expect(result.stderr).toMatch(/reason: .+/);
    expect(result.stderr).toContain('the sketch broke on frame 5');
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ runId: 'cli-e2e-fail', status: 'FAILED', failedJob: { reason: expect.any(String) } });
    expect(JSON.parse(result.stderr.trim().split('\n').pop()!)).toEqual({ error: { name: 'RunFailedError', message: 'run cli-e2e-fail failed', exitCode: 1 } });
    expect(summary.video).toBeUndefined();
    expect(existsSync(join(cwd, 'out', 'cli-e2e-fail', 'video.mp4'))).toBe(false);
  });
});
