import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jobNodeExecutable } from '@framefarm/local-aws';
import { fillCodeCache } from '../src/local/code-cache';
import { ROOT } from './run-cli';

const STEPS = ['plan', 'render', 'encode'] as const;

// The built job bundles, each filled as the CLI fills it: the job must get past its environment
// check and fail at its first request, which is what the fill's environment is for. A job that
// needs a variable the fill does not give would stop at the check and fill little of its cache.
describe('filling a job bundle runs the job up to its first request', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ff-cache-fill-'));
    for (const step of STEPS) {
      mkdirSync(join(root, 'dist', 'apps', step), { recursive: true });
      copyFileSync(join(ROOT, 'dist', 'apps', step, 'main.cjs'), join(root, 'dist', 'apps', step, 'main.cjs'));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each(STEPS)('%s', (step) => {
    const bundle = join(root, 'dist', 'apps', step, 'main.cjs');
    const output = fillCodeCache(jobNodeExecutable(), ROOT, bundle) ?? '';
    const failed = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { event?: string; errorName?: string; error?: string; exitCode?: number })
      .find((entry) => entry.event === 'job-failed');
    expect(failed).toMatchObject({ exitCode: 1, error: expect.stringMatching(/socket hang up|ECONNRESET/) });
    expect(existsSync(`${bundle}.v8cache`)).toBe(true);
  });
});
