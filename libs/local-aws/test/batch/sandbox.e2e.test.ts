import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegisterJobDefinitionCommand, SubmitJobCommand } from '@aws-sdk/client-batch';
import { createBatchEngine } from '../../src/batch';
import { sandboxSupport } from '../../src/batch/sandbox';
import { LogStore } from '../../src/logs/log-store';
import { startLocalStack } from '../../src/stack';
import { StateDirError } from '../../src/state-dir';
import { createQueue, type Harness, shellDefinition, startHarness, waitFinished } from './harness';
import { poolFiles } from './pool-files';

/**
 * A job sees what a container would: its own environment, its own processes, a private /tmp as
 * its only writable place, no HOME of the user. (CI installs bubblewrap: `.ci/run`.)
 */
describe('jobs in the sandbox', () => {
  const SECRET = `engine-secret-${process.pid}-${Date.now()}`;
  let h: Harness;
  let home: string;
  let savedHome: string | undefined;
  beforeAll(async () => {
    expect(sandboxSupport()).toMatchObject({ available: true });
    // A user's HOME outside /tmp (which the sandbox replaces anyway), holding credentials.
    home = mkdtempSync('/var/tmp/framefarm-home-');
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'credentials'), `[default]\naws_secret_access_key = ${SECRET}\n`);
    savedHome = process.env.HOME;
    process.env.HOME = home;
    process.env.FRAMEFARM_TEST_ENGINE_SECRET = SECRET; // in the engine's environment: no job may see it
    h = await startHarness({ sandbox: true });
    await createQueue(h.client, 'box', { maxvCpus: 2 });
  });
  afterAll(async () => {
    await h?.close();
    process.env.HOME = savedHome;
    delete process.env.FRAMEFARM_TEST_ENGINE_SECRET;
    rmSync(home, { recursive: true, force: true });
  });

  const run = async (name: string, script: string, environment: { name: string; value: string }[] = []) => {
    await shellDefinition(h.client, name, script);
    const { jobId } = await h.client.send(new SubmitJobCommand({ jobName: name, jobQueue: 'box', jobDefinition: name, containerOverrides: { environment } }));
    const job = await waitFinished(h.client, jobId as string);
    const output = h.logStore.read('/aws/batch/job', job.attempts?.[0]?.container?.logStreamName as string).map((e) => e.message);
    return { job, output };
  };

  it('cannot see its parents: its own PID namespace, no ancestor environment in /proc', async () => {
    const { output } = await run('procs', `echo "pid $$"; for f in /proc/[0-9]*/environ; do tr '\\0' '\\n' < "$f"; done 2>/dev/null | grep -c "${SECRET.slice(0, 14)}" ; ls -d /proc/[0-9]* | wc -l`);
    expect(output[0]).toMatch(/^pid [0-9]$/); // a low pid in its own namespace
    expect(output[1]).toBe('0');
    expect(Number(output[2])).toBeLessThan(10);
  });

  it('sees only its environment: the job definition, the engine’s job environment and Batch’s variables', async () => {
    const { job, output } = await run('env', 'env | cut -d= -f1 | sort', [{ name: 'MINE', value: '1' }]);
    expect(job.status).toBe('SUCCEEDED');
    expect(output).toEqual(expect.arrayContaining(['AWS_BATCH_JOB_ID', 'AWS_BATCH_JOB_ATTEMPT', 'MINE', 'HOME', 'PATH']));
    expect(output).not.toContain('FRAMEFARM_TEST_ENGINE_SECRET');
  });

  it('cannot read the user’s HOME; its HOME is its private /tmp', async () => {
    const { output } = await run('home', `echo "HOME=$HOME"; cat ${home}/.aws/credentials 2>&1 | head -1; ls -A ${home} | wc -l`);
    expect(output[0]).toBe('HOME=/tmp');
    expect(output.join('\n')).not.toContain(SECRET);
    expect(output[2]).toBe('0');
  });

  it('can write only its scratch (/tmp), which is gone after the job', async () => {
    const marker = `scratch-marker-${Date.now()}`;
    const { job, output } = await run(
      'write',
      `touch ${home}/pwned 2>/dev/null && echo wrote-home; touch /etc/framefarm-pwned 2>/dev/null && echo wrote-etc; touch /var/tmp/framefarm-pwned 2>/dev/null && echo wrote-var; echo ok > /tmp/${marker} && cat /tmp/${marker}`,
    );
    expect(job.status).toBe('SUCCEEDED');
    expect(output).toEqual(['ok']);
    expect(existsSync(join(home, 'pwned')) || existsSync('/etc/framefarm-pwned') || existsSync('/var/tmp/framefarm-pwned')).toBe(false);
    expect(poolFiles().filter((f) => f.includes(marker))).toEqual([]);
  });

  it('leaves no launch script holding its environment behind, and keeps them private while it runs', async () => {
    const value = `env-value-${Date.now()}`;
    await shellDefinition(h.client, 'scripts', 'sleep 0.3');
    const { jobId } = await h.client.send(new SubmitJobCommand({ jobName: 'scripts', jobQueue: 'box', jobDefinition: 'scripts', containerOverrides: { environment: [{ name: 'SOME_TOKEN', value }] } }));
    let seen: string[] = [];
    for (let i = 0; i < 200 && seen.length === 0; i++) {
      seen = poolFiles().filter((f) => readFileSync(f, 'utf8').includes(value));
      if (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    for (const file of seen) expect(statSync(file).mode & 0o077).toBe(0);
    await waitFinished(h.client, jobId as string);
    expect(poolFiles().filter((f) => readFileSync(f, 'utf8').includes(value))).toEqual([]);
  });
});

