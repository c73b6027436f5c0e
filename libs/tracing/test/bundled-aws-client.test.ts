import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { readRunSpans } from '../src/trace-files';
import { bundleProgram } from './bundle-program';
import { startHttpSink } from './http-sink';
import { withTempDir } from './temp-dir';

// The job programs ship as esbuild CJS bundles with the AWS SDK inlined, where require-hook
// instrumentation cannot see the SDK. This builds such a bundle and checks the SDK spans appear.
const ENTRY = `
import { BatchClient, ListJobsCommand } from '@aws-sdk/client-batch';
import { JsonlFileSpanExporter, traceJob } from '@framefarm/tracing';

const [stateDir, endpoint] = process.argv.slice(2);
void traceJob(
  { serviceName: 'bundled', runId: 'run-bundled', job: { jobId: 'b-1', attempt: 1 }, env: {}, exporter: new JsonlFileSpanExporter(stateDir) },
  async (tracer) => {
    const batch = tracer.instrumentAwsClient(new BatchClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }));
    const listed = await batch.send(new ListJobsCommand({ jobQueue: 'q', jobStatus: 'RUNNING' }));
    process.stdout.write(JSON.stringify(listed.jobSummaryList));
  },
);
`;

// Bounds a hang, not a duration: this bundles or starts programs, which a loaded CI machine once took past jest's default 5 s for.
jest.setTimeout(60_000);

describe('AWS SDK spans in an esbuild bundle', () => {
  it('records a span per command when the SDK is bundled into the program', async () => {
    const sink = await startHttpSink(() => ({ status: 200, body: JSON.stringify({ jobSummaryList: [{ jobId: 'j-1', jobName: 'n' }] }) }));
    try {
      await withTempDir(async (dir) => {
        const bundle = await bundleProgram(dir, ENTRY);
        expect(await readFile(bundle, 'utf8')).not.toMatch(/require\(["']@aws-sdk\/client-batch["']\)/);

        const { stdout } = await promisify(execFile)(process.execPath, [bundle, dir, sink.url], { cwd: dir });
        expect(JSON.parse(stdout)).toEqual([{ jobId: 'j-1', jobName: 'n' }]);
        const { spans } = await readRunSpans(dir, { runId: 'run-bundled' });
        const job = spans.find((span) => span.name === 'bundled');
        const list = spans.find((span) => span.name === 'Batch.ListJobs');
        expect(list?.parentSpanId).toBe(job?.spanId);
        expect(list?.attributes['rpc.method']).toBe('ListJobs');
      });
    } finally {
      await sink.close();
    }
  });
});
