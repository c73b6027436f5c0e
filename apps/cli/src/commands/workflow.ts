import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { BatchClient } from '@aws-sdk/client-batch';
import { Dag, DagSubmissionError, describeJobs, InvalidDagError, JobState, jobStateOf, planDag, Sleep, submitDag, SubmittedDag, waitForJobs } from '@framefarm/batch-client';
import { Command } from 'commander';
import { RunFailedError, UsageError } from '../errors';
import type { RegisterCommand } from '../program';
import { batchClientFor } from '../aws/clients';
import { addTargetOptions, resolveTarget, TargetFlags } from '../aws/resolve-target';
import { Target } from '../aws/target';
import { explainUnreachable } from '../aws/unreachable';
import { jsonOption, Output, OutputStreams, processStreams } from '../ui/output';
import { readWorkflowFile } from './workflow-file';
import { countsText, workflowProgressLine, STATUS_HEADER, statusRows, table } from './workflow-output';
import { loadWorkflowRecord, saveWorkflowRecord, WORKFLOW_TAG, WorkflowRecord } from './workflow-record';

/** Everything the commands touch outside themselves (the output streams among them), so tests can substitute it. */
export interface WorkflowCommandDeps extends OutputStreams {
  cwd: () => string;
  env: NodeJS.ProcessEnv;
  /** The Batch client of a target (the connection layer's batchClientFor, outside tests). */
  createClient: (target: Target) => BatchClient;
  now: () => Date;
  randomSuffix: () => string;
  sleep?: Sleep;
}

interface ConnectionFlags extends TargetFlags {
  json?: boolean;
}

/** Workflows need only Batch, so its own endpoint variable counts first, as the SDK does. */
const BATCH_ENDPOINT_VARIABLES = ['AWS_ENDPOINT_URL_BATCH', 'AWS_ENDPOINT_URL'];

const where = (target: Target): string => target.endpoint ?? `AWS Batch in ${target.region}`;

interface SubmitFlags extends ConnectionFlags {
  wait?: boolean;
  dryRun?: boolean;
  pollInterval?: string;
}

const defaultDeps = (): WorkflowCommandDeps => ({
  cwd: () => process.cwd(),
  env: process.env,
  ...processStreams(),
  createClient: (target) => batchClientFor(target, process.env),
  now: () => new Date(),
  randomSuffix: () => randomBytes(2).toString('hex'),
});

const stamp = (date: Date): string => date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '');

