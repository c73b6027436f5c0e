/**
 * Where a run's CPU goes, per job program: runs one render on a local stack whose jobs start
 * with `node --cpu-prof`, then sums each profile's self time by where the code comes from.
 *
 *   npx tsx --tsconfig tsconfig.base.json tools/bench/profile.ts [--frames 120] [--frames-per-job N] [--keep DIR]
 *
 * Build the bundles first (npx framefarm --help does). The profiles stay in DIR with --keep.
 */
import { BatchClient, SubmitJobCommand } from '@aws-sdk/client-batch';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allJobSpecs, defaultFramesPerJob, ENV, jobDefinitionEnvironment, LOCAL_RESOURCES } from '@framefarm/job-specs';
import { fillCodeCache, jobStartScript } from '../../apps/cli/src/local/code-cache';
import { jobNodeExecutable, localEndpointEnvironment, machineCapacity, provisionLocalStack, startLocalStack } from '@framefarm/local-aws';
import { RunStore, uploadSketchSource } from '@framefarm/run-store';
import { bundleSketch } from '@framefarm/sketch';
import { markdownTable } from './report';
import { CIRCLES, ROOT } from './sketches';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a function comes from, coarse enough to act on. */
function origin(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(idle)' || functionName === '(program)') return functionName;
  if (/@aws-sdk|@smithy/.test(url)) return 'AWS SDK';
  if (/@opentelemetry/.test(url)) return 'OpenTelemetry';
  if (/zod/.test(url)) return 'zod';
  if (url.startsWith('node:') || url === '') return functionName ? `node internals: ${functionName}`.slice(0, 60) : 'node internals';
  if (/libs\/sketch\/src\/builtins|sketch\.cjs|s3:\/\//.test(url) || url.includes('sketches/')) return 'the sketch';
  const lib = /(?:apps|libs)\/([\w-]+)\/src\/([\w-]+)\.ts/.exec(url);
  if (lib) return `${lib[1]}/${lib[2]}: ${functionName || '(anonymous)'}`.slice(0, 70);
  return `${url.split('/').slice(-2).join('/')}: ${functionName || '(anonymous)'}`.slice(0, 70);
}

function summarize(profile: CpuProfile): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const key = origin(byId.get(id)!);
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return totals;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flag = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const frames = Number(flag('--frames') ?? 120);
  const framesPerJob = Number(flag('--frames-per-job') ?? defaultFramesPerJob(frames, machineCapacity().vcpus));
  const keep = flag('--keep');
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'bench-profile-'));
  const profiles = join(dir, 'profiles');
  const jobNode = jobNodeExecutable();
  const imageTable = Object.fromEntries(
    // As the CLI starts them (apps/cli/src/local/image-table.ts): the job Node, through job-start.cjs and its code cache.
    allJobSpecs().map((spec) => {
      const bundle = join(ROOT, 'dist', 'apps', spec.step, 'main.cjs');
      fillCodeCache(jobNode, ROOT, bundle);
      return [spec.image, { entrypoint: [jobNode, '--cpu-prof', '--cpu-prof-dir', join(profiles, spec.step), jobStartScript(ROOT), bundle], cwd: ROOT }];
    }),
  );
  // No sandbox: a sandboxed job sees the file system read-only and could not write its profile.
  const stack = await startLocalStack({ stateDir: join(dir, 'state'), port: 0, quiet: true, imageTable, batch: { sandbox: false } });
  try {
    const { outputs } = await provisionLocalStack(stack.endpoint, { region: stack.region, credentials: stack.credentials });
    const env = { ...localEndpointEnvironment(stack.endpoint, stack.region, stack.credentials), ...jobDefinitionEnvironment(LOCAL_RESOURCES) };
    const store = RunStore.fromEnv(env);
    const sketch = await uploadSketchSource(store.objects, await bundleSketch(CIRCLES));
    const runId = `profile-${Date.now()}`;
    const batch = new BatchClient({ endpoint: stack.endpoint, region: stack.region, credentials: stack.credentials });
    const plan = allJobSpecs().find((s) => s.step === 'plan')!;
    await batch.send(new SubmitJobCommand({
      jobName: `plan-${runId}`, jobQueue: outputs[plan.outputs.jobQueue], jobDefinition: outputs[plan.outputs.jobDefinition],
      containerOverrides: { environment: Object.entries({
        [ENV.totalFrames]: String(frames), [ENV.framesPerRenderJob]: String(framesPerJob), [ENV.runId]: runId, [ENV.sketch]: sketch,
        [ENV.width]: '1280', [ENV.height]: '720', [ENV.fps]: '30',
      }).map(([name, value]) => ({ name, value })) },
    }));
    for (;;) {
      const run = await store.records.getRun(runId);
      if (run?.status === 'SUCCEEDED') break;
      if (run?.status === 'FAILED') throw new Error(`run failed: ${run.error}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // The encode job writes its profile as it exits, just after the run record says SUCCEEDED.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    batch.destroy();
  } finally {
    await stack.stop();
  }
  for (const step of ['plan', 'render', 'encode']) {
    const files = readdirSync(join(profiles, step)).filter((f) => f.endsWith('.cpuprofile'));
    const totals = new Map<string, number>();
    let wall = 0;
    for (const file of files) {
      const profile = JSON.parse(readFileSync(join(profiles, step, file), 'utf8')) as CpuProfile;
      wall += (profile.endTime - profile.startTime) / 1000;
      for (const [key, ms] of summarize(profile)) totals.set(key, (totals.get(key) ?? 0) + ms);
    }
    const busy = [...totals].filter(([key]) => key !== '(idle)').reduce((sum, [, ms]) => sum + ms, 0);
    const rows = [...totals].filter(([key]) => key !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, 15)
      .map(([key, ms]) => [key, ms.toFixed(0), `${((100 * ms) / busy).toFixed(1)}%`]);
    console.log(`\n### ${step}: ${files.length} process(es), ${wall.toFixed(0)} ms alive, ${busy.toFixed(0)} ms on the main thread (${frames} frames, ${framesPerJob} per job)\n`);
    console.log(markdownTable({ headers: ['where', 'ms (self)', 'share'], rows }));
  }
  if (!keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`\nprofiles in ${profiles}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
