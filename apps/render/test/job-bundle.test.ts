import { build } from 'esbuild';
import { renderBundleOptions } from './render-bundle';

// Bounds a hang, not a duration: this bundles the render job and its sketch thread.
jest.setTimeout(60_000);

describe('the render job bundle', () => {
  it('carries only the S3 and DynamoDB commands the job sends, not every command of both clients', async () => {
    const result = await build({ ...renderBundleOptions(), write: false, metafile: true });
    // What the bundle carries: esbuild reads every file a package's index names, and keeps those used.
    const [output] = Object.values(result.metafile.outputs);
    const inputs = Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path);
    // A module reached through require() is bundled whole with what it imports, and each package's
    // index then brings its aggregated client, which creates every command when the job starts.
    expect(inputs.filter((input) => /\/(DynamoDB|S3|DynamoDBDocument)\.js$/.test(input))).toEqual([]);
    expect(inputs).toContain('node_modules/@aws-sdk/client-s3/dist-es/commands/PutObjectCommand.js');
    expect(inputs.filter((input) => /client-s3\/dist-es\/commands\/\w+\.js$/.test(input)).length).toBeLessThan(10);
    expect(result.outputFiles[0].contents.length).toBeLessThan(1.8e6);
  });
});
