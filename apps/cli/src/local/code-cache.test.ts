import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { jobNodeExecutable } from '@framefarm/local-aws';
import { readRunSettings } from '@framefarm/run-store';
import { codeCacheFillEnvironment, fillCodeCache, jobStartScript } from './code-cache';

const ROOT = resolve(__dirname, '..', '..', '..', '..');

/** A stand-in for a job bundle: prints what it is and its arguments; without JOB_VARIABLE it stops, as the bundles do. */
const bundleSource = (name: string): string =>
  `if (!process.env.JOB_VARIABLE) { process.exitCode = 2; } else { console.log(JSON.stringify({ name: ${JSON.stringify(name)}, argv: process.argv.slice(1), main: require.main === module })); }\n`;

describe('job bundles start with a code cache that only the CLI writes', () => {
  const node = jobNodeExecutable();
  let dir: string;
  let bundle: string;
  const start = (...args: string[]): unknown =>
    JSON.parse(execFileSync(node, [jobStartScript(ROOT), bundle, ...args], { env: { PATH: process.env.PATH ?? '', JOB_VARIABLE: '1' }, encoding: 'utf8' }));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ff-code-cache-'));
    bundle = join(dir, 'main.cjs');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fills <bundle>.v8cache for exactly these bytes, and the job runs as `node <bundle> args` would', () => {
    writeFileSync(bundle, bundleSource('first'));
    fillCodeCache(node, ROOT, bundle);
    const cache = readFileSync(`${bundle}.v8cache`);
    const source = readFileSync(bundle);
    expect(cache.readUInt32LE(0)).toBe(crc32(source));
    expect(cache.readUInt32LE(4)).toBe(source.length);
    expect(start('--frames', '2')).toEqual({ name: 'first', argv: [bundle, '--frames', '2'], main: true });
  });

  it('fills in a whole job environment whose endpoint closes every request at once', () => {
    // A stand-in that, run as the fill runs it, keeps what it saw: its environment, and what became of a request to its endpoint.
    writeFileSync(
      bundle,
      `require('node:http').get(process.env.AWS_ENDPOINT_URL, () => keep('answered')).on('error', (error) => keep(error.code));\n` +
        `function keep(outcome) { require('node:fs').writeFileSync(__filename + '.fill.json', JSON.stringify({ outcome, env: process.env })); }\n`,
    );
    fillCodeCache(node, ROOT, bundle);
    const seen = JSON.parse(readFileSync(`${bundle}.fill.json`, 'utf8')) as { outcome: string; env: Record<string, string> };
    expect(seen.outcome).toBe('ECONNRESET');
    expect(seen.env.AWS_ENDPOINT_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(seen.env.AWS_MAX_ATTEMPTS).toBe('1');
    expect(seen.env).toMatchObject({ ...codeCacheFillEnvironment(), RUN_ID: expect.stringMatching(/^run-/) });
    expect(readRunSettings(seen.env)).toMatchObject({ totalFrames: 2, framesPerRenderJob: 2 });
    expect(readFileSync(`${bundle}.v8cache`).readUInt32LE(0)).toBe(crc32(readFileSync(bundle)));
  });

  it('takes the bundle by a relative path too, as node does', () => {
    writeFileSync(bundle, bundleSource('relative'));
    const output = execFileSync(node, [jobStartScript(ROOT), 'main.cjs', 'x'], { cwd: dir, env: { PATH: process.env.PATH ?? '', JOB_VARIABLE: '1' }, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({ name: 'relative', argv: [bundle, 'x'], main: true });
  });

  it('runs a changed bundle of the same length as it is now, not as cached', () => {
    writeFileSync(bundle, bundleSource('first'));
    fillCodeCache(node, ROOT, bundle);
    writeFileSync(bundle, bundleSource('other'));
    // The cache looks newer than the bundle, so the CLI would not refill it: job-start must notice.
    const past = new Date(Date.now() - 60_000);
    utimesSync(bundle, past, past);
    expect(start()).toEqual({ name: 'other', argv: [bundle], main: true });
  });

  it('refills the cache when the bundle is newer than it', () => {
    writeFileSync(bundle, bundleSource('first'));
    fillCodeCache(node, ROOT, bundle);
    writeFileSync(bundle, bundleSource('second, longer'));
    const future = new Date(Date.now() + 60_000);
    utimesSync(bundle, future, future);
    fillCodeCache(node, ROOT, bundle);
    expect(readFileSync(`${bundle}.v8cache`).readUInt32LE(0)).toBe(crc32(readFileSync(bundle)));
    expect(start()).toEqual({ name: 'second, longer', argv: [bundle], main: true });
  });
});
