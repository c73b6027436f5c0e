import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';

// The options every job bundle is built with (tools/build/job-bundle.esbuild.cjs).
// eslint-disable-next-line @nx/enforce-module-boundaries -- the job apps' shared build options live in tools/, not in a project
const { jobBundleOptions } = require('../../../tools/build/job-bundle.esbuild.cjs') as {
  jobBundleOptions(): Pick<BuildOptions, 'mainFields' | 'supported' | 'plugins'>;
};
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above
const { asciiComments } = require('../../../tools/build/ascii-comments.esbuild.cjs') as { asciiComments(code: string, loader?: string): Promise<string> };
const project = require('../project.json') as { targets: { build: { options: { external: string[]; target: string } } } };

// Bounds a hang, not a duration: this bundles or starts programs, which a loaded CI machine once took past jest's default 5 s for.
jest.setTimeout(60_000);

describe('job bundle options', () => {
  it('build the plan job from the ES module builds of the AWS SDK, Smithy and OpenTelemetry, which esbuild trims, with require() for import()', async () => {
    const { options } = project.targets.build;
    const result = await build({
      entryPoints: [join(__dirname, '..', 'src', 'main.ts')],
      tsconfig: join(__dirname, '..', 'tsconfig.json'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: options.target,
      external: options.external,
      write: false,
      metafile: true,
      logLevel: 'silent',
      ...jobBundleOptions(),
    });
    const inputs = Object.keys(result.metafile.inputs).filter((input) => /node_modules\/(@aws-sdk|@smithy|@opentelemetry)\//.test(input));
    expect(inputs.length).toBeGreaterThan(50);
    expect(inputs.filter((input) => /\/dist-es\/|\/build\/esm\//.test(input)).length).toBeGreaterThan(inputs.length * 0.9);
    // Smaller than the 3.5 MB the CommonJS builds made.
    expect(result.outputFiles[0].contents.length).toBeLessThan(2.6e6);
    // Node's modules are required, never imported: the SDK's `await import("node:http")` would start
    // Node's ES module loader in every job.
    const text = result.outputFiles[0].text;
    expect(text).toContain('require("node:http")');
    expect(text).not.toMatch(/\bimport\(\s*["']node:/);
    // zod's messages in English only, the language zod speaks unless told otherwise.
    const locales = Object.keys(result.metafile.inputs).filter((input) => /zod\/v4\/locales\/\w+\.js$/.test(input));
    expect(locales).toEqual(['node_modules/zod/v4/locales/en.js']);
    // ASCII only, so Node holds the source in one byte a character (zod's comments have em dashes).
    expect(text).toMatch(/^[\x00-\x7f]*$/);
  });

  it('replace the non-ASCII characters of comments only, as the parser sees them', async () => {
    expect(await asciiComments('const a = 1; // 7680×4320 — “ok” 😀\n/* café */ a;\n')).toBe('const a = 1; // 7680?4320 ? ?ok? ??\n/* caf? */ a;\n');
    // In a string, a regular expression or a template the characters stay; those of the comment on the same line go.
    expect(await asciiComments('f("invàlida"); // invàlida\n')).toBe('f("invàlida"); // inv?lida\n');
    expect(await asciiComments('const r = /é/; const t = `// é`;\n')).toBe('const r = /é/; const t = `// é`;\n');
    expect(await asciiComments('const s = String.raw`é`; /* é */\n')).toBe('const s = String.raw`é`; /* ? */\n');
    expect(await asciiComments('plain ascii // comment\n')).toBe('plain ascii // comment\n');
    // Code esbuild cannot parse is left as it is.
    expect(await asciiComments('const = ; // é\n')).toBe('const = ; // é\n');
  });
});
