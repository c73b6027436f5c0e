import type { IncomingMessage, ServerResponse } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { LogStore } from '../logs/log-store';
import { StateDirError } from '../state-dir';
import type { ApiContext } from './api/context';
import { Arns } from './arns';
import type { ImageTableEntry, JobEnvironment } from './attempt-launch';
import { JobLifecycle } from './job-lifecycle';
import { RateLimit } from './rate-limit';
import { Journal } from './journal';
import { ServerException } from './errors';
import { handleRequest, replyError } from './router';
import { hiddenFromItsJobs, sandboxSupport } from './sandbox';
import { StateStore } from './state-store';
import { AWS_MINIMUM_TIMEOUT_SECONDS } from './validation';

export interface BatchEngineOptions {
  /** Engine state and nothing else; durable across restarts and crashes. */
  stateDir: string;
  /** Job output goes to '/aws/batch/job' (or the definition's awslogs-group), stream '<jobDefinitionName>/default/<taskId>'. */
  logStore: LogStore;
  region: string;
  accountId: string;
  /** Image name (exact, or without ':tag') → command; other images run the container command as given. */
  imageTable: Record<string, ImageTableEntry>;
  /** Extra environment of every attempt (local endpoints, region), or per job (its role's credentials). */
  jobEnvironment: JobEnvironment;
  /** The host's capacity shared by all compute environments. Default: all CPUs and all memory. */
  defaultCapacity?: { vcpus: number; memoryMiB: number };
  /** Lowest accepted attemptDurationSeconds. AWS enforces 60; tests may lower it. */
  minimumTimeoutSeconds?: number;
  /** Seconds between SIGTERM and SIGKILL on timeout or TerminateJob. AWS: 30. */
  stopGraceSeconds?: number;
  /**
   * Throttle SubmitJob like AWS (about 50 a second per account: HTTP 429 TooManyRequestsException,
   * which the SDKs retry with backoff). Off unless set, so local runs are not slowed down.
   */
  submitJobsPerSecond?: number;
  /**
   * Finished jobs are forgotten this many days after they stopped (default 7, as AWS keeps them
   * at least that long), unless an unfinished job depends on them. Checked at start and whenever
   * the journal is compacted.
   */
  finishedJobRetentionDays?: number;
  /** Run jobs in a bubblewrap sandbox where the machine allows it (default true; see sandbox.ts). */
  sandbox?: boolean;
  /**
   * Directories a sandboxed job must not see besides `stateDir` (always hidden): the stack passes
   * its whole state directory, whose objects, logs and credentials a job reaches only through the API.
   */
  hiddenFromJobs?: string[];
}

export interface BatchEngine {
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void>;
  /** Stops scheduling and kills running processes; they recover as host loss on the next start. */
  stop(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Where a directory really is (bwrap mounts over the real path); as given when it does not exist. */
function realPath(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return resolve(dir);
  }
}

const stackDirsOf = (options: BatchEngineOptions): string[] => [options.stateDir, ...(options.hiddenFromJobs ?? [])].map(realPath);

const dirsInUse = new Set<string>();

/**
 * One engine per state directory, in this process and across processes: a second one would
 * interleave its journal with ours. A pid file left by a crashed engine does not count.
 */
function acquireLock(stateDir: string): () => void {
  const dir = resolve(stateDir);
  const file = join(dir, 'engine.pid');
  const owner = existsSync(file) ? Number(readFileSync(file, 'utf8')) : NaN;
  const otherProcess = Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner);
  if (dirsInUse.has(dir) || otherProcess) {
    throw new Error(`another Batch engine (pid ${otherProcess ? owner : process.pid}) uses ${dir}; stop it or choose another stateDir`);
  }
  dirsInUse.add(dir);
  writeFileSync(file, String(process.pid));
  return () => {
    dirsInUse.delete(dir);
    rmSync(file, { force: true });
  };
}

/**
 * Sandboxed jobs do not see the state directories, so an image must not run anything inside them.
 * The stack calls this before it writes anything there, the engine again for its own directory.
 */
export function checkImagesOutside(imageTable: Record<string, ImageTableEntry>, stateDirs: string[], sandbox?: boolean): void {
  if (sandbox === false || !sandboxSupport().available) return;
  const stackDirs = stateDirs.map(realPath);
  for (const [image, entry] of Object.entries(imageTable)) {
    const paths = [...entry.entrypoint.filter((arg) => isAbsolute(arg)), ...(entry.cwd ? [entry.cwd] : [])].map(realPath);
    const found = hiddenFromItsJobs(paths, stackDirs);
    if (found) {
      throw new StateDirError(`${found.dir} holds ${found.path}, which image ${image} runs; jobs do not see the stack's state, so give the state a directory of its own.`);
    }
  }
}

export async function createBatchEngine(options: BatchEngineOptions): Promise<BatchEngine> {
  mkdirSync(options.stateDir, { recursive: true });
  checkImagesOutside(options.imageTable, stackDirsOf(options), options.sandbox);
  const unlock = acquireLock(options.stateDir);
  try {
    return openEngine(options, unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

function openEngine(options: BatchEngineOptions, unlock: () => void): BatchEngine {
  const { journal, loaded } = Journal.open(options.stateDir);
  const store = new StateStore(journal);
  store.load(loaded);
  const capacity = options.defaultCapacity ?? { vcpus: cpus().length, memoryMiB: Math.floor(totalmem() / 1024 / 1024) };

  // Compaction keeps replay time proportional to the state, not to its history; retention keeps
  // the state proportional to recent work.
  const retentionMs = (options.finishedJobRetentionDays ?? 7) * 24 * 3600 * 1000;
  const compactIfLarge = (): void => {
    if (journal.size <= 50_000 + 2 * store.jobs.size) return;
    store.expireFinished(Date.now() - retentionMs);
    journal.compact(store.snapshot());
  };
  if (store.expireFinished(Date.now() - retentionMs) > 0) journal.compact(store.snapshot());
  const lifecycle = new JobLifecycle({
    store,
    logStore: options.logStore,
    imageTable: options.imageTable,
    jobEnvironment: options.jobEnvironment,
    host: { milliVcpus: Math.round(capacity.vcpus * 1000), memoryMiB: capacity.memoryMiB },
    stopGraceMs: (options.stopGraceSeconds ?? 30) * 1000,
    sandbox: options.sandbox,
    hiddenFromJobs: stackDirsOf(options),
    afterTick: compactIfLarge,
  });
  lifecycle.recover();
  journal.flush();

  const context: ApiContext = {
    store,
    lifecycle,
    arns: new Arns(options.region, options.accountId),
    minimumTimeoutSeconds: options.minimumTimeoutSeconds ?? AWS_MINIMUM_TIMEOUT_SECONDS,
    submitLimit: options.submitJobsPerSecond === undefined ? undefined : new RateLimit(options.submitJobsPerSecond),
    bodyBytes: 0,
  };
  let stopped = false;
  return {
    async handle(req, res, body) {
      if (stopped) return replyError(res, new ServerException('the local Batch engine is stopped'));
      await handleRequest(context, req, res, body, (position) => journal.durable(position));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      lifecycle.stop();
      journal.close();
      unlock();
    },
  };
}
