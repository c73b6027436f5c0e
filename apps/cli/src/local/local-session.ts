import { LocalStack, localStackCredentials, provisionLocalStack, requestText, startLocalStack } from '@framefarm/local-aws';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULT_LOCAL_ENDPOINT, defaultRegion, localTarget, Target } from '../aws/target';
import { UsageError } from '../errors';
import { localImageTable, repoRoot } from './image-table';

export interface LocalSession {
  target: Target;
  /** Where the stack keeps its state (traces among it), whoever started it. */
  stateDir: string;
  /** True when another process (framefarm up) serves the stack and this session joined it. */
  joined: boolean;
  close(): Promise<void>;
  /**
   * Closes the session and removes the state directory if this session made it: a run refused
   * before it submitted anything leaves nothing behind that looks like a stack of its own.
   */
  discard(): Promise<void>;
}

export interface SessionOptions {
  /** The user gave --state-dir: a running stack on another state directory is then refused. */
  stateDirGiven?: boolean;
  /** Where a running stack is looked for; the default endpoint outside tests. */
  endpoint?: string;
}

/** The running stack's own account of itself, from its `/health` endpoint; undefined when none answers. */
export async function runningStack(endpoint: string): Promise<{ stateDir: string } | undefined> {
  try {
    const response = await requestText(`${endpoint}/health`, { timeoutMs: 1000 });
    return response.status === 200 ? (JSON.parse(response.text) as { stateDir: string }) : undefined;
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
  }).catch((error: Error) => {
    // A state directory the stack cannot use is the user's input, for `up` and `run` alike.
    if (error.name === 'StateDirError' || error.name === 'StateDirInUseError') throw new UsageError(`--state-dir ${options.stateDir}: ${error.message}`);
    throw error;
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
export async function openLocalSession(stateDir: string, options: SessionOptions = {}): Promise<LocalSession> {
  const endpoint = options.endpoint ?? DEFAULT_LOCAL_ENDPOINT;
  const running = await runningStack(endpoint);
  if (running) {
    if (options.stateDirGiven && resolve(running.stateDir) !== resolve(stateDir)) {
      throw new UsageError(
        `a local stack with another state directory (${running.stateDir}) already serves ${endpoint}, and --state-dir says ${resolve(stateDir)}. ` +
          'Stop that stack (Ctrl-C in its terminal) to use this state directory, or leave out --state-dir to use the running one.',
      );
    }
    const credentials = await localStackCredentials(endpoint);
    await provisionLocalStack(endpoint, { region: defaultRegion(), credentials });
    const close = async (): Promise<void> => undefined;
    return { target: { ...localTarget(endpoint), credentials }, stateDir: running.stateDir, joined: true, close, discard: close };
  }
  const made = !existsSync(resolve(stateDir));
  const stack = await startProvisionedStack({ stateDir, port: 0, quiet: true });
  const close = (): Promise<void> => stack.stop();
  const discard = async (): Promise<void> => {
    await close();
    if (made) await rm(stack.stateDir, { recursive: true, force: true });
  };
  return { target: { ...localTarget(stack.endpoint, stack.region), credentials: stack.credentials }, stateDir: stack.stateDir, joined: false, close, discard };
}

/**
 * Opens the local session while `work` goes on (esbuild bundles a user's sketch and strips the
 * types of the file its settings are read from, in its own process, while this one starts the
 * stack). If the work fails, its error is the one thrown, and the session is discarded first.
 */
export async function openLocalSessionDuring<T>(work: Promise<T>, open: () => Promise<LocalSession>): Promise<{ result: T; session: LocalSession }> {
  const [worked, opened] = await Promise.allSettled([work, open()]);
  if (worked.status === 'rejected') {
    if (opened.status === 'fulfilled') await opened.value.discard();
    throw worked.reason;
  }
  if (opened.status === 'rejected') throw opened.reason;
  return { result: worked.value, session: opened.value };
}
