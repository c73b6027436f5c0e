import { BatchClient, DescribeJobsCommand, ListJobsCommand } from '@aws-sdk/client-batch';
import { SPAN_ATTRIBUTES } from './attributes';
import { JsonlFileSpanExporter } from './file-span-exporter';
import { traceJob } from './job-tracer';
import { OTLP_SPAN_KIND, OTLP_STATUS_CODE } from './stored-span';
import { readRunSpans } from './trace-files';
import { SinkAnswer, startHttpSink } from '../test/http-sink';
import { withTempDir } from '../test/temp-dir';

describe('instrumentAwsClient', () => {
  it('adds a client span per AWS SDK command under the active span, failures included', async () => {
    const sink = await startHttpSink((request): SinkAnswer =>
      request.path === '/v1/listjobs'
        ? { status: 200, headers: { 'x-amzn-requestid': 'req-123' }, body: JSON.stringify({ jobSummaryList: [] }) }
        : { status: 400, headers: { 'x-amzn-errortype': 'ClientException' }, body: JSON.stringify({ message: 'Maximum number of jobs supported is 100' }) },
    );
    try {
      await withTempDir(async (stateDir) => {
        await traceJob(
          { serviceName: 'framefarm-plan', runId: 'run-sdk', job: { jobId: 'plan-9', attempt: 1 }, env: {}, exporter: new JsonlFileSpanExporter(stateDir), log: () => undefined },
          async (tracer) => {
            const batch = tracer.instrumentAwsClient(
              new BatchClient({ region: 'us-east-1', endpoint: sink.url, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 }),
            );
            await tracer.withSpan('plan.list', {}, () => batch.send(new ListJobsCommand({ jobQueue: 'framefarm-render' })));
            await expect(batch.send(new DescribeJobsCommand({ jobs: ['x'] }))).rejects.toThrow('Maximum number of jobs');
          },
        );
        const { spans } = await readRunSpans(stateDir, { runId: 'run-sdk' });
        const list = spans.find((span) => span.name === 'Batch.ListJobs');
        const step = spans.find((span) => span.name === 'plan.list');
        const job = spans.find((span) => span.name === 'framefarm-plan');
        expect(list).toMatchObject({
          kind: OTLP_SPAN_KIND.CLIENT,
          parentSpanId: step?.spanId,
          attributes: { 'rpc.system': 'aws-api', 'rpc.service': 'Batch', 'rpc.method': 'ListJobs', 'aws.request_id': 'req-123', [SPAN_ATTRIBUTES.jobId]: 'plan-9' },
        });
        const describe = spans.find((span) => span.name === 'Batch.DescribeJobs');
        expect(describe?.parentSpanId).toBe(job?.spanId);
        expect(describe?.status.code).toBe(OTLP_STATUS_CODE.ERROR);
        expect(describe?.status.message).toContain('ClientException');
        expect(describe?.attributes['http.response.status_code']).toBe(400);
        expect(describe?.events).toEqual([expect.objectContaining({ name: 'exception', attributes: { 'exception.type': 'ClientException', 'exception.message': 'Maximum number of jobs supported is 100' } })]);
      });
    } finally {
      await sink.close();
    }
  });
});
