import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  allJobSpecs,
  INTERMEDIATE_OBJECT_TAG,
  OUTPUT_BUCKET,
  OUTPUT_TABLE,
  RETRY_RULES,
  TABLE_KEYS,
} from '@framefarm/job-specs';
import { actionsOf, identityStatements, maskAssetHashes, roleStatements, synthesize, type Synthesized } from './synth';

// Synthesized before the file's tests, not as the file loads: a `-t` filter that skips every test
// here then skips the synth too, and with it the assembly dir that only afterAll would remove.
let app: Synthesized['app'];
let template: Synthesized['template'];
let assembly: Synthesized['assembly'];
let stack: Synthesized['stack'];
let resources: Record<string, any>;
beforeAll(() => {
  ({ app, template, assembly, stack } = synthesize());
  resources = template.toJSON().Resources as Record<string, any>;
});
const specs = allJobSpecs();
const logicalIdOf = (type: string, predicate: (props: any) => boolean): string => {
  const match = Object.entries(resources).find(([, r]) => r.Type === type && predicate(r.Properties));
  if (!match) throw new Error(`no ${type} matched`);
  return match[0];
};

describe('framefarm stack (defaults)', () => {
  it('builds one queue and one job definition per step from the job specs', () => {
    template.resourceCountIs('AWS::Batch::JobQueue', 3);
    template.resourceCountIs('AWS::Batch::JobDefinition', 3);
    for (const spec of specs) {
      template.hasResourceProperties('AWS::Batch::JobQueue', { JobQueueName: spec.jobQueueName, Priority: spec.queuePriority });
      template.hasResourceProperties('AWS::Batch::JobDefinition', {
        JobDefinitionName: spec.jobDefinitionName,
        PlatformCapabilities: ['EC2'],
        Timeout: { AttemptDurationSeconds: spec.timeoutSeconds },
        RetryStrategy: {
          Attempts: spec.retryAttempts,
          EvaluateOnExit: RETRY_RULES.map((rule) => ({
            Action: rule.action,
            ...(rule.onStatusReason && { OnStatusReason: rule.onStatusReason }),
            ...(rule.onReason && { OnReason: rule.onReason }),
            ...(rule.onExitCode && { OnExitCode: rule.onExitCode }),
          })),
        },
        ContainerProperties: Match.objectLike({
          ResourceRequirements: [
            { Type: 'MEMORY', Value: String(spec.memoryMiB) },
            // EC2 compute environments reserve whole vCPUs: plan's 0.25 becomes 1.
            { Type: 'VCPU', Value: String(Math.max(1, Math.ceil(spec.vcpus))) },
          ],
          LogConfiguration: Match.objectLike({
            LogDriver: 'awslogs',
            Options: Match.objectLike({ 'awslogs-stream-prefix': spec.jobDefinitionName }),
          }),
        }),
      });
      template.hasResourceProperties('AWS::Logs::LogGroup', {
        LogGroupName: `/aws/batch/${spec.jobDefinitionName}`,
        RetentionInDays: 30,
      });
    }
  });

  it('uses three distinct image assets, each built from its own app Dockerfile at the repository root', () => {
    const images = specs.map((spec) => {
      const id = logicalIdOf('AWS::Batch::JobDefinition', (p) => p.JobDefinitionName === spec.jobDefinitionName);
      return JSON.stringify(resources[id].Properties.ContainerProperties.Image);
    });
    expect(new Set(images).size).toBe(3);

    const manifestFile = path.join(assembly.directory, `${stack.artifactId}.assets.json`);
    const dockerImages = JSON.parse(readFileSync(manifestFile, 'utf8')).dockerImages as Record<
      string,
      { source: { directory: string; dockerFile: string } }
    >;
    const byFile = new Map(Object.entries(dockerImages).map(([hash, image]) => [image.source.dockerFile, { hash, ...image.source }]));
    expect([...byFile.keys()].sort()).toEqual(['apps/encode/Dockerfile', 'apps/plan/Dockerfile', 'apps/render/Dockerfile']);
    for (const [index, spec] of specs.entries()) {
      const asset = byFile.get(`apps/${spec.step}/Dockerfile`)!;
      expect(images[index]).toContain(asset.hash);
      // The staged context holds the lock file, this app's bundle and Dockerfile, and nothing of the others.
      const staged = path.join(assembly.directory, asset.directory);
      expect(existsSync(path.join(staged, 'package-lock.json'))).toBe(true);
      expect(existsSync(path.join(staged, `apps/${spec.step}/Dockerfile`))).toBe(true);
      expect(existsSync(path.join(staged, 'node_modules'))).toBe(false);
      expect(existsSync(path.join(staged, 'apps/infra'))).toBe(false);
      for (const other of specs.filter((o) => o.step !== spec.step)) {
        expect(existsSync(path.join(staged, `dist/apps/${other.step}`))).toBe(false);
      }
    }
  });

  it('gives the jobs the environment the local stack gives them', () => {
    const id = logicalIdOf('AWS::Batch::JobDefinition', (p) => p.JobDefinitionName === 'framefarm-plan');
    const env = resources[id].Properties.ContainerProperties.Environment as { Name: string; Value: unknown }[];
    expect(env).toEqual(
      expect.arrayContaining([
        { Name: 'FRAMEFARM_BUCKET', Value: { Ref: expect.stringMatching(/^RunsBucket/) } },
        { Name: 'FRAMEFARM_TABLE', Value: { Ref: expect.stringMatching(/^RunTable/) } },
        { Name: 'RENDER_JOB_QUEUE', Value: 'framefarm-render' },
        { Name: 'ENCODE_JOB_DEFINITION', Value: 'framefarm-encode' },
        { Name: 'AWS_REGION', Value: { Ref: 'AWS::Region' } },
        { Name: 'GLIBC_TUNABLES', Value: 'glibc.malloc.hugetlb=1' },
      ]),
    );
  });

  it('puts Spot first and On-Demand second in every queue', () => {
    const spot = logicalIdOf('AWS::Batch::ComputeEnvironment', (p) => p.ComputeResources.Type === 'SPOT');
    const onDemand = logicalIdOf('AWS::Batch::ComputeEnvironment', (p) => p.ComputeResources.Type === 'EC2');
    expect(resources[spot].Properties.ComputeResources).toMatchObject({
      AllocationStrategy: 'SPOT_PRICE_CAPACITY_OPTIMIZED',
      MinvCpus: 0,
      MaxvCpus: 64,
      InstanceTypes: expect.arrayContaining(['c6i.large', 'm6i.xlarge']),
    });
    expect(resources[spot].Properties.ComputeResources.InstanceTypes).not.toContain('optimal');
    template.allResourcesProperties('AWS::Batch::JobQueue', {
      ComputeEnvironmentOrder: [
        { ComputeEnvironment: { 'Fn::GetAtt': [spot, 'ComputeEnvironmentArn'] }, Order: 1 },
        { ComputeEnvironment: { 'Fn::GetAtt': [onDemand, 'ComputeEnvironmentArn'] }, Order: 2 },
      ],
    });
  });

  it('runs the compute in private subnets of a new VPC with one NAT gateway and free gateway endpoints', () => {
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 2);
    const ce = Object.values(resources).find((r) => r.Type === 'AWS::Batch::ComputeEnvironment');
    const subnets = ce.Properties.ComputeResources.Subnets.map((s: any) => s.Ref as string);
    expect(subnets.length).toBe(2);
    for (const subnet of subnets) {
      expect(subnet).toMatch(/compute/i);
      expect(resources[subnet].Properties.MapPublicIpOnLaunch).toBe(false);
    }
  });

  it('writes the outputs the quick start reads, with exactly these logical ids', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const expected = [...specs.flatMap((s) => [s.outputs.jobQueue, s.outputs.jobDefinition]), OUTPUT_BUCKET, OUTPUT_TABLE];
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(expected));
    for (const spec of specs) {
      const queue = logicalIdOf('AWS::Batch::JobQueue', (p) => p.JobQueueName === spec.jobQueueName);
      const definition = logicalIdOf('AWS::Batch::JobDefinition', (p) => p.JobDefinitionName === spec.jobDefinitionName);
      expect(outputs[spec.outputs.jobQueue].Value).toEqual({ 'Fn::GetAtt': [queue, 'JobQueueArn'] });
      expect(outputs[spec.outputs.jobDefinition].Value).toEqual({ Ref: definition });
    }
    expect(outputs[OUTPUT_BUCKET].Value).toEqual({ Ref: expect.stringMatching(/^RunsBucket/) });
    expect(outputs[OUTPUT_TABLE].Value).toEqual({ Ref: expect.stringMatching(/^RunTable/) });
  });

  it('keeps the bucket private, encrypted and TLS-only, and expires tagged chunks', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Status: 'Enabled',
            ExpirationInDays: 7,
            TagFilters: [{ Key: INTERMEDIATE_OBJECT_TAG.key, Value: INTERMEDIATE_OBJECT_TAG.value }],
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('creates the run table with the shared keys, on demand, with point-in-time recovery', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
    });
  });

  it('grants no wildcard actions in any identity policy', () => {
    const statements = identityStatements(template);
    expect(statements.length).toBeGreaterThan(10);
    const wildcards = statements.filter(({ statement }) => actionsOf(statement).some((a) => a.includes('*')));
    expect(wildcards).toEqual([]);
  });

  it('lets plan submit only to the render and encode queues and definitions', () => {
    const submit = roleStatements(template, 'PlanJobRole').filter((s) => actionsOf(s).some((a) => a.startsWith('batch:')));
    expect(submit.flatMap(actionsOf)).toEqual(['batch:SubmitJob']);
    const text = JSON.stringify(submit[0].Resource);
    const queue = (name: string) => logicalIdOf('AWS::Batch::JobQueue', (p) => p.JobQueueName === name);
    expect(text).toContain(queue('framefarm-render'));
    expect(text).toContain(queue('framefarm-encode'));
    expect(text).not.toContain(queue('framefarm-plan'));
    expect(text).toContain('job-definition/framefarm-render:*');
    expect(text).not.toContain('framefarm-plan');
    for (const step of ['Render', 'Encode']) {
      expect(roleStatements(template, `${step}JobRole`).flatMap(actionsOf)).not.toContain('batch:SubmitJob');
    }
  });

  it('scopes render and encode to their own S3 keys', () => {
    const written = (role: string) =>
      JSON.stringify(roleStatements(template, role).filter((s) => actionsOf(s).includes('s3:PutObject')).map((s) => s.Resource));
    expect(written('RenderJobRole')).toContain('/runs/*/chunks/*');
    expect(written('RenderJobRole')).not.toContain('video.mp4');
    expect(written('EncodeJobRole')).toContain('/runs/*/video.mp4');
    expect(written('EncodeJobRole')).not.toContain('chunks');
    const read = (role: string) =>
      JSON.stringify(roleStatements(template, role).filter((s) => actionsOf(s).includes('s3:GetObject')).map((s) => s.Resource));
    expect(read('RenderJobRole')).toContain('/sketches/*.cjs');
    expect(read('EncodeJobRole')).not.toContain('sketches');
    expect(read('PlanJobRole')).not.toContain('chunks');
    for (const role of ['PlanJobRole', 'RenderJobRole', 'EncodeJobRole']) {
      const statements = roleStatements(template, role);
      const s3Resources = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:'))).flatMap((s) => [].concat(s.Resource as never));
      // No statement reaches the whole bucket's objects.
      expect(JSON.stringify(s3Resources)).not.toMatch(/"\/\*"/);
      const items = statements.find((s) => actionsOf(s).includes('dynamodb:UpdateItem'));
      expect(items?.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['RUN#*'] } });
      expect(statements.flatMap(actionsOf)).toContain('xray:PutTraceSegments');
    }
  });

  it('notifies an SNS topic when a job of the stack fails', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({
        source: ['aws.batch'],
        'detail-type': ['Batch Job State Change'],
        detail: Match.objectLike({ status: ['FAILED'] }),
      }),
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^FailedJobsTopic') } })],
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('alerts once per failure: not for array children, not for the jobs that failed because they depended on it', () => {
    const [rule] = Object.values(template.findResources('AWS::Events::Rule')) as any[];
    expect(rule.Properties.EventPattern.detail).toMatchObject({
      arrayProperties: { index: [{ exists: false }] },
      statusReason: [{ 'anything-but': { prefix: 'Dependent Job failed' } }],
    });
  });

  it('lets EventBridge publish to the alert topic and use its key only for this account (and this rule)', () => {
    const ruleId = Object.keys(template.findResources('AWS::Events::Rule'))[0];
    const topicPolicies = Object.values(template.findResources('AWS::SNS::TopicPolicy')) as any[];
    const eventsStatements = topicPolicies
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s: any) => JSON.stringify(s.Principal ?? {}).includes('events.amazonaws.com'));
    expect(eventsStatements).toEqual([
      expect.objectContaining({
        Action: 'sns:Publish',
        Effect: 'Allow',
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } } },
      }),
    ]);
    const [key] = Object.values(template.findResources('AWS::KMS::Key')) as any[];
    const keyStatements = key.Properties.KeyPolicy.Statement.filter((s: any) => JSON.stringify(s.Principal ?? {}).includes('events.amazonaws.com'));
    expect(keyStatements).toEqual([expect.objectContaining({ Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } })]);
  });

  it('schedules the alert key for deletion with the stack (a 7-day waiting period) instead of keeping it', () => {
    const [key] = Object.values(template.findResources('AWS::KMS::Key')) as any[];
    expect(key.DeletionPolicy).toBe('Delete');
    expect(key.Properties.PendingWindowInDays).toBe(7);
  });

  it('passes the cdk-nag AwsSolutions checks with no unacknowledged error', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.resourceLogicalId).join(', ')}`)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('matches the snapshot (asset hashes masked)', () => {
    expect(maskAssetHashes(template.toJSON())).toMatchSnapshot();
  });
});

describe('job containers and the instance role', () => {
  it('every compute environment launches instances with IMDSv2 only and a hop limit of 1', () => {
    const templates = Object.entries(template.findResources('AWS::EC2::LaunchTemplate'));
    expect(templates).toHaveLength(1);
    const [launchTemplateId, launchTemplate] = templates[0];
    expect(launchTemplate.Properties.LaunchTemplateData.MetadataOptions).toEqual({
      HttpEndpoint: 'enabled',
      HttpTokens: 'required',
      HttpPutResponseHopLimit: 1,
    });
    // Batch picks the instance profile itself; a launch template that names one is rejected.
    expect(launchTemplate.Properties.LaunchTemplateData.IamInstanceProfile).toBeUndefined();
    const environments = Object.values(template.findResources('AWS::Batch::ComputeEnvironment'));
    expect(environments.length).toBe(2);
    for (const environment of environments) {
      expect(environment.Properties.ComputeResources.LaunchTemplate).toMatchObject({ LaunchTemplateId: { Ref: launchTemplateId } });
    }
  });
});
