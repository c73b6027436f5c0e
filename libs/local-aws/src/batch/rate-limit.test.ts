import { TooManyRequestsException } from './errors';
import { RateLimit } from './rate-limit';

describe('RateLimit', () => {
  it('allows a burst of perSecond, then refills with time', () => {
    let now = 1_000;
    const limit = new RateLimit(3, () => now);
    for (let i = 0; i < 3; i++) limit.take('SubmitJob');
    expect(() => limit.take('SubmitJob')).toThrow(TooManyRequestsException);
    now += 334; // one token back
    expect(() => limit.take('SubmitJob')).not.toThrow();
    expect(() => limit.take('SubmitJob')).toThrow('Too Many Requests: SubmitJob is limited to 3 calls per second');
    now += 10_000; // never more than the burst
    for (let i = 0; i < 3; i++) limit.take('SubmitJob');
    expect(() => limit.take('SubmitJob')).toThrow(TooManyRequestsException);
  });

  it('always allows one call after a quiet period, even below one per second', () => {
    let now = 0;
    const limit = new RateLimit(0.1, () => now);
    limit.take('SubmitJob');
    now += 9_000;
    expect(() => limit.take('SubmitJob')).toThrow(TooManyRequestsException);
    now += 1_000;
    expect(() => limit.take('SubmitJob')).not.toThrow();
  });
});
