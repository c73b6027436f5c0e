import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultFramesPerJob } from '@framefarm/job-specs';
import { machineCapacity } from '@framefarm/local-aws';
import type { JsonError } from '../src/ui/output';
import { CliResult, runCli, RunningCli, startCli } from './run-cli';

jest.setTimeout(300_000);

const SMALL = ['--frames', '8', '--frames-per-job', '4', '--width', '64', '--height', '36', '--fps', '8'];

/**
 * Every command against one `framefarm up` on a free port: submit, status, logs, cancel, and up
 * itself (it prints where it listens and stops cleanly on SIGINT). Waiting polls `status`; no
 * assertion depends on how long anything takes.
 */
describe('framefarm up, submit, status, logs, cancel (one local stack on port 0)', () => {
  let cwd: string;
  let up: RunningCli;
  const upOut = (): string => up.stdout() + up.stderr();
  let endpoint: string;
  const cli = (...args: string[]): Promise<CliResult> => runCli([...args, '--endpoint', endpoint], cwd);

  type RunStatus = { status: string; stage: string; error?: string; progress: { framesDone: number; chunks: number }; jobs: Record<string, { jobId: string; status: string } | undefined> };

  /** A run's status; undefined until its plan job has written the run's record (submit returns before that). */
  async function statusOf(runId: string): Promise<RunStatus | undefined> {
    const result = await cli('status', runId, '--json');
    if (result.code === 2 && (JSON.parse(result.stderr) as JsonError).error.name === 'RunNotFoundError') return undefined;
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
    return JSON.parse(result.stdout);
  }

  async function waitForStatus(runId: string, done: (status: RunStatus) => boolean): Promise<RunStatus> {
    for (;;) {
      const status = await statusOf(runId);
      if (status && done(status)) return status;
      await sleep(500);
    }
  }

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'ff-cli-commands-'));
    up = startCli(['up', '--port', '0', '--state-dir', join(cwd, 'state')], cwd);
    endpoint = await up.until((stdout) => /is up at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1]);
  });

  afterAll(async () => {
    if (up.child.exitCode === null) up.child.kill('SIGKILL');
    rmSync(cwd, { recursive: true, force: true });
  });

  it('up prints its endpoint, state directory and the environment for the AWS CLI', () => {
    expect(endpoint).not.toBe('http://127.0.0.1:4566');
    expect(upOut()).toContain(`state in ${join(cwd, 'state')})`);
    // The environment for the AWS CLI comes from `framefarm env`, with the stack's own credentials.
    expect(upOut()).toContain(`eval "$(npx framefarm env --endpoint ${endpoint})"`);
    expect(upOut()).toMatch(/^dashboard {2}http:\/\/127\.0\.0\.1:\d+\/dashboard\/#token=\S+$/m);
  });

  it('submit returns at once; status follows the run to SUCCEEDED; logs print every job, prefixed', async () => {
    const submitted = await cli('submit', ...SMALL, '--run-id', 'cmd-e2e', '--json');
    expect({ code: submitted.code, stderr: submitted.stderr }).toMatchObject({ code: 0 });
    const { runId, planJobId } = JSON.parse(submitted.stdout);
    expect(runId).toBe('cmd-e2e');

    const done = await waitForStatus('cmd-e2e', (s) => s.status === 'SUCCEEDED' || s.status === 'FAILED');
    expect(done).toMatchObject({ status: 'SUCCEEDED', stage: 'succeeded', jobs: { plan: { jobId: planJobId, status: 'SUCCEEDED' }, encode: { status: 'SUCCEEDED' } } });

    const human = await cli('status', 'cmd-e2e');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^run cmd-e2e: SUCCEEDED/);
    expect(human.stdout).toMatch(/render +\S+ SUCCEEDED \[SUCCEEDED 2\]/);

    const logs = await cli('logs', 'cmd-e2e', '--tail', '1');
    expect(logs.code).toBe(0);
    const prefixes = new Set(logs.stdout.trim().split('\n').map((line) => /^\[([^\]]+)\]/.exec(line)?.[1]));
    expect([...prefixes].sort()).toEqual(['framefarm-encode-cmd-e2e', 'framefarm-render-cmd-e2e:0', 'framefarm-render-cmd-e2e:1', 'plan-cmd-e2e']);

    const planLog = await cli('logs', planJobId);
    expect(planLog.code).toBe(0);
    expect(planLog.stdout).toContain('"event":"encode-submitted"');

    const jsonLogs = await cli('logs', 'cmd-e2e', '--tail', '1', '--json');
    expect(jsonLogs.code).toBe(0);
    const { jobs } = JSON.parse(jsonLogs.stdout) as { jobs: { jobName: string; arrayIndex?: number; lines: string[] }[] };
    expect(jobs.map((j) => `${j.jobName}${j.arrayIndex === undefined ? '' : `:${j.arrayIndex}`}`).sort()).toEqual([...prefixes].sort());
    expect(jobs.every((j) => j.lines.length === 1)).toBe(true);
  });

  it('cancel stops a running run; status then says FAILED with the reason', async () => {
    // draw() never returns from frame 12 on, so the run is rendering when it is cancelled, however slow the machine
    const sketch = join(__dirname, 'fixtures', 'blocking-sketch.js');
    const blocking = ['--frames', '40', '--frames-per-job', '20', '--width', '64', '--height', '36', '--fps', '8', '--sketch', sketch];
    const submitted = await cli('submit', ...blocking, '--run-id', 'cmd-cancel', '--json');
    expect({ code: submitted.code, stderr: submitted.stderr }).toMatchObject({ code: 0 });
    await waitForStatus('cmd-cancel', (s) => s.progress.framesDone > 0);
    const cancelled = await cli('cancel', 'cmd-cancel', '--reason', 'test says stop', '--json');
    expect({ code: cancelled.code, stderr: cancelled.stderr }).toMatchObject({ code: 0 });
    const { stopped } = JSON.parse(cancelled.stdout) as { stopped: number };
    expect(JSON.parse(cancelled.stdout)).toEqual({ runId: 'cmd-cancel', stopped, reason: 'test says stop' });
    expect(stopped).toBeGreaterThanOrEqual(2); // at least the blocked render child and the encode job
    const after = await waitForStatus('cmd-cancel', (s) => s.stage === 'failed' || s.stage === 'succeeded');
    expect(after).toMatchObject({ status: 'FAILED', stage: 'failed', error: 'test says stop' });
    expect(after.jobs.encode?.status).toBe('FAILED');
  });

  it('submit without --frames-per-job runs one wave of render jobs over the stack\'s render queue', async () => {
    const submitted = await cli('submit', '--frames', '240', '--width', '64', '--height', '36', '--fps', '8', '--run-id', 'cmd-wave', '--json');
    expect({ code: submitted.code, stderr: submitted.stderr }).toMatchObject({ code: 0, stderr: '' });
    const done = await waitForStatus('cmd-wave', (s) => s.status === 'SUCCEEDED' || s.status === 'FAILED');
    // The local stack's compute environment has this machine's vCPUs (provisionLocalStack): the split `run` makes here.
    expect(done).toMatchObject({ status: 'SUCCEEDED', progress: { framesDone: 240, chunks: Math.ceil(240 / defaultFramesPerJob(240, machineCapacity().vcpus)) } });
  });

  it('report writes the page of a failed run; resume submits the run again with a new plan job', async () => {
    const sketch = join(__dirname, 'fixtures', 'failing-sketch.js');
    const submitted = await cli('submit', ...SMALL, '--sketch', sketch, '--run-id', 'cmd-resume', '--json');
    expect({ code: submitted.code, stderr: submitted.stderr }).toMatchObject({ code: 0 });
    const first = JSON.parse(submitted.stdout) as { planJobId: string };
    const failed = await waitForStatus('cmd-resume', (s) => s.status === 'FAILED' || s.status === 'SUCCEEDED');
    expect(failed.status).toBe('FAILED');

    const report = await cli('report', 'cmd-resume', '--state-dir', join(cwd, 'state'), '--json');
    expect({ code: report.code, stderr: report.stderr }).toMatchObject({ code: 0 });
    const written = JSON.parse(report.stdout) as { report: string; warnings: string[] };
    expect(written.report).toBe(join(cwd, 'out', 'cmd-resume', 'report.html'));
    expect(readFileSync(written.report, 'utf8')).toContain('cmd-resume');

    const resumed = await cli('resume', 'cmd-resume', '--json');
    expect({ code: resumed.code, stderr: resumed.stderr }).toMatchObject({ code: 0 });
    const { runId, planJobId } = JSON.parse(resumed.stdout) as { runId: string; planJobId: string };
    expect(runId).toBe('cmd-resume');
    expect(planJobId).not.toBe(first.planJobId);
    expect((await statusOf('cmd-resume'))?.jobs.plan?.jobId).toBe(planJobId);
    // The sketch still breaks: the resumed run fails again (and leaves the stack idle for what follows).
    const again = await waitForStatus('cmd-resume', (s) => (s.status === 'FAILED' || s.status === 'SUCCEEDED') && s.jobs.plan?.jobId === planJobId);
    expect(again.status).toBe('FAILED');
  });

  it.each([
    ['status of a 5,000-character id', ['status', 'r'.repeat(5000)], 'is not a run id: a run id is 1–64 letters'],
    ['status of an unknown run', ['status', 'no-such-run'], 'no run no-such-run in table'],
    ['cancel of a malformed id', ['cancel', 'bad id'], 'is not a run id'],
    ['logs of a 5,000-character id', ['logs', 'x'.repeat(5000)], 'is neither a job id nor a run id'],
    ['submit --frames 0x10', ['submit', '--frames', '0x10'], '--frames must be a whole number (got "0x10")'],
    ['submit --frames 1e2', ['submit', '--frames', '1e2'], '--frames must be a whole number (got "1e2")'],
    ['submit --fps 200', ['submit', '--fps', '200'], '--fps must be at most 120'],
  ])('refuses %s with exit code 2 and says why', async (_label, args, message) => {
    const result = await cli(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('with --json, refuses bad input with one JSON error on stderr and nothing on stdout', async () => {
    const cases = [
      { args: ['status', 'bad id', '--json'], name: 'RunNotFoundError', message: '"bad id" is not a run id' },
      { args: ['submit', '--fps', '200', '--json'], name: 'UsageError', message: '--fps must be at most 120' },
      { args: ['logs', 'cmd-e2e', '--json', '--no-such-flag'], name: 'UsageError', message: "unknown option '--no-such-flag'" },
    ];
    for (const { args, name, message } of cases) {
      const result = await cli(...args);
      expect({ args, code: result.code, stdout: result.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(JSON.parse(result.stderr)).toEqual({ error: { name, message: expect.stringContaining(message), exitCode: 2 } });
    }
  });

  it.each([['status'], ['cancel'], ['resume']])('%s refuses a malformed run id before connecting anywhere', async (command) => {
    // No stack answers at the endpoint and no keys are set: only the id check can answer.
    const result = await runCli([command, 'bad id', '--endpoint', 'http://127.0.0.1:1'], cwd, { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' });
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 2, stderr: expect.stringContaining('"bad id" is not a run id') });
  });

  it('says what to do when nothing answers at the endpoint', async () => {
    // Keys in the environment: with no stack there to hand out its own, the command signs with them.
    const result = await runCli(['status', 'cmd-e2e', '--endpoint', 'http://127.0.0.1:1'], cwd, { AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot reach http://127.0.0.1:1 (ECONNREFUSED). Start the local stack with `framefarm up`');
  });

  it('refuses an endpoint that is not http(s)', async () => {
    const result = await runCli(['status', 'cmd-e2e', '--endpoint', 'ftp://127.0.0.1:1'], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--endpoint must be an http:// or https:// URL');
  });

  it('up stops cleanly on Ctrl-C', async () => {
    up.child.kill('SIGINT');
    expect(await up.closed).toBe(0);
    expect(upOut()).toContain('stopping…');
  });
});
