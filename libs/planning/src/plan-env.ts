import { ENV } from '@framefarm/job-specs';
import { InvalidEnvironmentError, newRunId, readRunSettings, runIdForJob, RunSettings } from '@framefarm/run-store';
import { sketchProblem } from './sketch-check';

/** Where plan submits its children: from the job definition's environment (jobDefinitionEnvironment). */
export interface SubmitTargets {
  renderJobQueue: string;
  renderJobDefinition: string;
  encodeJobQueue: string;
  encodeJobDefinition: string;
}

export interface PlanJobConfig {
  settings: RunSettings;
  targets: SubmitTargets;
  /** This plan job's own id, when it runs on Batch. */
  planJobId?: string;
  /** Whether RUN_ID was given or derived here. */
  runIdGiven: boolean;
}

/**
 * Without RUN_ID, a plan job on Batch names the run after its own job id, so a retried attempt
 * plans the same run instead of a second one; run by hand it gets a fresh time-ordered id.
 */
export function defaultRunId(env: Record<string, string | undefined>, now: Date): string {
  return env.AWS_BATCH_JOB_ID ? runIdForJob(env.AWS_BATCH_JOB_ID) : newRunId({ now });
}

export function readPlanEnv(env: Record<string, string | undefined>, now = new Date()): PlanJobConfig {
  const problems: string[] = [];
  let settings: RunSettings | undefined;
  try {
    settings = readRunSettings(env, { defaultRunId: () => defaultRunId(env, now) });
  } catch (error) {
    if (!(error instanceof InvalidEnvironmentError)) throw error;
    problems.push(...error.problems);
  }
  if (settings) {
    const problem = sketchProblem(settings.sketch);
    if (problem) problems.push(problem);
  }
  const target = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) problems.push(`${name} is required (not set): the plan job definition provides it`);
    return value ?? '';
  };
  const targets: SubmitTargets = {
    renderJobQueue: target(ENV.renderJobQueue),
    renderJobDefinition: target(ENV.renderJobDefinition),
    encodeJobQueue: target(ENV.encodeJobQueue),
    encodeJobDefinition: target(ENV.encodeJobDefinition),
  };
  if (problems.length > 0 || !settings) throw new InvalidEnvironmentError(problems);
  return { settings, targets, runIdGiven: Boolean(env[ENV.runId]), ...(env.AWS_BATCH_JOB_ID ? { planJobId: env.AWS_BATCH_JOB_ID } : {}) };
}
