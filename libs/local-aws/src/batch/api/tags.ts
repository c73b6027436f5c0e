import { ClientException } from '../errors';
import type { Tags } from '../model';
import { type Body, optionalStringMap } from '../request-fields';
import { validateTags } from '../validation';
import type { ApiContext } from './context';

/** Reads and replaces the tags of whatever resource the ARN names. */
function tagsOf(ctx: ApiContext, arn: string): { tags: Tags; save: (tags: Tags) => void } {
  const parsed = ctx.arns.parse(arn);
  if (!parsed) throw new ClientException(`resourceArn ${arn} is not a Batch ARN of this account and region`);
  const missing = (): never => {
    throw new ClientException(`resource ${arn} does not exist`);
  };
  switch (parsed.kind) {
    case 'compute-environment': {
      const ce = ctx.store.computeEnvironments.get(parsed.id) ?? missing();
      return { tags: ce.tags, save: (tags) => ctx.store.putComputeEnvironment({ ...ce, tags }) };
    }
    case 'job-queue': {
      const jq = ctx.store.jobQueues.get(parsed.id) ?? missing();
      return { tags: jq.tags, save: (tags) => ctx.store.putJobQueue({ ...jq, tags }) };
    }
    case 'job-definition': {
      const colon = parsed.id.lastIndexOf(':');
      const jd = (colon > 0 ? ctx.store.jobDefinitions.get(parsed.id.slice(0, colon))?.[Number(parsed.id.slice(colon + 1)) - 1] : undefined) ?? missing();
      return { tags: jd.tags, save: (tags) => ctx.store.putJobDefinition({ ...jd, tags }) };
    }
    case 'job': {
      const job = ctx.store.jobs.get(parsed.id) ?? missing();
      const inherited = job.parentId === undefined ? undefined : ctx.store.jobs.get(job.parentId)?.tags;
      return { tags: job.tags ?? inherited ?? {}, save: (tags) => ctx.store.patchJob(job, { tags }) };
    }
  }
}

export function tagResource(ctx: ApiContext, arn: string, body: Body): object {
  const added = optionalStringMap(body, 'tags');
  if (!added) throw new ClientException('tags is required');
  const { tags, save } = tagsOf(ctx, arn);
  const merged = { ...tags, ...added };
  validateTags(merged);
  save(merged);
  return {};
}

export function untagResource(ctx: ApiContext, arn: string, tagKeys: string[]): object {
  if (tagKeys.length === 0) throw new ClientException('tagKeys is required');
  const { tags, save } = tagsOf(ctx, arn);
  save(Object.fromEntries(Object.entries(tags).filter(([key]) => !tagKeys.includes(key))));
  return {};
}

export function listTagsForResource(ctx: ApiContext, arn: string): object {
  return { tags: tagsOf(ctx, arn).tags };
}
