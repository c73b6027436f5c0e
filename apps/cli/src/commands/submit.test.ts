import type { AwsClients } from '../aws/clients';
import { localTarget } from '../aws/target';
import { Output } from '../ui/output';
import { renderVcpus } from './submit';

const target = localTarget('http://127.0.0.1:4566');
const clientsAnswering = (answer: () => Promise<unknown>): AwsClients => ({ batch: { send: answer } }) as unknown as AwsClients;
const failure = (name: string, message: string): Error => Object.assign(new Error(message), { name });

describe('the render jobs of a submit without --frames-per-job', () => {
  let warnings: string[];
  let out: Output;
  beforeEach(() => {
    warnings = [];
    out = Output.of({}, { stdout: () => undefined, stderr: (text) => void warnings.push(text), isTTY: false });
  });

  it('are 4 when the queue may not be read, and the user is told why', async () => {
    await expect(renderVcpus(clientsAnswering(() => Promise.reject(failure('AccessDeniedException', 'not allowed: batch:DescribeJobQueues'))), target, out)).resolves.toBe(4);
    expect(warnings.join('')).toContain(`not allowed to read the capacity of job queue ${target.renderJobQueue} (not allowed: batch:DescribeJobQueues): 4 render jobs`);
  });

  it('are 4 when the queue names no compute environment', async () => {
    await expect(renderVcpus(clientsAnswering(() => Promise.resolve({ jobQueues: [] })), target, out)).resolves.toBe(4);
    expect(warnings.join('')).toContain('names no compute environment with a vCPU limit');
  });

  it('fail the submit when the stack cannot be reached, as the submit itself would', async () => {
    await expect(renderVcpus(clientsAnswering(() => Promise.reject(failure('Error', 'connect ECONNREFUSED'))), target, out)).rejects.toThrow('ECONNREFUSED');
  });
});
