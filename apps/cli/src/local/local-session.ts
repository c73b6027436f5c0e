import { LocalStack, localStackCredentials, provisionLocalStack, startLocalStack } from '@framefarm/local-aws';
import { resolve } from 'node:path';
import { DEFAULT_LOCAL_ENDPOINT, defaultRegion, localTarget, Target } from '../aws/target';
import { localImageTable, repoRoot } from './image-table';

export interface LocalSession {
  target: Target;
  /** Where the stack keeps its state (traces among it), whoever started it. */
  stateDir: string;
  close(): Promise<void>;
}

/** The running stack's own account of itself, from its `/health` endpoint; undefined when none answers. */
export async function runningStack(endpoint: string): Promise<{ stateDir: string } | undefined> {
  try {
    const response = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(1000) });
    return response.ok ? ((await response.json()) as { stateDir: string }) : undefined;
  } catch {
    return undefined;
  }
}

export interface StartOptions {
  stateDir: string;
  host?: string;
  port?: number;
  quiet?: boolean;
  /** `framefarm up --accept-any-credentials`. */
  acceptAnyCredentials?: boolean;
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
    acceptAnyCredentials: options.acceptAnyCredentials,
  });
  try {
    await provisionLocalStack(stack.endpoint, { region, credentials: stack.credentials });
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
  const running = await runningStack(DEFAULT_LOCAL_ENDPOINT);
  if (running) {
    const credentials = await localStackCredentials(DEFAULT_LOCAL_ENDPOINT);
    await provisionLocalStack(DEFAULT_LOCAL_ENDPOINT, { region: defaultRegion(), credentials });
    return { target: { ...localTarget(DEFAULT_LOCAL_ENDPOINT), credentials }, stateDir: running.stateDir, close: async () => undefined };
  }
  const stack = await startProvisionedStack({ stateDir, port: 0, quiet: true });
  return { target: { ...localTarget(stack.endpoint, stack.region), credentials: stack.credentials }, stateDir: stack.stateDir, close: () => stack.stop() };
}
