import type { AttemptDetail, JobDependency, JobDetail, JobSummary } from '@aws-sdk/client-batch';
import { childJobId } from '@framefarm/job-specs';
import { effectiveCommand, effectiveEnvironment, effectiveParameters } from '../attempt-launch';
import type { AttemptRecord, JobRecord, JobSubmission } from '../model';
import type { ApiContext } from './context';

const nonEmpty = (text: string | undefined): string | undefined => (text ? text : undefined);

function renderAttempt(attempt: AttemptRecord): AttemptDetail {
  return {
    container: { exitCode: attempt.exitCode, reason: attempt.reason, logStreamName: attempt.logStreamName },
    startedAt: attempt.startedAt,
    stoppedAt: attempt.stoppedAt,
    statusReason: attempt.statusReason,
  };
}

/**
 * A child shows the dependencies that hold it specifically (chosen; AWS shows similar entries):
 * child i of the N_TO_N array and, for SEQUENTIAL, its predecessor child.
 */
function childDependencies(job: JobRecord, submission: JobSubmission): JobDependency[] {
  const index = job.index as number;
  return submission.dependsOn.flatMap((dep): JobDependency[] => {
    if (dep.type === 'N_TO_N') return [{ jobId: childJobId(dep.jobId as string, index), type: 'N_TO_N' }];
    if (dep.type === 'SEQUENTIAL') return index > 0 ? [{ jobId: childJobId(job.parentId as string, index - 1), type: 'SEQUENTIAL' }] : [];
    return [];
  });
}

export function renderJobDetail(ctx: ApiContext, job: JobRecord): JobDetail {
  const submission = ctx.store.submissionOf(job);
  const definition = ctx.store.definitionOf(submission);
  const properties = definition.containerProperties;
  const overrides = submission.containerOverrides;
  const last = job.attempts[job.attempts.length - 1];
  const parent = job.parentId === undefined ? undefined : ctx.store.jobs.get(job.parentId);
  const isArrayParent = submission.arraySize !== undefined && job.parentId === undefined;
  return {
    jobArn: ctx.arns.job(job.jobId),
    jobName: submission.jobName,
    jobId: job.jobId,
    jobQueue: ctx.arns.jobQueue(submission.jobQueueName),
    status: job.status,
    statusReason: nonEmpty(job.statusReason),
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    stoppedAt: job.stoppedAt,
    dependsOn: job.parentId === undefined ? submission.dependsOn : childDependencies(job, submission),
    jobDefinition: ctx.arns.jobDefinition(definition.jobDefinitionName, definition.revision),
    parameters: effectiveParameters(submission, definition),
    container: {
      ...properties,
      command: effectiveCommand(submission, definition),
      environment: effectiveEnvironment(submission, definition),
      resourceRequirements: overrides?.resourceRequirements ?? properties?.resourceRequirements,
      vcpus: overrides?.vcpus ?? properties?.vcpus,
      memory: overrides?.memory ?? properties?.memory,
      // an array parent never runs itself: no exit code or log stream of its own
      exitCode: last?.exitCode,
      reason: last?.reason,
      logStreamName: last?.logStreamName,
    },
    attempts: job.attempts.filter((a) => a.stoppedAt !== undefined).map(renderAttempt),
    arrayProperties: isArrayParent
      ? { size: submission.arraySize, statusSummary: { ...ctx.store.childCounts.get(job.jobId) } }
      : job.parentId !== undefined
        ? { index: job.index }
        : undefined,
    retryStrategy: submission.retryStrategy ?? definition.retryStrategy,
    timeout: submission.timeout ?? definition.timeout,
    tags: job.tags ?? parent?.tags ?? {},
    propagateTags: submission.propagateTags ?? definition.propagateTags,
    platformCapabilities: definition.platformCapabilities,
    shareIdentifier: submission.shareIdentifier,
    schedulingPriority: submission.schedulingPriorityOverride ?? definition.schedulingPriority,
    isCancelled: job.isCancelled ?? false,
    isTerminated: job.isTerminated ?? false,
  };
}

export function renderJobSummary(ctx: ApiContext, job: JobRecord): JobSummary {
  const submission = ctx.store.submissionOf(job);
  const last = job.attempts[job.attempts.length - 1];
  return {
    jobArn: ctx.arns.job(job.jobId),
    jobId: job.jobId,
    jobName: submission.jobName,
    createdAt: job.createdAt,
    status: job.status,
    statusReason: nonEmpty(job.statusReason),
    startedAt: job.startedAt,
    stoppedAt: job.stoppedAt,
    container: last ? { exitCode: last.exitCode, reason: last.reason } : undefined,
    arrayProperties:
      job.parentId !== undefined ? { index: job.index } : submission.arraySize !== undefined ? { size: submission.arraySize } : undefined,
    jobDefinition: ctx.arns.jobDefinition(submission.jobDefinitionName, submission.jobDefinitionRevision),
  };
}
