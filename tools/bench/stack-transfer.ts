/**
 * What the local stack's process spends serving S3 and DynamoDB, per request, with the real SDK on
 * the other side of the loopback: PutObject and GetObject of one large object (as a segment or the
 * video moves between the jobs and the CLI), and GetItem (as the jobs and the CLI read records).
 * Checkouts are measured side by side, interleaved, each with its own code:
 *
 *   tools/bench/snapshot.sh <commit> <dir>    # once per checkout to compare
 *   npx tsx --tsconfig tsconfig.base.json tools/bench/stack-transfer.ts [--mb 50] [--reps 3] LABEL=DIR [LABEL=DIR ...]
 *
 * The stack runs in one process and the client in another; the stack's CPU is read from
 * /proc/<pid>/stat (every thread of the process) around each request, the client's own from
 * process.cpuUsage() around its upload.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markdownTable } from './report';

interface Sample {
  putMs: number;
  /** The uploading process's own CPU for the same PutObject (reading the file, hashing it, sending it). */
  clientPutMs: number;
  getMs: number;
  getItemMs: number;
}

const GET_ITEMS = 200;

/** The stack's process: starts the stack, runs the client against it, passes the client's answer on. */
async function serve(mb: number): Promise<void> {
  const { startLocalStack, provisionLocalStack } = await import('@framefarm/local-aws');
  const dir = mkdtempSync(join(tmpdir(), 'bench-stack-transfer-'));
  const stack = await startLocalStack({ stateDir: join(dir, 'state'), port: 0, quiet: true, imageTable: {}, batch: { sandbox: false } });
  try {
    await provisionLocalStack(stack.endpoint, { region: stack.region, credentials: stack.credentials });
    const child = spawn(process.execPath, [...process.execArgv, __filename, '--client', String(mb)], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        STACK_PID: String(process.pid),
        STACK_ENDPOINT: stack.endpoint,
        STACK_REGION: stack.region,
        STACK_KEY: stack.credentials.accessKeyId,
        STACK_SECRET: stack.credentials.secretAccessKey,
        WORK_DIR: dir,
      },
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`the client exited with ${code}`);
  } finally {
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU seconds of every thread of a process. */
function processCpu(pid: string): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The client: one PutObject, one GetObject (after one of each to warm up) and GET_ITEMS GetItems, through RunStore as the jobs use it. */
async function client(mb: number): Promise<void> {
  const { jobDefinitionEnvironment, LOCAL_RESOURCES } = await import('@framefarm/job-specs');
  const { localEndpointEnvironment } = await import('@framefarm/local-aws');
  const { RunStore } = await import('@framefarm/run-store');
  const env = process.env as Record<string, string>;
  const credentials = { accessKeyId: env.STACK_KEY, secretAccessKey: env.STACK_SECRET };
  const store = RunStore.fromEnv({ ...localEndpointEnvironment(env.STACK_ENDPOINT, env.STACK_REGION, credentials), ...jobDefinitionEnvironment(LOCAL_RESOURCES) });
  const file = join(env.WORK_DIR, 'payload.bin');
  const payload = Buffer.alloc(mb * 1024 * 1024);
  for (let i = 0; i < payload.length; i += 4096) payload[i] = (i / 4096) & 255;
  writeFileSync(file, payload);
  const stackCpuOf = async (work: () => Promise<unknown>): Promise<number> => {
    const before = processCpu(env.STACK_PID);
    await work();
    return processCpu(env.STACK_PID) - before;
  };
  const put = () => store.objects.uploadFile('bench/object.bin', file, 'application/octet-stream');
  const get = () => store.objects.downloadFile('bench/object.bin', join(env.WORK_DIR, 'back.bin'));
  await put();
  await get();
  for (let i = 0; i < 20; i++) await store.records.getRun('bench-none');
  const clientCpuOf = async (work: () => Promise<unknown>): Promise<number> => {
    const before = process.cpuUsage();
    await work();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  };
  const sample: Sample = {
    putMs: (await stackCpuOf(put)) * 1000,
    clientPutMs: await clientCpuOf(put),
    getMs: (await stackCpuOf(get)) * 1000,
    getItemMs: ((await stackCpuOf(async () => {
      for (let i = 0; i < GET_ITEMS; i++) await store.records.getRun('bench-none');
    })) * 1000) / GET_ITEMS,
  };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}

/** One measurement of a checkout: its own copy of this file, with its own code. */
function measureCheckout(dir: string, mb: number): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, join(dir, 'tools', 'bench', 'stack-transfer.ts'), '--serve', String(mb)], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'inherit'],
      // tsx maps @framefarm/* through the tsconfig it is given: the checkout's own.
      env: { ...process.env, TSX_TSCONFIG_PATH: join(dir, 'tsconfig.base.json'), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as Sample) : reject(new Error(`${dir}: exit ${code}`))));
  });
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const range = (values: number[], digits: number): string => `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flag = (name: string, fallback: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
  const mb = Number(flag('--mb', '50'));
  if (argv[0] === '--serve') return serve(Number(argv[1]));
  if (argv[0] === '--client') return client(Number(argv[1]));
  const reps = Number(flag('--reps', '3'));
  const checkouts = argv.filter((a) => a.includes('=')).map((a) => ({ label: a.slice(0, a.lastIndexOf('=')), dir: a.slice(a.lastIndexOf('=') + 1) }));
  if (checkouts.length === 0) throw new Error('name at least one checkout: LABEL=DIR');
  const samples = new Map<string, Sample[]>(checkouts.map((c) => [c.label, []]));
  for (let r = 0; r < reps; r++) {
    for (const { label, dir } of r % 2 === 0 ? checkouts : [...checkouts].reverse()) samples.get(label)?.push(await measureCheckout(dir, mb));
  }
  console.log(`Stack CPU per request (median, min–max of ${reps}), ${mb} MB objects:\n`);
  console.log(markdownTable({
    headers: ['checkout', `PutObject ${mb} MB, ms`, `GetObject ${mb} MB, ms`, 'GetItem, ms', `the uploader's own CPU for PutObject ${mb} MB, ms`],
    rows: checkouts.map(({ label }) => {
      const s = samples.get(label) ?? [];
      return [label, range(s.map((x) => x.putMs), 0), range(s.map((x) => x.getMs), 0), range(s.map((x) => x.getItemMs), 2), range(s.map((x) => x.clientPutMs), 0)];
    }),
  }));
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
