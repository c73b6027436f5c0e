import { BatchClient } from '@aws-sdk/client-batch';
import { jobNodeExecutable, LocalStack, provisionLocalStack, startLocalStack } from '@framefarm/local-aws';
import { join } from 'node:path';
import { App, bundleEnvironment, prepareBundles, ROOT } from './bundles';

export interface BundledStack {
  stack: LocalStack;
  /** The stack outputs the original quick start reads (queues and job definitions). */
  outputs: Record<string, string>;
  /** Batch with the stack's admin keys. */
  batch: BatchClient;
  /** The job bundles the stack's images run, copied into `dir`. */
  bundles: Record<App, string>;
  stop(): Promise<void>;
}

/**
 * A provisioned local stack in `dir` whose three images run the built job bundles as processes on
 * the job Node (the Node the images have), as the quick start's Batch engine would.
 */
export async function startBundledStack(dir: string): Promise<BundledStack> {
  const bundles = prepareBundles(dir);
  const image = (app: App) => ({ entrypoint: ['/usr/bin/env', `NODE_PATH=${bundleEnvironment().NODE_PATH}`, jobNodeExecutable(), bundles[app]], cwd: ROOT });
  const stack = await startLocalStack({
    stateDir: join(dir, 'state'),
    port: 0,
    quiet: true,
    imageTable: { 'framefarm/plan': image('plan'), 'framefarm/render': image('render'), 'framefarm/encode': image('encode') },
  });
  const { outputs } = await provisionLocalStack(stack.endpoint, { credentials: stack.credentials });
  const batch = new BatchClient({ endpoint: stack.endpoint, region: stack.region, credentials: stack.credentials });
  return {
    stack,
    outputs,
    batch,
    bundles,
    stop: async () => {
      batch.destroy();
      await stack.stop();
    },
  };
}
