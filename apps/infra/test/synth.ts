import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type AppProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildApp } from '../src/app';
import type { FramefarmStack } from '../src/framefarm-stack';
import type { FramefarmStackProps } from '../src/stack-props';

export interface Synthesized {
  app: App;
  stack: FramefarmStack;
  template: Template;
  assembly: CloudAssembly;
}

const outdirs: string[] = [];
afterAll(() => {
  for (const outdir of outdirs.splice(0)) rmSync(outdir, { recursive: true, force: true });
});

/**
 * An App for a test, with its cloud assembly in a temp dir removed after the test file. Without an
 * outdir, every App makes a `cdk.out*` dir in the OS temp dir as it is constructed (Template.fromStack
 * synthesizes into it too) and leaves it there, ~8.5 MB with the staged assets.
 */
export function testApp(props: AppProps = {}): App {
  const outdir = mkdtempSync(join(tmpdir(), 'framefarm-infra-cdk-'));
  outdirs.push(outdir);
  return new App({ ...props, outdir });
}

/** One synth per test file: CDK synth is the slow part of these tests. */
export function synthesize(props: FramefarmStackProps = {}): Synthesized {
  const { app, stack } = buildApp(props, testApp({ context: { stackName: 'FramefarmTest' } }));
  const assembly = app.synth();
  return { app, stack, template: Template.fromStack(stack), assembly };
}

export type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

/** Every statement of the identity policies: inline role policies, managed and standalone policies. */
export function identityStatements(template: Template): { owner: string; statement: Statement }[] {
  const out: { owner: string; statement: Statement }[] = [];
  for (const [id, resource] of Object.entries(template.toJSON().Resources as Record<string, any>)) {
    const docs: any[] = [];
    if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') docs.push(resource.Properties.PolicyDocument);
    if (resource.Type === 'AWS::IAM::Role') for (const p of resource.Properties.Policies ?? []) docs.push(p.PolicyDocument);
    for (const doc of docs) for (const statement of doc.Statement) out.push({ owner: id, statement });
  }
  return out;
}

export const actionsOf = (s: Statement): string[] => ([] as string[]).concat(s.Action);

/** Statements of the policy attached to the role whose logical id starts with `rolePrefix`. */
export function roleStatements(template: Template, rolePrefix: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((p: any) => p.Properties.Roles.some((r: any) => typeof r.Ref === 'string' && r.Ref.startsWith(rolePrefix)))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement as Statement[]);
}

/** Asset hashes change with every bundle; the snapshot is about the shape of the stack. */
export function maskAssetHashes(template: unknown): unknown {
  return JSON.parse(JSON.stringify(template).replace(/[0-9a-f]{64}/g, '<asset-hash>'));
}
