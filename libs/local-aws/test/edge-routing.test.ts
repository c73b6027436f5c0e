import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { BatchClient, DescribeJobQueuesCommand } from '@aws-sdk/client-batch';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { Hash } from '@smithy/core/serde';
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { Authenticator } from '../src/auth/authenticator';
import { loadOrCreateStackCredentials } from '../src/auth/credentials';
import { startEdgeServer, type EdgeServer } from '../src/edge/edge-server';
import type { CoreServices } from '../src/core-services';
import { dynamoClient, logsClient, REGION, removeDir, s3Client, startCore, tempStateDir } from './helpers';

describe('edge routing by SigV4 credential scope', () => {
  let stateDir: string;
  let core: CoreServices;

  beforeAll(async () => {
    stateDir = tempStateDir();
    core = await startCore(stateDir);
  });
  afterAll(async () => {
    await core.stop();
    removeDir(stateDir);
  });

  it('sends each SDK client to its own service on one endpoint', async () => {
    await expect(s3Client(core).send(new ListBucketsCommand({}))).resolves.toMatchObject({ Buckets: [] });
    await expect(dynamoClient(core).send(new ListTablesCommand({}))).resolves.toMatchObject({ TableNames: [] });
    await expect(logsClient(core).send(new DescribeLogGroupsCommand({}))).resolves.toMatchObject({ logGroups: [] });
  });

  it('reports its services on GET /health', async () => {
    const response = await fetch(`${core.edge.endpoint}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { services: string[]; traces: boolean };
    expect(body.services).toEqual(['dynamodb', 'logs', 's3']);
    expect(body.traces).toBe(true);
  });

  it('answers a service it does not provide with a clear error the SDK understands', async () => {
    const batch = new BatchClient({ endpoint: core.edge.endpoint, region: REGION, credentials: core.credentials, maxAttempts: 1 });
    await expect(batch.send(new DescribeJobQueuesCommand({}))).rejects.toMatchObject({
      name: 'UnknownServiceException',
      message: expect.stringContaining('does not provide the service "batch"'),
    });
  });

  it('refuses unsigned requests, saying how to get credentials', async () => {
    const response = await fetch(`${core.edge.endpoint}/v1/describejobqueues`, { method: 'POST' });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await response.text()).toContain('framefarm env');
  });
});

describe('edge with services added after it listens', () => {
  let edge: EdgeServer;
  afterEach(() => edge.stop());

  it('routes the verified credential scope of the Authorization header and of presigned URLs', async () => {
    const stateDir = tempStateDir();
    const credentials = loadOrCreateStackCredentials(stateDir);
    removeDir(stateDir);
    const seen: string[] = [];
    edge = await startEdgeServer({ port: 0, authenticator: new Authenticator({ credentials, accountId: '000000000000' }) });
    for (const service of ['batch', 's3']) {
      edge.setService(service, async (req, res) => {
        seen.push(`${service} ${req.method} ${req.url?.split('?')[0]}`);
        res.end(service);
      });
    }
    const url = new URL(edge.endpoint);
    const request = (service: string, method: string, path: string, body?: string) =>
      new HttpRequest({ method, protocol: 'http:', hostname: url.hostname, port: Number(url.port), path, headers: { host: url.host, ...(body ? { 'content-type': 'application/json' } : {}) }, body });
    const signer = (service: string) => new SignatureV4({ service, region: 'eu-west-1', credentials, sha256: Hash.bind(null, 'sha256'), uriEscapePath: service !== 's3' });
    const signed = await signer('batch').sign(request('batch', 'POST', '/v1/describejobs', '{}'));
    const answer = await fetch(`${edge.endpoint}/v1/describejobs`, { method: 'POST', headers: signed.headers, body: '{}' });
    expect(await answer.text()).toBe('batch');
    const presigned = await signer('s3').presign(request('s3', 'GET', '/bucket/key'), { expiresIn: 60 });
    const query = new URLSearchParams(presigned.query as Record<string, string>);
    expect(await (await fetch(`${edge.endpoint}/bucket/key?${query.toString()}`)).text()).toBe('s3');
    expect(seen).toEqual(['batch POST /v1/describejobs', 's3 GET /bucket/key']);
  });
});
