import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, runCli, RunningCli, startCli } from './run-cli';

jest.setTimeout(300_000);

const LAUNCHER = join(ROOT, 'apps', 'cli', 'bin', 'framefarm.js');
/** The test's own environment without any AWS settings: the quick start must need nothing but `framefarm env`. */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));

/** Runs a shell snippet the way a user types it, with `framefarm` being the repository's CLI. */
async function sh(script: string, cwd: string): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', `framefarm() { node ${JSON.stringify(LAUNCHER)} "$@"; }\n${script}`], { cwd, env: cleanEnv });
  return stdout;
}

/**
 * The original design's quick start against `framefarm up`: `eval "$(npx framefarm env)"`, then
 * the aws CLI. `.ci/run` installs the aws CLI. `--endpoint-url "$AWS_ENDPOINT_URL"` is spelled
 * out because aws CLI versions before 2.13 / 1.29 ignore AWS_ENDPOINT_URL.
 */
describe('the AWS quick start against `framefarm up`, with the aws CLI', () => {
  let cwd: string;
  let up: RunningCli | undefined;
  let endpoint: string;

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'ff-quick-start-'));
    up = startCli(['up', '--port', '0', '--state-dir', join(cwd, 'state')], cwd, cleanEnv);
    endpoint = await up.until((stdout) => /is up at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1]);
  });
  afterAll(async () => {
    if (up && up.child.exitCode === null) {
      up.child.kill('SIGINT');
      await up.closed;
    }
    rmSync(cwd, { recursive: true, force: true });
  });

  it('prints export lines that give the aws CLI the stack\'s own identity', async () => {
    const exports = await sh(`framefarm env --endpoint ${endpoint}`, cwd);
    expect(exports).toContain(`export AWS_ENDPOINT_URL='${endpoint}'`);
    expect(exports).toMatch(/^export AWS_ACCESS_KEY_ID='AKIA[A-Z2-7]{16}'$/m);
    expect(exports).toMatch(/^export AWS_SECRET_ACCESS_KEY='.+'$/m);
    expect(exports).toMatch(/^export AWS_REGION='us-east-1'$/m);
    const identity = JSON.parse(await sh(`eval "$(framefarm env --endpoint ${endpoint})"\naws sts get-caller-identity --endpoint-url "$AWS_ENDPOINT_URL" --output json`, cwd));
    expect(identity).toMatchObject({ Account: '000000000000', Arn: 'arn:aws:iam::000000000000:user/framefarm-local-admin' });
    const assumed = JSON.parse(
      await sh(
        `eval "$(framefarm env --endpoint ${endpoint})"\naws sts assume-role --endpoint-url "$AWS_ENDPOINT_URL" --role-arn arn:aws:iam::000000000000:role/framefarm-render-job-role --role-session-name dev --output json`,
        cwd,
      ),
    );
    expect(assumed.AssumedRoleUser.Arn).toBe('arn:aws:sts::000000000000:assumed-role/framefarm-render-job-role/dev');
    expect(assumed.Credentials.AccessKeyId).toMatch(/^ASIA/);
  });

  it('renders a video from the original `aws batch submit-job`', async () => {
    const submitted = JSON.parse(
      await sh(
        `eval "$(framefarm env --endpoint ${endpoint})"
aws batch submit-job --endpoint-url "$AWS_ENDPOINT_URL" --output json --job-name manualSubmit-plan --job-queue framefarm-plan --job-definition framefarm-plan \\
  --container-overrides 'environment=[{name=TOTAL_FRAMES,value=12},{name=FRAMES_PER_RENDER_JOB,value=6},{name=WIDTH,value=160},{name=HEIGHT,value=90}]'`,
        cwd,
      ),
    );
    expect(submitted.jobId).toMatch(/^[0-9a-f-]{36}$/);
    const runId = `run-${submitted.jobId}`;
    for (;;) {
      const status = await sh(`framefarm status ${runId} --endpoint ${endpoint} || true`, cwd);
      if (/: (SUCCEEDED|FAILED)/.test(status)) {
        expect(status).toContain(`run ${runId}: SUCCEEDED`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await sh(`eval "$(framefarm env --endpoint ${endpoint})"\naws s3 cp --endpoint-url "$AWS_ENDPOINT_URL" s3://framefarm-local/runs/${runId}/video.mp4 video.mp4`, cwd);
    expect(statSync(join(cwd, 'video.mp4')).size).toBeGreaterThan(0);
  });
});

describe('framefarm up refuses to be reachable from the network by accident', () => {
  it('exits with code 2 for a non-loopback --host without --allow-network, before starting anything', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ff-up-host-'));
    try {
      const result = await runCli(['up', '--host', '0.0.0.0', '--port', '0', '--state-dir', join(cwd, 'state')], cwd, cleanEnv);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--host 0.0.0.0 lets other machines reach the stack');
      expect(result.stderr).toContain('--allow-network');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
