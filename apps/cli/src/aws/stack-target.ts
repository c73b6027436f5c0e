import type * as CloudFormation from '@aws-sdk/client-cloudformation';
import { allJobSpecs, jobSpec, OUTPUT_BUCKET, OUTPUT_TABLE } from '@framefarm/job-specs';
import { UsageError } from '../errors';
import { Target } from './target';

/** Reads the deployed stack's outputs, the names the original quick start reads. */
export async function stackTarget(stackName: string, region: string): Promise<Target> {
  // Required here rather than at start-up: only a run against AWS reads a stack, and every local start would load the client.
  const { CloudFormationClient, DescribeStacksCommand } = require('@aws-sdk/client-cloudformation') as typeof CloudFormation;
  const cfn = new CloudFormationClient({ region });
  try {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    const outputs = new Map((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
    const plan = jobSpec('plan').outputs;
    const need = (key: string): string => {
      const value = outputs.get(key);
      if (!value) throw new UsageError(`stack ${stackName} has no output ${key}; is it a framefarm stack (deployed with nx run infra:deploy)?`);
      return value;
    };
    return {
      kind: 'aws',
      region,
      planJobQueue: need(plan.jobQueue),
      planJobDefinition: need(plan.jobDefinition),
      renderJobQueue: need(jobSpec('render').outputs.jobQueue),
      jobQueues: allJobSpecs().map((spec) => need(spec.outputs.jobQueue)),
      bucket: need(OUTPUT_BUCKET),
      table: need(OUTPUT_TABLE),
    };
  } catch (error) {
    if ((error as Error).name === 'ValidationError') throw new UsageError(`stack ${stackName} not found in ${region}`);
    throw error;
  } finally {
    cfn.destroy();
  }
}
