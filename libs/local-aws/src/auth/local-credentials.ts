import * as z from 'zod/mini';
import { readStackCredentials, credentialsPath, type AccessKeys } from './credentials';
import { localEndpointEnvironment } from '../local-environment';
import { requestText } from '../loopback-http';

// zod/mini speaks no language until told (classic zod sets English as it loads).
z.config(z.locales.en());

export class LocalCredentialsError extends Error {
  override readonly name = 'LocalCredentialsError';
}

const health = z.object({ status: z.literal('running'), stateDir: z.string(), region: z.string() });
export type RunningStack = z.infer<typeof health>;

/** What a running stack says about itself on `GET /health`; undefined when none answers there. */
export async function runningStackAt(endpoint: string): Promise<RunningStack | undefined> {
  try {
    const response = await requestText(`${endpoint.replace(/\/+$/, '')}/health`, { timeoutMs: 2000 });
    if (response.status !== 200) return undefined;
    const parsed = health.safeParse(JSON.parse(response.text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The one answer to "which credentials for the local stack at this endpoint": the stack's own
 * admin key pair, read from the state directory it reports (a file only the user who started
 * it can read); otherwise the keys in the environment (`eval "$(npx framefarm env)"` put them
 * there, or `aws sts assume-role` did); otherwise an error saying what to do.
 */
export async function localStackCredentials(endpoint: string, env: NodeJS.ProcessEnv = process.env): Promise<AccessKeys> {
  const stack = await runningStackAt(endpoint);
  if (stack) {
    try {
      const stored = readStackCredentials(stack.stateDir);
      if (stored) return { accessKeyId: stored.accessKeyId, secretAccessKey: stored.secretAccessKey };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EACCES') throw err;
    }
  }
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
  }
  if (!stack) throw new LocalCredentialsError(`No local stack answers at ${endpoint}. Start one with \`npx framefarm up\`.`);
  throw new LocalCredentialsError(
    `Cannot read the credentials of the local stack at ${endpoint} (${credentialsPath(stack.stateDir)}): it was started by another user. Ask them for the output of \`npx framefarm env\`.`,
  );
}

/** `framefarm env`: the variables that point the aws CLI and the SDKs at a running stack, with its own credentials. */
export async function runningStackEnvironment(endpoint: string): Promise<Record<string, string>> {
  const stack = await runningStackAt(endpoint);
  if (!stack) throw new LocalCredentialsError(`No local stack answers at ${endpoint}. Start one with \`npx framefarm up\` (or give its --endpoint).`);
  let stored;
  try {
    stored = readStackCredentials(stack.stateDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EACCES') throw err;
  }
  if (!stored) {
    throw new LocalCredentialsError(`Cannot read ${credentialsPath(stack.stateDir)}: only the user who started the stack at ${endpoint} can print its credentials.`);
  }
  return localEndpointEnvironment(endpoint.replace(/\/+$/, ''), stack.region, { accessKeyId: stored.accessKeyId, secretAccessKey: stored.secretAccessKey });
}
