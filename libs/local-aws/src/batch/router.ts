import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiContext, Operation } from './api/context';
import {
  createComputeEnvironment,
  deleteComputeEnvironment,
  describeComputeEnvironments,
  updateComputeEnvironment,
} from './api/compute-environments';
import { deregisterJobDefinition, describeJobDefinitions, registerJobDefinition } from './api/job-definitions';
import { createJobQueue, deleteJobQueue, describeJobQueues, updateJobQueue } from './api/job-queues';
import { cancelJob, describeJobs, listJobs, terminateJob } from './api/jobs';
import { submitJob } from './api/submit-job';
import { listTagsForResource, tagResource, untagResource } from './api/tags';
import { BatchApiError, ClientException, ServerException, UnknownOperationException } from './errors';
import type { Body } from './request-fields';

/** restJson1: every operation but the tag ones is `POST /v1/<operation in lower case>`. */
const OPERATIONS: Record<string, Operation> = {
  createcomputeenvironment: createComputeEnvironment,
  describecomputeenvironments: describeComputeEnvironments,
  updatecomputeenvironment: updateComputeEnvironment,
  deletecomputeenvironment: deleteComputeEnvironment,
  createjobqueue: createJobQueue,
  describejobqueues: describeJobQueues,
  updatejobqueue: updateJobQueue,
  deletejobqueue: deleteJobQueue,
  registerjobdefinition: registerJobDefinition,
  describejobdefinitions: describeJobDefinitions,
  deregisterjobdefinition: deregisterJobDefinition,
  submitjob: submitJob,
  describejobs: describeJobs,
  listjobs: listJobs,
  canceljob: cancelJob,
  terminatejob: terminateJob,
};

const TAGS_PATH = '/v1/tags/';

function parseBody(body: Buffer): Body {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ClientException('the request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ClientException('the request body must be a JSON object');
  return parsed as Body;
}

function route(ctx: ApiContext, method: string, url: URL, body: Buffer): object {
  const path = url.pathname.replace(/\/+$/, '');
  if (path.startsWith(TAGS_PATH)) {
    const arn = decodeURIComponent(path.slice(TAGS_PATH.length));
    if (method === 'GET') return listTagsForResource(ctx, arn);
    if (method === 'POST') return tagResource(ctx, arn, parseBody(body));
    if (method === 'DELETE') return untagResource(ctx, arn, url.searchParams.getAll('tagKeys'));
    throw new UnknownOperationException(method, url.pathname);
  }
  const operation = path.startsWith('/v1/') ? OPERATIONS[path.slice(4).toLowerCase()] : undefined;
  if (method !== 'POST' || !operation) throw new UnknownOperationException(method, url.pathname);
  return operation(ctx, parseBody(body));
}

function reply(res: ServerResponse, status: number, payload: object, errorType?: string): void {
  const text = JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) };
  if (errorType) headers['x-amzn-errortype'] = errorType;
  res.writeHead(status, headers);
  res.end(text);
}

export function replyError(res: ServerResponse, error: BatchApiError): void {
  reply(res, error.httpStatus, { __type: error.name, message: error.message }, error.name);
}

/**
 * Runs one request; `beforeReply` makes the state the reply reflects durable first: the journal up
 * to the position a read says it shows, or all of it.
 */
export async function handleRequest(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  beforeReply: (position?: number) => Promise<void>,
): Promise<void> {
  try {
    const request: ApiContext = { ...ctx, bodyBytes: body.length, shows: undefined };
    const payload = route(request, req.method ?? 'GET', new URL(req.url ?? '/', 'http://localhost'), body);
    await beforeReply(request.shows);
    reply(res, 200, payload);
  } catch (error) {
    if (!(error instanceof BatchApiError)) console.error('[batch] internal error', error);
    replyError(res, error instanceof BatchApiError ? error : new ServerException(`internal error: ${(error as Error).message}`));
  }
}
