import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { allJobSpecs } from '@framefarm/job-specs';
import { propsFromContext, releasedImageContextKey, releasedImageVariable } from '../src/app';
import { FramefarmStack } from '../src/framefarm-stack';
import { InvalidStackConfigError } from '../src/stack-props';
import { synthesize, testApp } from './synth';

const digest = (char: string) => `sha256:${char.repeat(64)}`;
const DIGESTS = { plan: digest('a'), render: digest('b'), encode: digest('c') };

function imagesOf(template: ReturnType<typeof synthesize>['template']): Record<string, string> {
  const resources = template.toJSON().Resources as Record<string, any>;
  return Object.fromEntries(
    allJobSpecs().map((spec) => {
      const definition = Object.values(resources).find((r) => r.Type === 'AWS::Batch::JobDefinition' && r.Properties.JobDefinitionName === spec.jobDefinitionName);
      return [spec.step, JSON.stringify(definition.Properties.ContainerProperties.Image)];
    }),
  );
}

/** `<registry>/<the stack's repository of the step>@<digest>`. */
const releasedFrom = (step: string, value: string) => new RegExp(`".dkr.ecr.".*\\{"Ref":"Images${step}[0-9A-F]{8}"\\},"@${value}"\\]\\]\\}$`);

function dockerAssets(synthesized: ReturnType<typeof synthesize>): string[] {
  const manifest = path.join(synthesized.assembly.directory, `${synthesized.stack.artifactId}.assets.json`);
  return Object.values(JSON.parse(readFileSync(manifest, 'utf8')).dockerImages ?? {}).map((image: any) => image.source.dockerFile);
}

describe('released images', () => {
  it('the stack creates one ECR repository per app, kept on destroy, and names them in its outputs', () => {
    const synthesized = synthesize();
    const repositories = synthesized.template.findResources('AWS::ECR::Repository');
    expect(Object.values(repositories).map((r: any) => r.Properties.RepositoryName).sort()).toEqual(['framefarm/encode', 'framefarm/plan', 'framefarm/render']);
    for (const repository of Object.values(repositories) as any[]) {
      expect(repository.DeletionPolicy).toBe('Retain');
      expect(repository.Properties.ImageScanningConfiguration).toEqual({ ScanOnPush: true });
    }
    const outputs = synthesized.template.toJSON().Outputs as Record<string, unknown>;
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['CfnOutputPlanImageRepository', 'CfnOutputRenderImageRepository', 'CfnOutputEncodeImageRepository']));
    // Without digests every image is an asset built from its Dockerfile (a laptop deploy).
    expect(dockerAssets(synthesized).sort()).toEqual(['apps/encode/Dockerfile', 'apps/plan/Dockerfile', 'apps/render/Dockerfile']);
  });

  it('with digests, the job definitions run exactly the released images and nothing is built', () => {
    const synthesized = synthesize({ releasedImages: DIGESTS });
    const images = imagesOf(synthesized.template);
    for (const [step, value] of Object.entries(images)) expect(value).toMatch(releasedFrom(step, DIGESTS[step as keyof typeof DIGESTS]));
    expect(dockerAssets(synthesized)).toEqual([]);
  });

  it('a step without a digest still gets its asset', () => {
    const synthesized = synthesize({ releasedImages: { render: DIGESTS.render } });
    expect(imagesOf(synthesized.template).render).toMatch(releasedFrom('render', DIGESTS.render));
    expect(dockerAssets(synthesized).sort()).toEqual(['apps/encode/Dockerfile', 'apps/plan/Dockerfile']);
  });

  it('digests come from -c <step>ImageDigest=… or FRAMEFARM_<STEP>_IMAGE_DIGEST, the context first', () => {
    expect(releasedImageContextKey('render')).toBe('renderImageDigest');
    expect(releasedImageVariable('render')).toBe('FRAMEFARM_RENDER_IMAGE_DIGEST');
    const props = propsFromContext((key) => ({ planImageDigest: DIGESTS.plan, renderImageDigest: DIGESTS.render })[key as 'planImageDigest'], {
      FRAMEFARM_RENDER_IMAGE_DIGEST: digest('f'),
      FRAMEFARM_ENCODE_IMAGE_DIGEST: DIGESTS.encode,
    });
    expect(props.releasedImages).toEqual(DIGESTS);
    expect(propsFromContext(() => undefined, {}).releasedImages).toBeUndefined();
  });

  it('refuses a tag or a short digest, naming the step', () => {
    const build = (value: string) => () => new FramefarmStack(testApp(), 'BadDigest', { releasedImages: { encode: value } });
    expect(build('latest')).toThrow(InvalidStackConfigError);
    expect(build('sha256:abc')).toThrow(/released encode image must be a digest like sha256:<64 hex digits>, got "sha256:abc"/);
  });
});
