import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod/mini';
import { UsageError } from '../errors';

// zod/mini speaks no language until told (classic zod sets English as it loads).
z.config(z.locales.en());

/**
 * What `workflow submit` remembers so `workflow status` can find the jobs again. Every job also
 * carries the tag `framefarm:workflow=<id>`, so the jobs can be found in Batch without it.
 */
const recordSchema = z.object({
  version: z.literal(1),
  workflowId: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  file: z.string(),
  submittedAt: z.string(),
  /** A local stack's endpoint; absent when submitted to AWS (`stack` names the deployed stack then). */
  endpoint: z.optional(z.string()),
  stack: z.optional(z.string()),
  region: z.string(),
  jobs: z.record(z.string(), z.string()),
  barriers: z.record(z.string(), z.string()),
});

export type WorkflowRecord = z.infer<typeof recordSchema>;

export const WORKFLOW_TAG = 'framefarm:workflow';
const WORKFLOW_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export const recordDirectory = (cwd: string): string => path.join(cwd, '.framefarm', 'workflows');

export async function saveWorkflowRecord(cwd: string, record: WorkflowRecord): Promise<string> {
  const dir = recordDirectory(cwd);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${record.workflowId}.json`);
  // Write then rename, so a concurrent `status` never reads half a record.
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, `${JSON.stringify(record, null, 2)}\n`);
  await rename(partial, file);
  return file;
}

export async function loadWorkflowRecord(cwd: string, workflowId: string): Promise<WorkflowRecord> {
  if (!WORKFLOW_ID.test(workflowId)) {
    throw new UsageError(`"${workflowId}" is not a workflow id; ids look like classic-20261121T120000-1a2b (see \`framefarm workflow submit\`).`);
  }
  const dir = recordDirectory(cwd);
  const file = path.join(dir, `${workflowId}.json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    const known = await readdir(dir).catch(() => [] as string[]);
    const ids = known.filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));
    const hint = ids.length > 0 ? ` Known here: ${ids.join(', ')}.` : ' No workflow was submitted from this directory.';
    throw new UsageError(`No record of workflow "${workflowId}" in ${dir}; run status from the directory you submitted it from.${hint}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not valid JSON; it was edited or cut short. Delete it and look the jobs up by the tag ${WORKFLOW_TAG}=${workflowId}.`);
  }
  const parsed = recordSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${file}: field ${issue.path.join('.') || '(root)'}: ${issue.message}. Delete it and look the jobs up by the tag ${WORKFLOW_TAG}=${workflowId}.`);
  }
  return parsed.data;
}
