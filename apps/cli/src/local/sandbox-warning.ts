import { sandboxSupport } from '@framefarm/local-aws';

/** What a stack started here says when its jobs cannot be sandboxed (user sketches run in them); undefined when they can. */
export function unsandboxedJobsWarning(): string | undefined {
  const sandbox = sandboxSupport();
  return sandbox.available ? undefined : `jobs run without a sandbox (they can see this user's files and processes): ${sandbox.reason}`;
}
