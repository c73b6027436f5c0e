import { App, Validations, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { STEPS, type StepName } from '@framefarm/job-specs';
import { FramefarmStack } from './framefarm-stack';
import { InvalidStackConfigError, type EgressMode, type FramefarmStackProps, type JobSecret } from './stack-props';

export const DEFAULT_STACK_NAME = 'Framefarm';

export { InvalidStackConfigError };

type Context = (key: string) => unknown;

function text(context: Context, key: string): string | undefined {
  const value = context(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new InvalidStackConfigError(`-c ${key} must be a plain value, got ${JSON.stringify(value)}`);
  }
  return String(value);
}

function bool(context: Context, key: string): boolean | undefined {
  const value = text(context, key);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw new InvalidStackConfigError(`-c ${key} must be true or false, got "${value}"`);
  return value === 'true';
}

function positiveInt(context: Context, key: string): number | undefined {
  const value = text(context, key);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidStackConfigError(`-c ${key} must be a whole number of at least 1, got "${value}"`);
  return n;
}

/** Secrets as `-c secrets=ENV_NAME=secretName[:jsonField]@plan+render;…`. */
function secrets(context: Context): JobSecret[] | undefined {
  const value = text(context, 'secrets');
  if (value === undefined) return undefined;
  return value.split(';').map((entry) => {
    const match = /^([A-Z_][A-Z0-9_]*)=([^:@]+)(?::([^@]+))?@([a-z+]+)$/.exec(entry.trim());
    const steps = match?.[4].split('+') ?? [];
    if (!match || !steps.every((s): s is StepName => (STEPS as readonly string[]).includes(s))) {
      throw new InvalidStackConfigError(
        `-c secrets entry "${entry}" must look like ENV_NAME=secretName[:jsonField]@plan+render+encode`,
      );
    }
    return { environmentName: match[1], secretName: match[2], field: match[3], steps: steps as StepName[] };
  });
}

/** The context key and the environment variable that give a step's released image digest. */
export const releasedImageContextKey = (step: StepName): string => `${step}ImageDigest`;
export const releasedImageVariable = (step: StepName): string => `FRAMEFARM_${step.toUpperCase()}_IMAGE_DIGEST`;

/** Released image digests from `-c planImageDigest=sha256:…` or `FRAMEFARM_PLAN_IMAGE_DIGEST` (the context wins). */
function releasedImages(context: Context, env: Record<string, string | undefined>): FramefarmStackProps['releasedImages'] {
  const entries = STEPS.flatMap((step) => {
    const digest = text(context, releasedImageContextKey(step)) ?? (env[releasedImageVariable(step)]?.trim() || undefined);
    return digest ? [[step, digest] as const] : [];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** Stack props from `cdk -c key=value` and the released-image variables (all optional; defaults in stack-props.ts). */
export function propsFromContext(context: Context, env: Record<string, string | undefined> = {}): FramefarmStackProps {
  const egress = text(context, 'egress');
  if (egress !== undefined && egress !== 'nat' && egress !== 'endpoints') {
    throw new InvalidStackConfigError(`-c egress must be "nat" or "endpoints", got "${egress}"`);
  }
  return {
    prefix: text(context, 'prefix'),
    instanceTypes: text(context, 'instanceTypes')?.split(',').map((t) => t.trim()),
    maxVcpus: positiveInt(context, 'maxVcpus'),
    spot: bool(context, 'spot'),
    egress: egress as EgressMode | undefined,
    alarmEmail: text(context, 'alarmEmail'),
    chunkRetentionDays: positiveInt(context, 'chunkRetentionDays'),
    logRetentionDays: positiveInt(context, 'logRetentionDays'),
    stepFunctions: bool(context, 'stepFunctions'),
    scheduleCron: text(context, 'scheduleCron'),
    sharedScratch: bool(context, 'sharedScratch'),
    secrets: secrets(context),
    releasedImages: releasedImages(context, env),
  };
}

export interface BuiltApp {
  app: App;
  stack: FramefarmStack;
}

/**
 * The CDK app with cdk-nag's AwsSolutions pack. Without CDK_DEFAULT_ACCOUNT/REGION (no
 * credentials) the stack is environment-agnostic, so synth works offline.
 */
export function buildApp(props: FramefarmStackProps = {}, app = new App()): BuiltApp {
  const env: Environment | undefined =
    process.env.CDK_DEFAULT_ACCOUNT && process.env.CDK_DEFAULT_REGION
      ? { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION }
      : undefined;
  const contextProps = propsFromContext((key) => app.node.tryGetContext(key), process.env);
  const defined = Object.fromEntries(Object.entries(contextProps).filter(([, v]) => v !== undefined));
  const stackName = text((key) => app.node.tryGetContext(key), 'stackName') ?? DEFAULT_STACK_NAME;
  const stack = new FramefarmStack(app, stackName, {
    env,
    description: 'framefarm: parallel canvas rendering on AWS Batch (plan, render, encode)',
    ...defined,
    ...props,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
