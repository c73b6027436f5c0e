import { TABLE_KEYS } from '@framefarm/job-specs';
import type { IncomingHttpHeaders } from 'node:http';
import { parseQuery, splitUrl } from '../auth/sigv4-request';

/** One IAM check a request needs: the action, the resource ARN, and request context keys. */
export interface RequiredPermission {
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
}

export interface RequestToAuthorize {
  service: string;
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body?: Buffer;
}

export interface ArnContext {
  region: string;
  accountId: string;
}

export class UnmappedRequestError extends Error {
  override readonly name = 'UnmappedRequestError';
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function jsonBody(body: Buffer | undefined): Record<string, unknown> {
  if (!body || body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

// ---- S3 -----------------------------------------------------------------------------------

function s3Permissions(req: RequestToAuthorize): RequiredPermission[] {
  const { path, search } = splitUrl(req.url);
  const query = new Map(parseQuery(search));
  const host = (header(req.headers, 'host') ?? '').replace(/:\d+$/, '');
  const virtualBucket = host.endsWith('.localhost') ? host.slice(0, -'.localhost'.length) : undefined;
  const segments = path.replace(/^\//, '');
  const decoded = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const slash = segments.indexOf('/');
  const bucket = virtualBucket ?? decoded(slash < 0 ? segments : segments.slice(0, slash));
  const key = virtualBucket ? decoded(segments) : slash < 0 ? '' : decoded(segments.slice(slash + 1));
  const method = req.method.toUpperCase();
  if (!bucket) return [{ action: 's3:ListAllMyBuckets', resource: '*' }];
  const bucketArn = `arn:aws:s3:::${bucket}`;
  const objectArn = (k: string): string => `${bucketArn}/${k}`;
  if (key === '') {
    if (method === 'GET' || method === 'HEAD') {
      if (query.has('location')) return [{ action: 's3:GetBucketLocation', resource: bucketArn }];
      if (query.has('uploads')) return [{ action: 's3:ListBucketMultipartUploads', resource: bucketArn }];
      if (query.has('versions')) return [{ action: 's3:ListBucketVersions', resource: bucketArn }];
      return [{ action: 's3:ListBucket', resource: bucketArn, context: query.has('prefix') ? { 's3:prefix': query.get('prefix') as string } : undefined }];
    }
    if (method === 'PUT') return [{ action: 's3:CreateBucket', resource: bucketArn }];
    if (method === 'DELETE') return [{ action: 's3:DeleteBucket', resource: bucketArn }];
    if (method === 'POST' && query.has('delete')) {
      // DeleteObjects is authorized as s3:DeleteObject on each key.
      const keys = [...(req.body?.toString('utf8') ?? '').matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => m[1].replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] as string));
      return keys.map((k) => ({ action: 's3:DeleteObject', resource: objectArn(k) }));
    }
    throw new UnmappedRequestError(`S3 ${method} on a bucket with ?${search}`);
  }
  const object = objectArn(key);
  if (method === 'GET' || method === 'HEAD') {
    if (query.has('tagging')) return [{ action: 's3:GetObjectTagging', resource: object }];
    if (query.has('acl')) return [{ action: 's3:GetObjectAcl', resource: object }];
    if (query.has('uploadId')) return [{ action: 's3:ListMultipartUploadParts', resource: object }];
    return [{ action: 's3:GetObject', resource: object }];
  }
  if (method === 'PUT') {
    if (query.has('tagging')) return [{ action: 's3:PutObjectTagging', resource: object }];
    if (query.has('acl')) return [{ action: 's3:PutObjectAcl', resource: object }];
    const permissions: RequiredPermission[] = [{ action: 's3:PutObject', resource: object }];
    if (header(req.headers, 'x-amz-tagging') !== undefined) permissions.push({ action: 's3:PutObjectTagging', resource: object });
    const source = header(req.headers, 'x-amz-copy-source');
    if (source) permissions.push({ action: 's3:GetObject', resource: `arn:aws:s3:::${decoded(source.replace(/^\//, '').split('?')[0])}` });
    return permissions;
  }
  if (method === 'POST') return [{ action: 's3:PutObject', resource: object }]; // CreateMultipartUpload, CompleteMultipartUpload
  if (method === 'DELETE') return [{ action: query.has('uploadId') ? 's3:AbortMultipartUpload' : 's3:DeleteObject', resource: object }];
  throw new UnmappedRequestError(`S3 ${method} on an object`);
}

// ---- DynamoDB -----------------------------------------------------------------------------

type AttributeValue = { S?: string; N?: string; B?: string };

/** The partition key values a request touches, for `dynamodb:LeadingKeys`. */
function leadingKeys(operation: string, body: Record<string, unknown>): string[] | undefined {
  const pk = TABLE_KEYS.partitionKey;
  const value = (v: unknown): string | undefined => {
    const attribute = v as AttributeValue | undefined;
    return attribute?.S ?? attribute?.N ?? attribute?.B;
  };
  if (['GetItem', 'DeleteItem', 'UpdateItem'].includes(operation)) {
    const v = value((body.Key as Record<string, unknown> | undefined)?.[pk]);
    return v === undefined ? undefined : [v];
  }
  if (operation === 'PutItem') {
    const v = value((body.Item as Record<string, unknown> | undefined)?.[pk]);
    return v === undefined ? undefined : [v];
  }
  if (operation === 'Query') {
    const names = (body.ExpressionAttributeNames ?? {}) as Record<string, string>;
    const values = (body.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
    const expression = typeof body.KeyConditionExpression === 'string' ? body.KeyConditionExpression : '';
    for (const match of expression.matchAll(/([#\w.]+)\s*=\s*(:[\w]+)/g)) {
      const name = match[1].startsWith('#') ? names[match[1]] : match[1];
      if (name === pk) {
        const v = value(values[match[2]]);
        if (v !== undefined) return [v];
      }
    }
    const legacy = (body.KeyConditions as Record<string, { AttributeValueList?: unknown[] }> | undefined)?.[pk];
    const v = value(legacy?.AttributeValueList?.[0]);
    return v === undefined ? undefined : [v];
  }
  return undefined;
}

function dynamodbPermissions(req: RequestToAuthorize, arns: ArnContext): RequiredPermission[] {
  const target = header(req.headers, 'x-amz-target') ?? '';
  const operation = target.split('.')[1];
  if (!target.startsWith('DynamoDB_') || !operation) throw new UnmappedRequestError(`DynamoDB request without a DynamoDB_… X-Amz-Target ("${target}")`);
  const body = jsonBody(req.body);
  const tableArn = (name: string): string => `arn:aws:dynamodb:${arns.region}:${arns.accountId}:table/${name}`;
  const action = `dynamodb:${operation}`;
  if (typeof body.TableName === 'string') {
    const keys = leadingKeys(operation, body);
    return [{ action, resource: tableArn(body.TableName), context: keys ? { 'dynamodb:LeadingKeys': keys } : undefined }];
  }
  if (body.RequestItems && typeof body.RequestItems === 'object') return Object.keys(body.RequestItems).map((name) => ({ action, resource: tableArn(name) }));
  if (Array.isArray(body.TransactItems)) return [{ action, resource: '*' }];
  return [{ action, resource: '*' }];
}

// ---- CloudWatch Logs ----------------------------------------------------------------------

function logsPermissions(req: RequestToAuthorize, arns: ArnContext): RequiredPermission[] {
  const target = header(req.headers, 'x-amz-target') ?? '';
  const operation = target.split('.')[1];
  if (!target.startsWith('Logs_') || !operation) throw new UnmappedRequestError(`CloudWatch Logs request without a Logs_… X-Amz-Target ("${target}")`);
  const body = jsonBody(req.body);
  const group = typeof body.logGroupName === 'string' ? `arn:aws:logs:${arns.region}:${arns.accountId}:log-group:${body.logGroupName}` : undefined;
  const stream = group && typeof body.logStreamName === 'string' ? `${group}:log-stream:${body.logStreamName}` : undefined;
  return [{ action: `logs:${operation}`, resource: stream ?? (group ? `${group}:*` : '*') }];
}

// ---- Batch --------------------------------------------------------------------------------

const BATCH_OPERATIONS = [
  'CreateComputeEnvironment', 'DescribeComputeEnvironments', 'UpdateComputeEnvironment', 'DeleteComputeEnvironment',
  'CreateJobQueue', 'DescribeJobQueues', 'UpdateJobQueue', 'DeleteJobQueue',
  'RegisterJobDefinition', 'DescribeJobDefinitions', 'DeregisterJobDefinition',
  'SubmitJob', 'DescribeJobs', 'ListJobs', 'CancelJob', 'TerminateJob',
];

function batchPermissions(req: RequestToAuthorize, arns: ArnContext): RequiredPermission[] {
  const { path } = splitUrl(req.url);
  const prefix = `arn:aws:batch:${arns.region}:${arns.accountId}:`;
  const arnOf = (kind: string, nameOrArn: unknown): string => (typeof nameOrArn === 'string' && nameOrArn.startsWith('arn:') ? nameOrArn : `${prefix}${kind}/${String(nameOrArn)}`);
  if (path.startsWith('/v1/tags/')) {
    const resource = decodeURIComponent(path.slice('/v1/tags/'.length));
    const action = req.method === 'GET' ? 'batch:ListTagsForResource' : req.method === 'DELETE' ? 'batch:UntagResource' : 'batch:TagResource';
    return [{ action, resource }];
  }
  const name = path.replace(/^\/v1\//, '').replace(/\/+$/, '').toLowerCase();
  const operation = BATCH_OPERATIONS.find((op) => op.toLowerCase() === name);
  if (!operation) throw new UnmappedRequestError(`Batch ${req.method} ${path}`);
  const body = jsonBody(req.body);
  const action = `batch:${operation}`;
  switch (operation) {
    case 'SubmitJob':
      return [
        { action, resource: arnOf('job-queue', body.jobQueue) },
        { action, resource: arnOf('job-definition', body.jobDefinition) },
      ];
    case 'CancelJob':
    case 'TerminateJob':
      return [{ action, resource: arnOf('job', body.jobId) }];
    case 'RegisterJobDefinition':
      return [{ action, resource: arnOf('job-definition', body.jobDefinitionName) }];
    case 'DeregisterJobDefinition':
      return [{ action, resource: arnOf('job-definition', body.jobDefinition) }];
    case 'CreateJobQueue':
    case 'UpdateJobQueue':
    case 'DeleteJobQueue':
      return [{ action, resource: arnOf('job-queue', body.jobQueueName ?? body.jobQueue) }];
    case 'CreateComputeEnvironment':
    case 'UpdateComputeEnvironment':
    case 'DeleteComputeEnvironment':
      return [{ action, resource: arnOf('compute-environment', body.computeEnvironmentName ?? body.computeEnvironment) }];
    default:
      return [{ action, resource: '*' }];
  }
}

// ---- STS, X-Ray ---------------------------------------------------------------------------

function stsPermissions(req: RequestToAuthorize): RequiredPermission[] {
  const params = new Map(parseQuery(req.body?.toString('utf8').replace(/\+/g, '%20') ?? ''));
  const action = params.get('Action') ?? new Map(parseQuery(splitUrl(req.url).search)).get('Action');
  if (action === 'AssumeRole') return [{ action: 'sts:AssumeRole', resource: params.get('RoleArn') ?? '*' }];
  return [{ action: `sts:${action ?? 'Unknown'}`, resource: '*' }];
}

/** The IAM actions and resources a request needs, as AWS's service authorization reference names them. */
export function requiredPermissions(req: RequestToAuthorize, arns: ArnContext): RequiredPermission[] {
  switch (req.service) {
    case 's3':
      return s3Permissions(req);
    case 'dynamodb':
      return dynamodbPermissions(req, arns);
    case 'logs':
      return logsPermissions(req, arns);
    case 'batch':
      return batchPermissions(req, arns);
    case 'sts':
      return stsPermissions(req);
    case 'xray':
      // OTLP spans to X-Ray's OTLP endpoint (/v1/traces).
      return [{ action: 'xray:PutSpans', resource: '*' }];
    default:
      throw new UnmappedRequestError(`requests to ${req.service}`);
  }
}
