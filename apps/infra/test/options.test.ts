import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { JOB_NODE_MAJOR } from '@framefarm/job-specs';
import { actionsOf, identityStatements, roleStatements, synthesize, type Synthesized } from './synth';

// Synthesized before the file's tests, not as the file loads (see stack.test.ts).
let app: Synthesized['app'];
let template: Synthesized['template'];
let resources: Record<string, any>;
beforeAll(() => {
  ({ app, template } = synthesize({
    spot: false,
    egress: 'endpoints',
    alarmEmail: 'render-ops@example.com',
    stepFunctions: true,
    scheduleCron: 'cron(0 3 * * ? *)',
    sharedScratch: true,
    secrets: [{ environmentName: 'SKETCH_API_KEY', secretName: 'framefarm/sketch-key', field: 'apiKey', steps: ['render', 'encode'] }],
  }));
  resources = template.toJSON().Resources as Record<string, any>;
});
const jobDefinition = (name: string) =>
  Object.values(resources).find((r) => r.Type === 'AWS::Batch::JobDefinition' && r.Properties.JobDefinitionName === name);

/** The state machine definition; references (ARNs, partition) sit inside JSON strings and read as TOKEN. */
function stateMachineDefinition(): Record<string, any> {
  const sm = Object.values(resources).find((r) => r.Type === 'AWS::StepFunctions::StateMachine');
  const parts = sm.Properties.DefinitionString['Fn::Join'][1] as unknown[];
  return JSON.parse(parts.map((p) => (typeof p === 'string' ? p : 'TOKEN')).join(''));
}

