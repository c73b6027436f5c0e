import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
    expect(first.misses).toBeGreaterThan(100);
    const second = start();
    // Every module and every require of the first start come from the cache: V8 accepted all of its data.
    expect(second).toEqual({ hits: first.hits + first.misses, misses: 0, resolvedFromCache: first.resolvedFromCache + first.resolvedByNode, resolvedByNode: 0 });
  });
});

// What a start loads is what every command pays for, however warm the cache: packages that only the
// jobs (the OpenTelemetry SDK they trace with), only a run on AWS (CloudFormation, X-Ray), only a
// workflow file (YAML) or only a local stack that starts (s3rver, dynalite, LevelDB, the IAM
// simulator) use are required where they are used.
describe('the CLI start', () => {
  it('loads neither the jobs\' tracing SDK, nor the local stack\'s servers, nor the clients and parsers only some commands use', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ff-cli-modules-'));
    try {
      const loaded = join(dir, 'loaded.json');
      const preload = join(dir, 'record-modules.cjs');
      writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(loaded)}, JSON.stringify(Object.keys(require.cache))));`);
      const result = spawnSync(process.execPath, ['--require', preload, join(ROOT, 'dist', 'apps', 'cli', 'main.cjs'), 'run', '--help'], { encoding: 'utf8' });
      expect(result.status).toBe(0);
      const files = JSON.parse(readFileSync(loaded, 'utf8')) as string[];
      // The CLI itself and the SDK's Batch client are there, so the list is the real one.
      expect(files.some((file) => file.endsWith('/dist/apps/cli/cli.cjs'))).toBe(true);
      expect(files.some((file) => file.includes('@aws-sdk/client-batch'))).toBe(true);
      const unwanted =
        /node_modules\/(@opentelemetry\/(sdk-trace-base|sdk-metrics|otlp-transformer|resources|semantic-conventions)|@aws-sdk\/client-(cloudformation|xray)|yaml|s3rver|dynalite|level|classic-level|@cloud-copilot\/iam-simulate)\//;
      expect(files.filter((file) => unwanted.test(file))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
