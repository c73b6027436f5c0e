import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('LauncherPool', () => {
  const pool = new LauncherPool();
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

  it('runs each launch in its own process group and reports signals as 128 + n', async () => {
    const result = await launch(pool, ['/bin/sh', '-c', 'ps -o pgid= -p $$; kill -TERM $$']);
    expect(Number(result.stdout.trim())).toBe(result.pid);
    expect(result.exitCode).toBe(143);
  });

  it('runs launches side by side on separate launchers', async () => {
    const [a, b] = await Promise.all([
      launch(pool, ['/bin/sh', '-c', 'touch "$DIR/a"; until [ -f "$DIR/b" ]; do sleep 0.01; done; echo a'], { DIR: dir }),
      launch(pool, ['/bin/sh', '-c', 'touch "$DIR/b"; until [ -f "$DIR/a" ]; do sleep 0.01; done; echo b'], { DIR: dir }),
    ]);
    expect([a.stdout, b.stdout]).toEqual(['a\n', 'b\n']);
  });
});