function pollIntervalMs(value: string | undefined): number {
  if (value === undefined) return 5_000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--poll-interval takes a number of seconds above 0, got "${value}".`);
  return Math.round(seconds * 1_000);
}

/** What would be submitted, barriers included, in order; nothing is sent. */
function printPlan(file: string, dag: Dag, out: Output): void {
  let plan;
  try {
    plan = planDag(dag);
  } catch (error) {
    if (error instanceof InvalidDagError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
  const steps = plan.submissions.map((s) => ({
    key: s.key,
    kind: s.kind,
    jobName: s.spec.name,
    arraySize: s.spec.arraySize ?? 1,
    dependsOn: [...s.dependsOn.map((d) => (d.nToN ? `${d.on} (N_TO_N)` : d.on)), ...(s.sequential ? ['(SEQUENTIAL)'] : [])],
  }));
  out.result(
    { name: plan.name, submissions: steps },
    `${file} is valid: ${steps.filter((s) => s.kind === 'job').length} jobs, ${steps.filter((s) => s.kind === 'barrier').length} barrier jobs, submitted in this order:\n` +
      table(['JOB', 'KIND', 'BATCH JOB NAME', 'ARRAY', 'DEPENDS ON'], steps.map((s) => [s.key, s.kind, s.jobName, s.arraySize > 1 ? String(s.arraySize) : '-', s.dependsOn.join(', ') || '-'])),
  );
}

async function submitWorkflow(file: string, flags: SubmitFlags, deps: WorkflowCommandDeps): Promise<void> {
  const interval = pollIntervalMs(flags.pollInterval);
  const out = Output.of(flags, deps);
  const dag = await readWorkflowFile(file);
  if (flags.dryRun) return printPlan(file, dag, out);
  const target = await resolveTarget(flags, deps.env, BATCH_ENDPOINT_VARIABLES);
  const workflowId = `${dag.name}-${stamp(deps.now())}-${deps.randomSuffix()}`;
  const client = deps.createClient(target);
  let submitted: SubmittedDag;
  try {
    submitted = await submitDag(client, dag, { tags: { [WORKFLOW_TAG]: workflowId } });
  } catch (error) {
    if (error instanceof InvalidDagError) throw new UsageError(`${file}: ${error.message}`);
    // Batch refused a request (unknown queue or definition…): the input is at fault, exit 2.
    if (error instanceof DagSubmissionError && (error.cause as { name?: string } | undefined)?.name === 'ClientException') throw new UsageError(error.message);
    throw explainUnreachable(error, target, BATCH_ENDPOINT_VARIABLES);
  }
  const record: WorkflowRecord = {
    version: 1,
    workflowId,
    name: dag.name,
    file: path.resolve(deps.cwd(), file),
    submittedAt: deps.now().toISOString(),
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    ...(flags.stack ? { stack: flags.stack } : {}),
    region: target.region,
    jobs: submitted.jobIds,
    barriers: submitted.barrierJobIds,
  };
  const recordFile = await saveWorkflowRecord(deps.cwd(), record);
  const barrierCount = Object.keys(submitted.barrierJobIds).length;

  const submittedText =
    `Submitted workflow ${workflowId} to ${where(target)} (${Object.keys(submitted.jobIds).length} jobs${barrierCount ? `, ${barrierCount} barrier jobs` : ''}).\n` +
    table(['JOB', 'JOB ID'], Object.entries(submitted.jobIds)) +
    `Follow it with: framefarm workflow status ${workflowId}\n`;
  const described = { workflowId, name: dag.name, endpoint: target.endpoint ?? null, region: target.region, record: recordFile };
  if (!flags.wait) return out.result({ ...described, jobs: submitted.jobIds, barriers: submitted.barrierJobIds }, submittedText);
  out.text(submittedText);
  const live = out.progress();
  const result = await waitForJobs(client, Object.values(submitted.jobIds), {
    pollIntervalMs: interval,
    sleep: deps.sleep,
    onProgress: (p) => live.show(workflowProgressLine(p), p.changed.length > 0),
  });
  live.done();
  const states = new Map(result.jobs.map((j) => [j.jobId, j]));
  const jobs = Object.fromEntries(Object.entries(submitted.jobIds).map(([name, id]) => [name, states.get(id)]));
  out.result({ ...described, succeeded: result.succeeded, jobs, barriers: submitted.barrierJobIds }, table(STATUS_HEADER, statusRows(submitted.jobIds, states)));
  if (!result.succeeded) throw failedWorkflow(workflowId, submitted.jobIds, states);
}

function failedWorkflow(workflowId: string, jobIds: Record<string, string>, states: ReadonlyMap<string, JobState>): RunFailedError {
  const failed = Object.entries(jobIds).filter(([, id]) => states.get(id)?.status === 'FAILED');
  const list = failed.map(([name, id]) => `${name} (${states.get(id)?.statusReason ?? 'no reason given'})`).join(', ');
  return new RunFailedError(`Workflow ${workflowId}: ${failed.length} of ${Object.keys(jobIds).length} jobs failed: ${list}. Look at their logs, fix the cause and submit again.`);
}

async function workflowStatus(workflowId: string, flags: ConnectionFlags, deps: WorkflowCommandDeps): Promise<void> {
  const record = await loadWorkflowRecord(deps.cwd(), workflowId);
  // Where it was submitted, unless the flags say otherwise.
  const given = flags.endpoint !== undefined || flags.stack !== undefined;
  const target = await resolveTarget(
    { region: flags.region ?? record.region, ...(given ? { endpoint: flags.endpoint, stack: flags.stack } : { endpoint: record.endpoint, stack: record.stack }) },
    deps.env,
    BATCH_ENDPOINT_VARIABLES,
  );
  const client = deps.createClient(target);
  let details;
  try {
    details = await describeJobs(client, Object.values(record.jobs));
  } catch (error) {
    throw explainUnreachable(error, target, BATCH_ENDPOINT_VARIABLES);
  }
  const states = new Map([...details].map(([id, d]) => [id, jobStateOf(d)]));
  const counts: Record<string, number> = {};
  for (const id of Object.values(record.jobs)) {
    const status = states.get(id)?.status ?? 'UNKNOWN';
    counts[status] = (counts[status] ?? 0) + 1;
  }
  const jobs = Object.fromEntries(Object.entries(record.jobs).map(([name, id]) => [name, states.get(id) ?? { jobId: id, status: 'UNKNOWN' }]));
  Output.of(flags, deps).result(
    { workflowId, name: record.name, endpoint: target.endpoint ?? null, submittedAt: record.submittedAt, counts, jobs },
    `Workflow ${workflowId} (${record.name}, submitted ${record.submittedAt} to ${where(target)}): ${countsText(counts)}\n` +
      table(STATUS_HEADER, statusRows(record.jobs, states)) +
      (counts.UNKNOWN ? `UNKNOWN: Batch at ${where(target)} does not know these jobs (a restarted local stack forgets jobs, AWS keeps them about a week).\n` : ''),
  );
}

const withConnectionFlags = (command: Command): Command => addTargetOptions(command, BATCH_ENDPOINT_VARIABLES).option(...jsonOption('the result'));

/** `framefarm workflow submit|status`, with the outside world passed in. */
export function createWorkflowCommand(deps: WorkflowCommandDeps): Command {
  const workflow = new Command('workflow').description('Run a workflow of dependent jobs (a DAG in JSON or YAML) on AWS Batch or the local stack.');
  withConnectionFlags(
    workflow
      .command('submit <file>')
      .description('Check a workflow file, submit its jobs in dependency order and print their job ids.')
      .option('--wait', 'wait until every job has finished; exit 1 if any failed')
      .option('--dry-run', 'check the file and print what would be submitted, barrier jobs included')
      .option('--poll-interval <seconds>', 'seconds between status polls with --wait', '5'),
  ).action((file: string, flags: SubmitFlags) => submitWorkflow(file, flags, deps));
  withConnectionFlags(
    workflow.command('status <workflowId>').description('Show the status of each job of a workflow submitted from this directory.'),
  ).action((workflowId: string, flags: ConnectionFlags) => workflowStatus(workflowId, flags, deps));
  return workflow;
}

export const registerWorkflow: RegisterCommand = (program) => {
  program.addCommand(createWorkflowCommand(defaultDeps()));
};
