import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './run-cli';
import { tempCwd } from './temp-cwd';

jest.setTimeout(240_000);

// The render app's sketch that breaks at frame 3 in the way its seed says.
const FAULTY = join(__dirname, '..', '..', 'render', 'test', 'fixtures', 'faulty-sketch.ts');
const ONE_CHUNK = ['--frames', '8', '--frames-per-job', '8', '--width', '32', '--height', '16', '--fps', '10'];

/** `framefarm run` of the faulty sketch, as a user runs it from their project: `--sketch sketches/faulty.ts`. */
async function runFaulty(runId: string, seed: string, ...flags: string[]) {
  const cwd = tempCwd('ff-cli-sketch-fault-');
  mkdirSync(join(cwd, 'sketches'));
  copyFileSync(FAULTY, join(cwd, 'sketches', 'faulty.ts'));
  const result = await runCli(['run', ...ONE_CHUNK, '--sketch', 'sketches/faulty.ts', '--seed', seed, '--run-id', runId, '--json', ...flags], cwd);
  const summary = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { status?: string; video?: string };
  return { ...result, summary, cwd };
}

describe('framefarm run with a faulty sketch', () => {
  it("prints the user's file and line when the sketch throws", async () => {
    const result = await runFaulty('fault-throw', 'throw');
    expect({ code: result.code, summary: result.summary }).toMatchObject({ code: 1, summary: { status: 'FAILED' } });
    expect(result.stderr).toMatch(/run fault-throw failed in job .*render/);
    expect(result.stderr).toContain('sketches/faulty.ts:21:32: the sketch threw while drawing frame 3: Error: no frame 3 today');
    expect(result.stderr).not.toMatch(/main\.cjs:\d+/);
  });

  it('fails the run naming the frame that did not finish within --frame-timeout', async () => {
    const result = await runFaulty('fault-endless', 'endless', '--frame-timeout', '1');
    expect({ code: result.code, summary: result.summary }).toMatchObject({ code: 1, summary: { status: 'FAILED' } });
    expect(result.stderr).toContain('frame 3 did not finish within 1 s');
    expect(existsSync(join(result.cwd, 'out', 'fault-endless', 'video.mp4'))).toBe(false);
  });

  it('fails the run when the sketch calls process.exit(0)', async () => {
    const result = await runFaulty('fault-exit', 'exit');
    expect({ code: result.code, summary: result.summary }).toMatchObject({ code: 1, summary: { status: 'FAILED' } });
    expect(result.stderr).toContain('the sketch called process.exit(0) while drawing frame 3; a sketch cannot end its job');
    expect(result.summary.video).toBeUndefined();
  });

  it('never runs the sketch itself: one that calls process.exit(0) as it loads fails in its render job', async () => {
    const cwd = tempCwd('ff-cli-exiting-');
    const result = await runCli(['run', ...ONE_CHUNK, '--sketch', join(__dirname, 'fixtures', 'exiting-sketch.js'), '--run-id', 'fault-exit-load', '--json'], cwd);
    const summary = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { status?: string; video?: string };
    expect({ code: result.code, summary }).toMatchObject({ code: 1, summary: { status: 'FAILED' } });
    expect(result.stderr).toMatch(/run fault-exit-load failed in job .*render/);
    expect(result.stderr).toContain('the sketch called process.exit(0) while loading; a sketch cannot end its job');
    expect(summary.video).toBeUndefined();
  });

  it('refuses a sketch whose frames only running it would tell, saying what to write', async () => {
    const cwd = tempCwd('ff-cli-computed-');
    const result = await runCli(['run', '--sketch', join(__dirname, 'fixtures', 'computed-sketch.js')], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('computed-sketch.js exports frames, but not as a number written in the file (export const frames = …)');
    expect(result.stderr).toContain('Write the number there, or give frames when you run the sketch (--frames)');
    // The stack started while the sketch was read; refused, the run leaves no state directory behind.
    expect(existsSync(join(cwd, '.framefarm'))).toBe(false);
    // --frames gives the setting instead: the run renders.
    const given = await runCli(['run', ...ONE_CHUNK, '--sketch', join(__dirname, 'fixtures', 'computed-sketch.js'), '--json'], cwd);
    expect({ code: given.code, stderr: given.stderr }).toMatchObject({ code: 0 });
    expect(JSON.parse(given.stdout.trim().split('\n').pop() ?? '{}')).toMatchObject({ status: 'SUCCEEDED', frames: 8 });
  });

  it('refuses a bad --frame-timeout before starting anything', async () => {
    const cwd = tempCwd('ff-cli-bad-timeout-');
    const result = await runCli(['run', '--frame-timeout', '0'], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--frame-timeout must be at least 1 (got "0")');
    expect(existsSync(join(cwd, '.framefarm'))).toBe(false);
  });
});
