import type { PagesHandler } from './edge/edge-server';
import { checkImagesOutside, createBatchEngine, type BatchEngineOptions } from './batch';
import { sandboxSupport } from './batch/sandbox';
import { machineCapacity, type Capacity } from './capacity';
import { startCoreServices, stateLayout } from './core-services';
import type { ServerResponse } from 'node:http';
import { readBody, RequestTooLargeError } from './edge/read-body';
import type { LogStore } from './logs/log-store';
import type { AccessKeys } from './auth/credentials';
import { issueRoleSession } from './auth/sessions';
import { createRoleAuthorizer } from './iam/authorize';
import { localJobRoles } from './iam/local-roles';
import { DEFAULT_PORT, DEFAULT_REGION, LOCAL_ACCOUNT_ID, localEndpointEnvironment } from './local-environment';
import { createStsService } from './sts/sts-service';

/** How long a job's role credentials last (the longest a role session may last on AWS). */
const JOB_SESSION_MS = 12 * 60 * 60 * 1000;

export interface LocalStackOptions {
  /** Everything the stack keeps: `s3/`, `dynamodb/`, `logs/`, `traces/`, `batch/` (the CLI passes `<cwd>/.framefarm`). */
  stateDir: string;
  /** Interface to bind; 127.0.0.1 by default. */
  host?: string;
  /** 4566 by default; 0 picks a free port. */
  port?: number;
  region?: string;
  /** Image name → program to run for it (the Batch engine runs processes, not containers). */
  imageTable?: Record<string, { entrypoint: string[]; cwd?: string }>;
  /** What the Batch engine may use at once; this machine's CPUs and memory by default. */
  capacity?: Capacity;
  /** No start/stop lines on stderr. */
  quiet?: boolean;
  /** Accept any credentials without checking signatures or policies (`framefarm up --accept-any-credentials`). Unsafe. */
  acceptAnyCredentials?: boolean;
  /** Engine knobs for tests (AWS values by default). */
  batch?: Pick<BatchEngineOptions, 'minimumTimeoutSeconds' | 'stopGraceSeconds' | 'sandbox'>;
}

export interface LocalStack {
  /** `http://<host>:<port>`: S3, DynamoDB, CloudWatch Logs, Batch (by SigV4 scope) and OTLP `/v1/traces`. */
  endpoint: string;
  port: number;
  region: string;
  accountId: string;
  /** The stack's admin key pair (created on first start in `<stateDir>/credentials.json`, mode 0600): not limited by any policy. */
  credentials: AccessKeys;
  /** ARNs of the job roles, by step: what the job definitions name, what `sts:AssumeRole` takes. */
  jobRoleArns: Record<string, string>;
  /** Temporary credentials of a job role, as a job or `sts:AssumeRole` gets them. */
  roleCredentials(roleArn: string, sessionName: string, durationSeconds?: number): AccessKeys;
  stateDir: string;
  logStore: LogStore;
  /** Where the OTLP receiver stores spans (`<traceId>.jsonl`). */
  tracesDir: string;
  /** Pages served on the stack's own origin under `/dashboard` (see EdgeServer.setPages). */
  setPages(handler: PagesHandler): void;
  stop(): Promise<void>;
}

