import { requiredPermissions, UnmappedRequestError, type RequestToAuthorize } from './request-actions';

const arns = { region: 'eu-west-1', accountId: '000000000000' };
const req = (r: Partial<RequestToAuthorize> & Pick<RequestToAuthorize, 'service' | 'url'>): RequestToAuthorize => ({ method: 'GET', headers: { host: '127.0.0.1:4566' }, ...r });
const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

describe('requiredPermissions: the IAM action and resource AWS checks for a request', () => {
  it('maps S3 object and bucket operations, path-style and on *.localhost', () => {
    expect(requiredPermissions(req({ service: 's3', method: 'HEAD', url: '/b/sketches/abc.cjs' }), arns)).toEqual([{ action: 's3:GetObject', resource: 'arn:aws:s3:::b/sketches/abc.cjs' }]);
    expect(requiredPermissions(req({ service: 's3', method: 'GET', url: '/b?list-type=2&prefix=runs%2F' }), arns)).toEqual([
      { action: 's3:ListBucket', resource: 'arn:aws:s3:::b', context: { 's3:prefix': 'runs/' } },
    ]);
    expect(requiredPermissions(req({ service: 's3', method: 'PUT', url: '/b/runs/r/chunks/00001.ts', headers: { host: 'x', 'x-amz-tagging': 'a=b' } }), arns).map((p) => p.action)).toEqual([
      's3:PutObject',
      's3:PutObjectTagging',
    ]);
    expect(requiredPermissions(req({ service: 's3', method: 'PUT', url: '/k%20ey.txt', headers: { host: 'b.localhost:4566' } }), arns)).toEqual([{ action: 's3:PutObject', resource: 'arn:aws:s3:::b/k ey.txt' }]);
    expect(requiredPermissions(req({ service: 's3', method: 'DELETE', url: '/b/k?uploadId=1' }), arns)).toEqual([{ action: 's3:AbortMultipartUpload', resource: 'arn:aws:s3:::b/k' }]);
    expect(
      requiredPermissions(req({ service: 's3', method: 'POST', url: '/b?delete', body: Buffer.from('<Delete><Object><Key>a&amp;1</Key></Object><Object><Key>b</Key></Object></Delete>') }), arns),
    ).toEqual([
      { action: 's3:DeleteObject', resource: 'arn:aws:s3:::b/a&1' },
      { action: 's3:DeleteObject', resource: 'arn:aws:s3:::b/b' },
    ]);
    expect(requiredPermissions(req({ service: 's3', method: 'PUT', url: '/b/copy', headers: { host: 'x', 'x-amz-copy-source': '/b/src%20file' } }), arns)).toContainEqual({
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::b/src file',
    });
  });

  it('gives DynamoDB item requests their table ARN and dynamodb:LeadingKeys', () => {
    const target = (op: string) => ({ host: 'x', 'x-amz-target': `DynamoDB_20120810.${op}` });
    expect(requiredPermissions(req({ service: 'dynamodb', method: 'POST', url: '/', headers: target('PutItem'), body: json({ TableName: 't', Item: { pk: { S: 'RUN#r' } } }) }), arns)).toEqual([
      { action: 'dynamodb:PutItem', resource: 'arn:aws:dynamodb:eu-west-1:000000000000:table/t', context: { 'dynamodb:LeadingKeys': ['RUN#r'] } },
    ]);
    const query = json({ TableName: 't', KeyConditionExpression: '#p = :p AND begins_with(#s, :c)', ExpressionAttributeNames: { '#p': 'pk', '#s': 'sk' }, ExpressionAttributeValues: { ':p': { S: 'RUN#q' }, ':c': { S: 'CHUNK#' } } });
    expect(requiredPermissions(req({ service: 'dynamodb', method: 'POST', url: '/', headers: target('Query'), body: query }), arns)[0].context).toEqual({ 'dynamodb:LeadingKeys': ['RUN#q'] });
  });

  it('gives SubmitJob both the job queue and the job definition', () => {
    expect(requiredPermissions(req({ service: 'batch', method: 'POST', url: '/v1/submitjob', body: json({ jobQueue: 'q', jobDefinition: 'd:3' }) }), arns)).toEqual([
      { action: 'batch:SubmitJob', resource: 'arn:aws:batch:eu-west-1:000000000000:job-queue/q' },
      { action: 'batch:SubmitJob', resource: 'arn:aws:batch:eu-west-1:000000000000:job-definition/d:3' },
    ]);
    expect(requiredPermissions(req({ service: 'batch', method: 'POST', url: '/v1/describejobs', body: json({ jobs: ['x'] }) }), arns)).toEqual([{ action: 'batch:DescribeJobs', resource: '*' }]);
  });

  it('maps OTLP spans to xray:PutSpans and STS form posts to their action; refuses what it does not know', () => {
    expect(requiredPermissions(req({ service: 'xray', method: 'POST', url: '/v1/traces' }), arns)).toEqual([{ action: 'xray:PutSpans', resource: '*' }]);
    expect(requiredPermissions(req({ service: 'sts', method: 'POST', url: '/', body: Buffer.from('Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A0%3Arole%2Fr&Version=2011-06-15') }), arns)).toEqual([
      { action: 'sts:AssumeRole', resource: 'arn:aws:iam::0:role/r' },
    ]);
    expect(() => requiredPermissions(req({ service: 'batch', method: 'POST', url: '/v1/nosuchthing' }), arns)).toThrow(UnmappedRequestError);
  });
});
