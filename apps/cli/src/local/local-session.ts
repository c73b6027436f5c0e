import { LocalStack, provisionLocalStack, startLocalStack } from '@framefarm/local-aws';
import { resolve } from 'node:path';
import { DEFAULT_LOCAL_ENDPOINT, defaultRegion, localTarget, Target } from '../aws/target';
import { localImageTable, repoRoot } from './image-table';

export interface LocalSession {
  target: Target;
  /** Set when this process started the stack (and so must stop it). */
  stack?: LocalStack;
  close(): Promise<void>;
}

export async function isStackUp(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

export interface StartOptions {
  stateDir: string;
  host?: string;
  port?: number;
  quiet?: boolean;
}

/** Starts the embedded local stack and provisions the stack's queues, definitions, bucket and table. */
export async function startProvisionedStack(options: StartOptions): Promise<LocalStack> {
  const region = defaultRegion();
  const stack = await startLocalStack({
    stateDir: resolve(options.stateDir),
    host: options.host,
    port: options.port,
    region,
    imageTable: localImageTable(repoRoot()),
    quiet: options.quiet,
  });
  try {
    await provisionLocalStack(stack.endpoint, { region });
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}

/**
 * `framefarm run` uses a stack that `framefarm up` already serves on the default endpoint;
 * otherwise it starts its own, embedded in this process, on a free port.
 */
export async function openLocalSession(stateDir: string): Promise<LocalSession> {
  if (await isStackUp(DEFAULT_LOCAL_ENDPOINT)) {
    await provisionLocalStack(DEFAULT_LOCAL_ENDPOINT, { region: defaultRegion() });
    return { target: localTarget(DEFAULT_LOCAL_ENDPOINT), close: async () => undefined };
  }
  const stack = await startProvisionedStack({ stateDir, port: 0, quiet: true });
  return { target: localTarget(stack.endpoint, stack.region), stack, close: () => stack.stop() };
}
