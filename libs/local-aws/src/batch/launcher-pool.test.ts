import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { poolFiles } from '../../test/batch/pool-files';
import { LauncherPool, type LaunchCallbacks } from './launcher-pool';

interface Result {
  pid?: number;
  stdout: string;
  stderr: string;
  exitCode?: number;
  error?: string;
}

function launch(pool: LauncherPool, argv: string[], env: Record<string, string> = {}, varying: string[] = []): Promise<Result> {
  return new Promise((resolve) => {
    const result: Result = { stdout: '', stderr: '' };
    const callbacks: LaunchCallbacks = {
      onStarted: (pid) => (result.pid = pid),
      onOutput: (stream, text) => (result[stream] += text),
      onFinished: (exitCode, error) => resolve({ ...result, exitCode, error }),
    };
    pool.run({ argv, env, varying }, callbacks);
  });
}

// Bounds a hang, not a duration: this starts programs, which a loaded CI machine once took past jest's default 5 s for.
jest.setTimeout(60_000);

describe('LauncherPool', () => {
  // Without the sandbox: these tests look at process groups from inside and share files with the jobs.
  const pool = new LauncherPool({ sandbox: { available: false } });
  const dir = mkdtempSync(join(tmpdir(), 'launcher-test-'));
  afterAll(() => {
    pool.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers all output, split across many chunks, and the exit code', async () => {
    const script = 'for i in $(seq 20000); do echo "line $i"; done; printf "tail without newline" >&2; exit 3';
    const result = await launch(pool, ['/bin/sh', '-c', script]);
    const lines = result.stdout.split('\n');
    expect(lines).toHaveLength(20001);
    expect(lines[19999]).toBe('line 20000');
    expect(lines[20000]).toBe('');
    expect(result.stderr).toBe('tail without newline');
    expect(result.exitCode).toBe(3);
    expect(result.pid).toBeGreaterThan(0);
  });

  it('keeps text that merely looks like the start of an end marker', async () => {
    const result = await launch(pool, ['/bin/sh', '-c', 'printf -- "--framefarm-end-"; printf -- "-"']);
    expect(result.stdout).toBe('--framefarm-end--');
  });

  it('gives each launch only its own environment, even on a reused launcher', async () => {
    const first = await launch(pool, ['/bin/sh', '-c', 'echo "$AWS_BATCH_JOB_ARRAY_INDEX|$SECRET"'], { AWS_BATCH_JOB_ARRAY_INDEX: '7', SECRET: "a'b" }, ['AWS_BATCH_JOB_ARRAY_INDEX']);
    const second = await launch(pool, ['/bin/sh', '-c', 'echo "${AWS_BATCH_JOB_ARRAY_INDEX-unset}|${SECRET-unset}"'], {});
    expect(first.stdout).toBe("7|a'b\n");
    expect(second.stdout).toBe('unset|unset\n');
  });

  it('never prints a job’s environment when the job is killed (bash reports killed jobs with their command text)', async () => {
    const printed: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((text: string | Uint8Array) => {
      printed.push(String(text));
      return true;
    });
    try {
      const secret = `token-${Date.now()}`;
      for (const signal of ['KILL', 'TERM', 'SEGV']) {
        const result = await launch(pool, ['/bin/sh', '-c', `kill -${signal} $$`], { SECRET_TOKEN: secret });
        expect(result.exitCode).toBeGreaterThan(128);
      }
      // give the launcher a moment to flush anything it would report
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(printed.join('')).not.toContain(secret);
    } finally {
      spy.mockRestore();
    }
  });

  it('reports the end of a job killed by a signal even where bash reads freed memory as a stopped process', async () => {
    // bash 5.2's `wait -f` looked at a killed job after freeing it; with freed memory filled with 0x7f
    // it always took the job for stopped and waited for ever (with glibc's own fill, one launcher in 256)
    const poisoned = new LauncherPool({
      sandbox: { available: false },
      launcherEnvironment: { GLIBC_TUNABLES: 'glibc.malloc.tcache_count=0:glibc.malloc.perturb=127' },
    });
    const bound = (ms: number): Promise<Result> => new Promise((resolve) => setTimeout(() => resolve({ stdout: '', stderr: '', error: `no end within ${ms} ms` }), ms).unref());
    try {
      const commands = ['kill -KILL $$', 'kill -TERM $$', 'kill -SEGV $$', 'exit 147'];
      const results = await Promise.all(commands.map((command) => Promise.race([launch(poisoned, ['/bin/sh', '-c', command]), bound(20_000)])));
      expect(results.map((result) => result.error ?? result.exitCode)).toEqual([137, 143, 139, 147]);
    } finally {
      poisoned.close();
    }
  });

  it('runs each launch in its own process group and reports signals as 128 + n', async () => {
    const result = await launch(pool, ['/bin/sh', '-c', 'ps -o pgid= -p $$; kill -TERM $$']);
    expect(Number(result.stdout.trim())).toBe(result.pid);
    expect(result.exitCode).toBe(143);
  });

  it('keeps a process stopped by SIGSTOP until it is continued, as a container does (a stop is not an exit)', async () => {
    let pid = 0;
    let finished = false;
    const result = new Promise<Result>((resolve) => {
      let stdout = '';
      pool.run(
        { argv: ['/bin/sh', '-c', 'kill -STOP $$; echo resumed'], env: {}, varying: [] },
        {
          onStarted: (started) => (pid = started),
          onOutput: (_, text) => (stdout += text),
          onFinished: (exitCode, error) => {
            finished = true;
            resolve({ stdout, stderr: '', exitCode, error });
          },
        },
      );
    });
    const stateOf = (id: number): string => readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1]?.[0] ?? '';
    while (!finished && (pid === 0 || stateOf(pid) !== 'T')) await new Promise((resolve) => setTimeout(resolve, 10));
    if (!finished) process.kill(pid, 'SIGCONT');
    expect(await result).toMatchObject({ exitCode: 0, stdout: 'resumed\n' });
  });

  it('runs launches side by side on separate launchers', async () => {
    const [a, b] = await Promise.all([
      launch(pool, ['/bin/sh', '-c', 'touch "$DIR/a"; until [ -f "$DIR/b" ]; do sleep 0.01; done; echo a'], { DIR: dir }),
      launch(pool, ['/bin/sh', '-c', 'touch "$DIR/b"; until [ -f "$DIR/a" ]; do sleep 0.01; done; echo b'], { DIR: dir }),
    ]);
    expect([a.stdout, b.stdout]).toEqual(['a\n', 'b\n']);
  });
});

describe('LauncherPool in the sandbox', () => {
  const pool = new LauncherPool();
  afterAll(() => pool.close());

  it('gives every launch a fresh, empty /tmp and removes it with what the job wrote', async () => {
    expect(pool.sandbox.available).toBe(true); // CI installs bubblewrap (.ci/run)
    const name = `left-${process.pid}-${Date.now()}`;
    const results: Result[] = [];
    // one launcher, one launch after another: every one after the first gets a directory made ahead
    for (let i = 0; i < 4; i++) results.push(await launch(pool, ['/bin/sh', '-c', `ls -A /tmp; echo ${i} > /tmp/${name}; cat /tmp/${name}`]));
    expect(results.map((r) => r.stdout)).toEqual(['0\n', '1\n', '2\n', '3\n']);
    expect(results.map((r) => r.exitCode)).toEqual([0, 0, 0, 0]);
    expect(poolFiles().filter((file) => basename(file) === name)).toEqual([]);
  });
});
