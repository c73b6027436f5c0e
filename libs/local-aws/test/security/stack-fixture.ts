import { request } from 'node:http';
import { provisionLocalStack, startLocalStack, type LocalStack } from '../../src';
import { removeDir, tempStateDir } from '../helpers';

export interface SecureStack {
  stack: LocalStack;
  close(): Promise<void>;
}

/** A provisioned strict stack (no image table: submitted jobs are only recorded). */
export async function startSecureStack(): Promise<SecureStack> {
  const stateDir = tempStateDir('framefarm-security-');
  const stack = await startLocalStack({ stateDir, port: 0, quiet: true, imageTable: {}, capacity: { vcpus: 1, memoryMiB: 1024 } });
  await provisionLocalStack(stack.endpoint, { credentials: stack.credentials, capacity: { vcpus: 1, memoryMiB: 1024 } });
  return {
    stack,
    close: async () => {
      await stack.stop();
      removeDir(stateDir);
    },
  };
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request with exactly these headers (fetch would not let a test set Host). */
export function rawRequest(endpoint: string, options: { method: string; path: string; headers?: Record<string, string>; body?: string }): Promise<RawAnswer> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: Number(url.port), method: options.method, path: options.path, headers: { ...options.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
