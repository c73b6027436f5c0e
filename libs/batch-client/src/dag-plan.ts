import type { JobDependency } from '@aws-sdk/client-batch';
import { jobSpec, SHELL_JOB_DEFINITION } from '@framefarm/job-specs';
import type { Dag, DagJob } from './dag';
import { dagEdges, topologicalOrder } from './dag-check';
import { parseDag } from './dag-schema';
import { InvalidDagError, InvalidJobSpecError } from './errors';
import { PlannedEdge, planFanIn } from './fan-in';
import { MAX_JOB_NAME_LENGTH } from './limits';
import { SubmitJobSpec, toSubmitJobInput } from './submit-job';

/** Where barrier jobs run: any queue and definition that can run a command that exits 0. */
export interface BarrierSettings {
  queue: string;
  definition: string;
  command: string[];
}

export const DEFAULT_BARRIER: BarrierSettings = {
  queue: jobSpec('plan').jobQueueName,
  definition: SHELL_JOB_DEFINITION,
  command: ['true'],
};

export interface PlannedSubmission {
  /** The workflow job's name, or `<job>#barrier<n>` for a barrier. */
  key: string;
  kind: 'job' | 'barrier';
  /** Everything but the dependencies, which need the job ids of earlier submissions. */
  spec: Omit<SubmitJobSpec, 'dependsOn'>;
  dependsOn: PlannedEdge[];
  sequential: boolean;
}

/** A checked workflow: submissions in an order where each follows what it depends on. */
export interface DagPlan {
  name: string;
  submissions: PlannedSubmission[];
}

export interface PlanOptions {
  barrier?: Partial<BarrierSettings>;
  /** Added to every job, barriers included (e.g. the workflow id); these win over the file's tags. */
  tags?: Record<string, string>;
}

const batchJobName = (workflow: string, key: string): string => `${workflow}-${key.replace('#', '-')}`.slice(0, MAX_JOB_NAME_LENGTH);

function jobSettings(dag: Dag, name: string, job: DagJob, tags: Record<string, string> | undefined): Omit<SubmitJobSpec, 'dependsOn'> {
  const d = dag.defaults ?? {};
  const queue = job.queue ?? d.queue;
  const definition = job.definition ?? d.definition;
  if (!queue) throw new InvalidDagError(`Job "${name}" has no queue (jobs.${name}.queue). Set it on the job or in defaults.queue.`, 'invalid-field', `jobs.${name}.queue`);
  if (!definition) {
    throw new InvalidDagError(`Job "${name}" has no job definition (jobs.${name}.definition). Set it on the job or in defaults.definition.`, 'invalid-field', `jobs.${name}.definition`);
  }
  const merged = <T>(a: Record<string, T> | undefined, b: Record<string, T> | undefined, c?: Record<string, T>) =>
    a || b || c ? { ...a, ...b, ...c } : undefined;
  const spec: Omit<SubmitJobSpec, 'dependsOn'> = {
    name: batchJobName(dag.name, name),
    queue,
    definition,
    arraySize: job.arraySize ?? 1,
    command: job.command ?? d.command,
    environment: merged(d.environment, job.environment),
    parameters: merged(d.parameters, job.parameters),
    timeoutSeconds: job.timeoutSeconds ?? d.timeoutSeconds,
    retry: job.retry ?? d.retry,
    tags: merged(d.tags, job.tags, tags),
    propagateTags: job.propagateTags ?? d.propagateTags,
  };
  // Drop unset keys so the spec reads (and compares) like what was written.
  return Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as Omit<SubmitJobSpec, 'dependsOn'>;
}

/** Turns a planned submission's symbolic dependencies into Batch ones, given the ids so far. */
export function batchDependencies(submission: PlannedSubmission, jobIds: ReadonlyMap<string, string>): JobDependency[] {
  const deps: JobDependency[] = submission.dependsOn.map((e) => {
    const jobId = jobIds.get(e.on);
    if (!jobId) throw new Error(`internal: "${submission.key}" was planned before its dependency "${e.on}"`);
    return e.nToN ? { jobId, type: 'N_TO_N' } : { jobId };
  });
  if (submission.sequential) deps.push({ type: 'SEQUENTIAL' });
  return deps;
}

/**
 * Checks a workflow completely (shape, names, cycles, N_TO_N sizes, every SubmitJob request)
 * and lays out its submissions, barriers included. Nothing is sent; throws InvalidDagError.
 */
export function planDag(input: Dag, options: PlanOptions = {}): DagPlan {
  const dag = parseDag(input);
  const edges = dagEdges(dag);
  const order = topologicalOrder(edges);
  const barrier = { ...DEFAULT_BARRIER, ...options.barrier };
  const submissions: PlannedSubmission[] = [];
  for (const name of order) {
    const job = dag.jobs[name];
    const arraySize = job.arraySize ?? 1;
    const sequential = job.sequential ?? false;
    const fanIn = planFanIn(name, edges.get(name) ?? [], { sequential, arraySize });
    for (const b of fanIn.barriers) {
      submissions.push({
        key: b.key,
        kind: 'barrier',
        spec: {
          name: batchJobName(dag.name, b.key),
          queue: barrier.queue,
          definition: barrier.definition,
          command: barrier.command,
          arraySize: b.arraySize,
          ...(options.tags ? { tags: { ...options.tags } } : {}),
        },
        dependsOn: b.dependsOn,
        sequential: false,
      });
    }
    submissions.push({ key: name, kind: 'job', spec: jobSettings(dag, name, job, options.tags), dependsOn: fanIn.dependsOn, sequential });
  }
  // Dry run of every request with stand-in ids, so a bad job fails the plan, not the submission.
  const standIns = new Map(submissions.map((s) => [s.key, `planned-${s.key}`]));
  for (const s of submissions) {
    try {
      toSubmitJobInput({ ...s.spec, dependsOn: batchDependencies(s, standIns) });
    } catch (error) {
      if (!(error instanceof InvalidJobSpecError)) throw error;
      const field = s.kind === 'job' ? `jobs.${s.key}` : 'barrier';
      throw new InvalidDagError(`${field}: ${error.message}`, 'invalid-job', field);
    }
  }
  return { name: dag.name, submissions };
}
