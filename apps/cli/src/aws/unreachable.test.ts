import { RunFailedError } from '../errors';
import { localTarget } from './target';
import { explainUnreachable } from './unreachable';

// The whole path (a real process, the SDK's own error) is in test/commands.e2e.test.ts.
describe('a target that does not answer', () => {
  it('finds the cause however deep the SDK wraps it, and leaves other errors alone', () => {
    const target = localTarget('http://127.0.0.1:1', 'us-east-1');
    const wrapped = new Error('socket hang', { cause: new Error('fetch failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) }) });
    expect(explainUnreachable(wrapped, target, ['AWS_ENDPOINT_URL_BATCH', 'AWS_ENDPOINT_URL'])).toEqual(
      new RunFailedError('Cannot reach http://127.0.0.1:1 (ECONNREFUSED). Start the local stack with `framefarm up`, or point --endpoint (or AWS_ENDPOINT_URL_BATCH, AWS_ENDPOINT_URL) at a running one.'),
    );
    const other = Object.assign(new Error('nope'), { name: 'ClientException' });
    expect(explainUnreachable(other, target)).toBe(other);
  });
});