/**
 * A job reaches the stack's objects, tables, logs and credentials only through the signed API, as
 * from a container: the state directory is hidden wherever it is — outside HOME and /tmp, and
 * inside a directory the job is shown (the CLI keeps the state in `<project>/.framefarm` and runs
 * jobs with the project as their working directory).
 */
describe('the stack’s state directory, seen from a sandboxed job', () => {
  const SECRET = `state-secret-${process.pid}-${Date.now()}`;
  let h: Harness;
  let home: string;
  let stateDir: string;
  let project: string;
  let savedHome: string | undefined;
  beforeAll(async () => {
    home = mkdtempSync('/var/tmp/framefarm-home-');
    project = join(home, 'project');
    mkdirSync(join(project, '.framefarm'), { recursive: true });
    writeFileSync(join(project, 'README'), 'the project\n');
    writeFileSync(join(project, '.framefarm', 'credentials.json'), JSON.stringify({ secretAccessKey: SECRET }));
    // the engine's own state, outside HOME and /tmp: nothing but the state rule hides it
    stateDir = mkdtempSync('/var/tmp/framefarm-state-');
    savedHome = process.env.HOME;
    process.env.HOME = home;
    h = await startHarness({
      sandbox: true,
      stateDir,
      hiddenFromJobs: [join(project, '.framefarm')],
      imageTable: { 'local/project': { entrypoint: ['/bin/sh', '-c'], cwd: project } },
    });
    await createQueue(h.client, 'state', { maxvCpus: 2 });
  });
  afterAll(async () => {
    await h?.close();
    process.env.HOME = savedHome;
    rmSync(home, { recursive: true, force: true });
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('cannot read the journal (other jobs’ environments) nor the stack’s credentials, but sees the project it runs in', async () => {
    // another job's secret goes into the engine's journal with its submission
    await shellDefinition(h.client, 'holder', 'true');
    const holder = await h.client.send(
      new SubmitJobCommand({ jobName: 'holder', jobQueue: 'state', jobDefinition: 'holder', containerOverrides: { environment: [{ name: 'TOKEN', value: SECRET }] } }),
    );
    await waitFinished(h.client, holder.jobId as string);
    expect(readdirSync(stateDir).some((name) => name.startsWith('journal-') && readFileSync(join(stateDir, name), 'utf8').includes(SECRET))).toBe(true);

    const script = [
      'cat README',
      `ls -A ${stateDir} | wc -l`,
      `ls -A .framefarm | wc -l`,
      `cat ${stateDir}/journal-*.log .framefarm/credentials.json 2>/dev/null | grep -c ${SECRET}`,
    ].join('; ');
    await h.client.send(new RegisterJobDefinitionCommand({ jobDefinitionName: 'reader', type: 'container', containerProperties: { image: 'local/project', command: [script], resourceRequirements: [{ type: 'VCPU', value: '1' }, { type: 'MEMORY', value: '64' }] } }));
    const { jobId } = await h.client.send(new SubmitJobCommand({ jobName: 'reader', jobQueue: 'state', jobDefinition: 'reader' }));
    const job = await waitFinished(h.client, jobId as string);
    const output = h.logStore.read('/aws/batch/job', job.attempts?.[0]?.container?.logStreamName as string).map((e) => e.message);
    expect(output).toEqual(['the project', '0', '0', '0']);
  });

  it('is refused when it holds what jobs run (`--state-dir .` in the repository): they could not see it', async () => {
    const logs = mkdtempSync(join(tmpdir(), 'batch-refused-'));
    try {
      const engine = createBatchEngine({
        stateDir: join(project, 'state'),
        hiddenFromJobs: [project],
        logStore: new LogStore(logs),
        region: 'us-east-1',
        accountId: '123456789012',
        imageTable: { 'local/project': { entrypoint: ['/bin/sh', '-c'], cwd: project } },
        jobEnvironment: {},
        sandbox: true,
      });
      await expect(engine).rejects.toThrow(StateDirError);
      await expect(engine).rejects.toThrow(`holds ${project}, which image local/project runs`);
    } finally {
      rmSync(logs, { recursive: true, force: true });
    }
  });

  it('is refused by the whole stack before anything is written into that directory', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'stack-refused-'));
    try {
      writeFileSync(join(repo, 'job.sh'), 'true\n');
      const stack = startLocalStack({ stateDir: repo, port: 0, quiet: true, imageTable: { 'local/repo': { entrypoint: ['/bin/sh', join(repo, 'job.sh')] } } });
      await expect(stack).rejects.toThrow(StateDirError);
      expect(readdirSync(repo)).toEqual(['job.sh']);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
