import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { jobDefinitionEnvironment, LOCAL_RESOURCES } from '@framefarm/job-specs';

const ROOT = join(__dirname, '..', '..', '..');

/** Runs the plan job's entry point as its own process (through tsx), with only the given environment. */
function runPlanMain(env: Record<string, string>): Promise<{ code: number; lines: Record<string, unknown>[] }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/plan/src/main.ts')], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', TSX_TSCONFIG_PATH: join(ROOT, 'apps/plan/tsconfig.json'), ...env } }, (error, stdout) => {
      const lines = stdout.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
      resolve({ code: error ? Number(error.code) : 0, lines });
    });
  });
}

// Bounds a hang, not a duration: this bundles or starts programs, which a loaded CI machine once took past jest's default 5 s for.
jest.setTimeout(60_000);

describe('the plan job: a thin adapter over @framefarm/planning', () => {
  it('refuses settings the one definition refuses, with exit code 2 and every problem in one JSON line', async () => {
    const { code, lines } = await runPlanMain({ ...jobDefinitionEnvironment(LOCAL_RESOURCES), TOTAL_FRAMES: '0x10', FRAMES_PER_RENDER_JOB: '4', FPS: '200', SKETCH: 'orbits' });
    expect(code).toBe(2);
    const failed = lines.find((line) => line.event === 'job-failed');
    expect(failed).toMatchObject({ exitCode: 2, errorName: 'InvalidEnvironmentError' });
    const message = JSON.stringify(failed);
    expect(message).toContain('FPS must be at most 120');
    expect(message).toContain('TOTAL_FRAMES must be a whole number');
  });
});
