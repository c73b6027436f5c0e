import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './run-cli';

interface CacheStats {
  hits: number;
  misses: number;
  resolvedFromCache: number;
  resolvedByNode: number;
}

// The built CLI in a checkout of its own (its bundles, the repository's packages), so its module
// cache starts empty and no other test writes it.
describe('the CLI bundle starts from its module cache', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ff-cli-cache-'));
    const bundles = join(root, 'dist', 'apps', 'cli');
    mkdirSync(bundles, { recursive: true });
    for (const file of ['main.cjs', 'cli.cjs']) copyFileSync(join(ROOT, 'dist', 'apps', 'cli', file), join(bundles, file));
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** `framefarm status --help` from the copy, and what its module cache did. */
  const start = (): CacheStats => {
    const result = spawnSync(process.execPath, [join(root, 'dist', 'apps', 'cli', 'main.cjs'), 'status', '--help'], {
      env: { ...process.env, FRAMEFARM_MODULE_CACHE: 'stats' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: framefarm status');
    const line = /framefarm module cache: (\{.*\})/.exec(result.stderr);
    if (!line) throw new Error(`no module cache stats in: ${result.stderr}`);
    return JSON.parse(line[1]) as CacheStats;
  };

  it('after one start that fills it, with the V8 flags the CLI sets', () => {
    const first = start();
    expect(first.misses).toBeGreaterThan(500);
    const second = start();
    // Every module and every require of the first start come from the cache: V8 accepted all of its data.
    expect(second).toEqual({ hits: first.hits + first.misses, misses: 0, resolvedFromCache: first.resolvedFromCache + first.resolvedByNode, resolvedByNode: 0 });
  });
});