/** restJson1 errors as Batch sends them: the type in `x-amzn-errortype`, `{message}` in the body. */
function sendBatchError(res: ServerResponse, type: string, message: string): void {
  const body = JSON.stringify({ message });
  res.writeHead(400, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-amzn-errortype': type });
  res.end(body);
}

/**
 * Starts the local stack: the edge listens first (so the port is known), then S3, DynamoDB,
 * CloudWatch Logs and the OTLP receiver, then the Batch engine, whose jobs get the endpoint
 * environment so they talk to this same edge.
 */
export async function startLocalStack(o: LocalStackOptions): Promise<LocalStack> {
  const region = o.region ?? DEFAULT_REGION;
  const roles = localJobRoles(region, LOCAL_ACCOUNT_ID);
  // A state directory the jobs' programs live in is refused before anything is written into it.
  checkImagesOutside(o.imageTable ?? {}, [o.stateDir], o.batch?.sandbox);
  const core = await startCoreServices({
    stateDir: o.stateDir,
    host: o.host ?? '127.0.0.1',
    port: o.port ?? DEFAULT_PORT,
    region,
    accountId: LOCAL_ACCOUNT_ID,
    acceptAnyCredentials: o.acceptAnyCredentials,
    authorize: createRoleAuthorizer(roles, { region, accountId: LOCAL_ACCOUNT_ID }),
  });
  const endpoint = core.edge.endpoint;
  core.edge.setService('sts', createStsService({ credentials: core.storedCredentials, accountId: LOCAL_ACCOUNT_ID, roles }));
  const roleCredentials = (roleArn: string, sessionName: string, durationSeconds?: number): AccessKeys => {
    const role = [...roles.values()].find((r) => r.roleArn === roleArn);
    if (!role) throw new Error(`${roleArn} is not a role of this stack; its roles are ${[...roles.values()].map((r) => r.roleArn).join(', ')}`);
    const expiresAt = Date.now() + (durationSeconds === undefined ? JOB_SESSION_MS : durationSeconds * 1000);
    const { expiration: _expiration, ...keys } = issueRoleSession(core.storedCredentials, { roleName: role.roleName, sessionName, expiresAt });
    return keys;
  };
  const roleArns = new Set([...roles.values()].map((r) => r.roleArn));
  let engine: Awaited<ReturnType<typeof createBatchEngine>>;
  try {
    engine = await createBatchEngine({
      stateDir: stateLayout(o.stateDir).batch,
      logStore: core.logStore,
      region,
      accountId: LOCAL_ACCOUNT_ID,
      imageTable: o.imageTable ?? {},
      // As on AWS, a job acts with its definition's job role, and without one it has no credentials.
      jobEnvironment: ({ jobId, jobRoleArn }) =>
        localEndpointEnvironment(endpoint, region, jobRoleArn && roleArns.has(jobRoleArn) ? roleCredentials(jobRoleArn, jobId) : undefined),
      defaultCapacity: o.capacity ?? machineCapacity(),
      // a job reaches the stack's objects, tables, logs and credentials only through the signed API
      hiddenFromJobs: [o.stateDir],
      ...o.batch,
    });
  } catch (err) {
    await core.stop().catch(() => undefined);
    throw err;
  }
  core.edge.setService('batch', async (req, res) => {
    let body: Buffer;
    try {
      body = await readBody(req, 1024 * 1024);
    } catch (err) {
      if (!(err instanceof RequestTooLargeError)) throw err;
      return sendBatchError(res, 'ClientException', 'The request body exceeds 1 MiB (SubmitJob accepts at most 30 KiB).');
    }
    return engine.handle(req, res, body);
  });
  if (!o.quiet) process.stderr.write(`framefarm local stack: ${endpoint} (state in ${o.stateDir})\n`);
  const sandbox = sandboxSupport();
  if (!o.quiet && !sandbox.available) process.stderr.write(`framefarm local stack: jobs run without a sandbox (they see this user's files and processes): ${sandbox.reason}\n`);

  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    port: core.edge.port,
    region,
    accountId: LOCAL_ACCOUNT_ID,
    // A fresh object each time: SDK clients annotate the credentials object they are given.
    get credentials() {
      return core.credentials;
    },
    jobRoleArns: Object.fromEntries([...roles.values()].map((r) => [r.step, r.roleArn])),
    roleCredentials,
    stateDir: o.stateDir,
    logStore: core.logStore,
    tracesDir: core.tracesDir,
    setPages: (handler) => core.edge.setPages(handler),
    stop: () =>
      (stopping ??= (async () => {
        try {
          await engine.stop();
        } finally {
          await core.stop();
          if (!o.quiet) process.stderr.write('framefarm local stack: stopped\n');
        }
      })()),
  };
}
