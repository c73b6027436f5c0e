import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestText } from './loopback-http';

describe('requestText, a small request to a local endpoint', () => {
  let server: Server;
  let url: string;
  const held: Array<() => void> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/never') {
        held.push(() => res.end());
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, type: req.headers['content-type'], length: req.headers['content-length'], body: Buffer.concat(chunks).toString() }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const end of held) end();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the method, headers and body and reads the whole answer', async () => {
    const answer = await requestText(`${url}/`, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"é":1}' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ method: 'POST', type: 'application/x-amz-json-1.0', length: '8', body: '{"é":1}' });
  });

  it('gives other statuses to the caller', async () => {
    expect((await requestText(`${url}/missing`)).status).toBe(404);
  });

  it('rejects when nothing listens, and when no answer comes within timeoutMs', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(requestText(`http://127.0.0.1:${port}/health`, { timeoutMs: 1000 })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(requestText(`${url}/never`, { timeoutMs: 50 })).rejects.toThrow('no answer from');
  });
});
