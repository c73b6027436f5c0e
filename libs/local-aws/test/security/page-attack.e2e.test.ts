import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BatchClient, DescribeJobDefinitionsCommand, ListJobsCommand } from '@aws-sdk/client-batch';
import { jobSpec, LOCAL_RESOURCES } from '@framefarm/job-specs';
import type { Browser } from 'playwright-core';
import { launchChromium } from '@framefarm/browser-testing';
import { rawRequest, startSecureStack, type SecureStack } from './stack-fixture';

// Chromium's first start on a cold machine can take longer than jest's default 5 s (the report's
// browser test did once in CI): this bounds a hang, it does not time the test.
jest.setTimeout(60_000);

/** The attack of issue 9: a job definition whose command is `sh -c …`, registered then submitted by a web page. */
const definitionName = 'evil';
const queue = jobSpec('plan', LOCAL_RESOURCES.prefix).jobQueueName;
const scope = 'X-Amz-Credential=a/20260101/us-east-1/batch/aws4_request';

function attackBodies(marker: string): { register: string; submit: string } {
  return {
    register: JSON.stringify({ jobDefinitionName: definitionName, type: 'container', containerProperties: { image: 'x', command: ['sh', '-c', `touch ${marker}`], resourceRequirements: [{ type: 'VCPU', value: '1' }, { type: 'MEMORY', value: '64' }] } }),
    submit: JSON.stringify({ jobName: 'evil', jobQueue: queue, jobDefinition: definitionName }),
  };
}

describe('the page attack of issue 9 is refused, and nothing is created', () => {
  let secure: SecureStack;
  let admin: BatchClient;
  let page: Server;
  let pageOrigin: string;
  let browser: Browser;
  const marker = (name: string): string => join(secure.stack.stateDir, name);

  beforeAll(async () => {
    secure = await startSecureStack();
    admin = new BatchClient({ endpoint: secure.stack.endpoint, region: secure.stack.region, credentials: secure.stack.credentials, maxAttempts: 1 });
    // The attacker's page: another origin (another port) that posts to the stack as a "simple request".
    page = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>innocent page</title>');
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    pageOrigin = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => page?.close(resolve));
    admin?.destroy();
    await secure?.close();
  });

  async function nothingCreated(markerName: string): Promise<void> {
    const { jobDefinitions = [] } = await admin.send(new DescribeJobDefinitionsCommand({ jobDefinitionName: definitionName }));
    expect(jobDefinitions).toEqual([]);
    for (const jobStatus of ['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const) {
      const { jobSummaryList = [] } = await admin.send(new ListJobsCommand({ jobQueue: queue, jobStatus }));
      expect(jobSummaryList).toEqual([]);
    }
    expect(existsSync(marker(markerName))).toBe(false);
  }

  it('from a page in Chromium: text/plain and form posts, with and without a credential scope, are all refused', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(pageOrigin);
    const { register, submit } = attackBodies(marker('pwned-by-browser'));
    const outcomes = await tab.evaluate(
      async ({ endpoint, scope, register, submit }) => {
        const results: string[] = [];
        const send = async (path: string, body: string | FormData, mode: 'cors' | 'no-cors'): Promise<void> => {
          try {
            const response = await fetch(`${endpoint}${path}`, { method: 'POST', mode, body, ...(typeof body === 'string' ? { headers: { 'content-type': 'text/plain' } } : {}) });
            results.push(`${path} ${response.type} ${response.status}`);
          } catch (error) {
            results.push(`${path} failed ${(error as Error).name}`);
          }
        };
        await send(`/v1/registerjobdefinition?${scope}`, register, 'no-cors');
        await send(`/v1/submitjob?${scope}`, submit, 'no-cors');
        await send(`/v1/registerjobdefinition?${scope}`, register, 'cors');
        const form = new FormData();
        form.append('key', 'runs/evil/manifest.json');
        form.append('file', new Blob(['{}']), 'manifest.json');
        await send('/framefarm-local', form, 'no-cors');
        return results;
      },
      { endpoint: secure.stack.endpoint, scope, register, submit },
    );
    // no-cors answers are opaque to the page; what matters is what the stack did with them.
    expect(outcomes).toHaveLength(4);
    await context.close();
    await nothingCreated('pwned-by-browser');
  });

  it('with raw HTTP (curl): refused for the Origin, for text/plain, and for an unsigned credential scope', async () => {
    const host = new URL(secure.stack.endpoint).host;
    const { register, submit } = attackBodies(marker('pwned-by-curl'));
    const fromPage = await rawRequest(secure.stack.endpoint, {
      method: 'POST',
      path: `/v1/registerjobdefinition?${scope}`,
      headers: { host, origin: 'http://evil.example', 'content-type': 'text/plain' },
      body: register,
    });
    expect(fromPage.status).toBe(403);
    expect(fromPage.body).toContain('Requests from web pages are refused (Origin: http://evil.example)');
    const plainText = await rawRequest(secure.stack.endpoint, { method: 'POST', path: `/v1/submitjob?${scope}`, headers: { host, 'content-type': 'text/plain' }, body: submit });
    expect(plainText.status).toBe(403);
    expect(plainText.body).toContain('takes application/json request bodies');
    const forgedScope = await rawRequest(secure.stack.endpoint, { method: 'POST', path: `/v1/registerjobdefinition?${scope}`, headers: { host, 'content-type': 'application/json' }, body: register });
    expect(forgedScope.status).toBe(403);
    expect(forgedScope.headers['x-amzn-errortype']).toBe('IncompleteSignatureException');
    await nothingCreated('pwned-by-curl');
  });

  it('refuses a rebound host name (DNS rebinding), and answers its own loopback names', async () => {
    const port = new URL(secure.stack.endpoint).port;
    const rebound = await rawRequest(secure.stack.endpoint, { method: 'GET', path: '/health', headers: { host: `evil.example:${port}` } });
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain('DNS rebinding');
    for (const name of ['127.0.0.1', 'localhost', '[::1]']) {
      expect((await rawRequest(secure.stack.endpoint, { method: 'GET', path: '/health', headers: { host: `${name}:${port}` } })).status).toBe(200);
    }
    expect((await rawRequest(secure.stack.endpoint, { method: 'GET', path: '/health', headers: { host: `127.0.0.1:${Number(port) + 1}` } })).status).toBe(403);
  });
});
