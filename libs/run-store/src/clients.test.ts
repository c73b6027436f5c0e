import { createDocumentClient, createJobLog, createS3Client, errorFields } from './index';

describe('SDK clients', () => {
  it('uses path-style addressing and a default region only for a custom endpoint', async () => {
    const local = createS3Client({ AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' });
    expect(local.config.forcePathStyle).toBe(true);
    expect(await local.config.region()).toBe('us-east-1');
    expect((await local.config.endpoint!()).hostname).toBe('127.0.0.1');
    const perService = createS3Client({ AWS_ENDPOINT_URL: 'http://edge:1', AWS_ENDPOINT_URL_S3: 'http://s3:2', AWS_REGION: 'eu-west-1' });
    expect((await perService.config.endpoint!()).hostname).toBe('s3');
    expect(await perService.config.region()).toBe('eu-west-1');
    const aws = createS3Client({ AWS_REGION: 'eu-west-1' });
    expect(aws.config.forcePathStyle).toBeFalsy();
    const db = createDocumentClient({ AWS_ENDPOINT_URL_DYNAMODB: 'http://db:3' });
    expect((await db.config.endpoint!()).hostname).toBe('db');
  });
});

describe('job log', () => {
  it('writes one JSON line per event with the job context', () => {
    const lines: string[] = [];
    const log = createJobLog({ step: 'render', runId: 'r', jobId: 'j:2', arrayIndex: 2, attempt: 1 }, (line) => lines.push(line));
    log('chunk-rendered', { frames: 12 });
    const error = new RangeError('bad');
    log('failed', errorFields(error));
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.endsWith('\n') && l.indexOf('\n') === l.length - 1)).toBe(true);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'info', step: 'render', runId: 'r', jobId: 'j:2', arrayIndex: 2, attempt: 1, event: 'chunk-rendered', frames: 12 });
    expect(JSON.parse(lines[1])).toMatchObject({ level: 'error', errorName: 'RangeError', error: 'bad' });
  });
});