describe('framefarm stack (all options)', () => {
  it('without Spot, queues use only the On-Demand environment', () => {
    template.resourceCountIs('AWS::Batch::ComputeEnvironment', 1);
    template.hasResourceProperties('AWS::Batch::ComputeEnvironment', {
      ComputeResources: Match.objectLike({ Type: 'EC2', AllocationStrategy: 'BEST_FIT_PROGRESSIVE' }),
    });
    template.allResourcesProperties('AWS::Batch::JobQueue', { ComputeEnvironmentOrder: [Match.objectLike({ Order: 1 })] });
  });

  it('with egress "endpoints" has no NAT and reaches the AWS APIs through interface endpoints, HTTPS from the instances only', () => {
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    const endpoints = Object.values(resources).filter((r) => r.Type === 'AWS::EC2::VPCEndpoint');
    const interfaces = endpoints.filter((r) => r.Properties.VpcEndpointType === 'Interface');
    const names = JSON.stringify(interfaces.map((r) => r.Properties.ServiceName));
    for (const service of ['ecr.api', 'ecr.dkr', 'logs', 'ecs-agent', 'batch', 'xray']) expect(names).toContain(`.${service}`);
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ComputeInstanceSecurityGroup'), 'GroupId'] },
    });
  });

  it('subscribes the alarm e-mail to failed-job notifications', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'render-ops@example.com' });
  });

  it('plans with a Lambda, then runs the render array and the encode job with submitJob.sync', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { Runtime: `nodejs${JOB_NODE_MAJOR}.x`, TracingConfig: { Mode: 'Active' } });
    const definition = stateMachineDefinition();
    const plan = definition.States[definition.StartAt];
    expect(plan).toMatchObject({ Type: 'Task', ResultPath: '$.plan' });
    const choice = definition.States[plan.Next];
    expect(choice.Type).toBe('Choice');
    const render = definition.States[choice.Choices[0].Next];
    expect(render.Resource).toMatch(/:states:::batch:submitJob\.sync$/);
    expect(render.Parameters.ArrayProperties).toEqual({ 'Size.$': '$.plan.arraySize' });
    expect(render.Parameters.ContainerOverrides).toEqual({ 'Environment.$': '$.plan.environment' });
    const single = definition.States[choice.Default];
    expect(single.Parameters.ArrayProperties).toBeUndefined();
    expect(render.Next).toBe(single.Next);
    const encode = definition.States[render.Next];
    expect(encode.Resource).toMatch(/:states:::batch:submitJob\.sync$/);
    expect(definition.States[encode.Next].Type).toBe('Succeed');
  });

  it('gives the plan function the bucket and table, and only what the plan job may write there', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          FRAMEFARM_BUCKET: { Ref: Match.stringLikeRegexp('^RunsBucket') },
          FRAMEFARM_TABLE: { Ref: Match.stringLikeRegexp('^RunTable') },
        }),
      },
    });
    const statements = roleStatements(template, 'RenderPipelinePlanFunctionRole');
    const written = JSON.stringify(statements.filter((s) => actionsOf(s).includes('s3:PutObject')).map((s) => s.Resource));
    expect(written).toContain('/runs/*/manifest.json');
    expect(written).not.toContain('chunks');
    expect(statements.flatMap(actionsOf)).toContain('dynamodb:PutItem');
    expect(statements.flatMap(actionsOf)).not.toContain('batch:SubmitJob');
  });

  it('lets the state machine submit only render and encode jobs', () => {
    const submit = roleStatements(template, 'RenderPipelineStateMachineRole').find((s) => actionsOf(s).includes('batch:SubmitJob'));
    const text = JSON.stringify(submit?.Resource);
    expect(text).toMatch(/RenderJobQueue/);
    expect(text).toMatch(/EncodeJobDefinition/);
    expect(text).not.toMatch(/PlanJob/);
  });

  it('starts the state machine on the cron schedule with the demo run', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 3 * * ? *)',
      Target: Match.objectLike({
        Arn: { Ref: Match.stringLikeRegexp('^RenderPipelineStateMachine') },
        Input: JSON.stringify({ totalFrames: 120, framesPerRenderJob: 30 }),
      }),
    });
  });

  it('mounts an encrypted EFS file system into every job at /scratch through an access point', () => {
    template.hasResourceProperties('AWS::EFS::FileSystem', { Encrypted: true });
    for (const name of ['framefarm-plan', 'framefarm-render', 'framefarm-encode']) {
      const props = jobDefinition(name).Properties.ContainerProperties;
      expect(props.MountPoints).toEqual([{ ContainerPath: '/scratch', SourceVolume: 'scratch' }]);
      expect(props.Volumes[0].EfsVolumeConfiguration).toMatchObject({
        TransitEncryption: 'ENABLED',
        AuthorizationConfig: { Iam: 'ENABLED', AccessPointId: { Ref: expect.stringMatching(/^ScratchFileSystemJobs/) } },
      });
    }
    expect(JSON.stringify(roleStatements(template, 'RenderJobRole'))).toContain('elasticfilesystem:ClientMount');
  });

  it('passes secrets as Batch secrets, never as plain environment, and only to the steps that asked', () => {
    for (const name of ['framefarm-render', 'framefarm-encode']) {
      const props = jobDefinition(name).Properties.ContainerProperties;
      expect(props.Secrets).toEqual([{ Name: 'SKETCH_API_KEY', ValueFrom: expect.anything() }]);
      expect(JSON.stringify(props.Secrets[0].ValueFrom)).toContain('secret:framefarm/sketch-key');
      expect(JSON.stringify(props.Secrets[0].ValueFrom)).toMatch(/:apiKey::"?\]?/);
      expect(props.Environment.map((e: { Name: string }) => e.Name)).not.toContain('SKETCH_API_KEY');
    }
    expect(jobDefinition('framefarm-plan').Properties.ContainerProperties.Secrets).toBeUndefined();
    const executionRead = roleStatements(template, 'ExecutionRole').find((s) => actionsOf(s).includes('secretsmanager:GetSecretValue'));
    expect(JSON.stringify(executionRead?.Resource)).toContain('secret:framefarm/sketch-key-??????');
  });

  it('still grants no wildcard actions', () => {
    const wildcards = identityStatements(template).filter(({ statement }) => actionsOf(statement).some((a) => a.includes('*')));
    expect(wildcards).toEqual([]);
  });

  it('passes the cdk-nag AwsSolutions checks with no unacknowledged error', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
  });
});
