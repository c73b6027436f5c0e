import { isServerError, isThrottling, realSleep, withBackoff } from './backoff';
import { WaitAbortedError } from './errors';

describe('backoff', () => {
  it('recognises throttling and server errors the way the SDK reports them', () => {
    expect(isThrottling({ name: 'TooManyRequestsException', $metadata: {} })).toBe(true);
    expect(isThrottling({ name: 'Whatever', $metadata: { httpStatusCode: 429 } })).toBe(true);
    expect(isThrottling({ name: 'ClientException', $metadata: { httpStatusCode: 400 } })).toBe(false);
    expect(isServerError({ name: 'Unknown', $metadata: { httpStatusCode: 502 } })).toBe(true);
    expect(isServerError({ name: 'ClientException', $metadata: { httpStatusCode: 400 } })).toBe(false);
    expect(isThrottling(undefined)).toBe(false);
  });

  it('caps each wait at maxDelayMs', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withBackoff(
      'op',
      async () => {
        if (++calls < 6) throw { name: 'TooManyRequestsException' };
        return 'done';
      },
      isThrottling,
      { baseDelayMs: 100, maxDelayMs: 500, random: () => 0.999_999, sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe('done');
    expect(waits).toEqual([99, 199, 399, 499, 499]);
  });

  it('stops at once on an aborted signal, before trying or while sleeping', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(realSleep(60_000, controller.signal)).rejects.toThrow(WaitAbortedError);
    const operation = jest.fn(async () => 'never');
    await expect(withBackoff('op', operation, () => true, { signal: controller.signal })).rejects.toThrow(WaitAbortedError);
    expect(operation).not.toHaveBeenCalled();

    const later = new AbortController();
    const sleeping = realSleep(60_000, later.signal);
    later.abort();
    await expect(sleeping).rejects.toThrow(WaitAbortedError);
  });
});
