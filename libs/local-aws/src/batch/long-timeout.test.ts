import { MAX_TIMER_MS, setLongTimeout } from './long-timeout';

describe('setLongTimeout', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('waits out a delay past the 24.8-day limit of Node timers instead of firing at once', () => {
    const fired = jest.fn();
    const timers: NodeJS.Timeout[] = [];
    const thirtyDays = 30 * 24 * 3600 * 1000;
    setLongTimeout(fired, thirtyDays, (t) => timers.push(t));
    jest.advanceTimersByTime(1000);
    expect(fired).not.toHaveBeenCalled();
    jest.advanceTimersByTime(MAX_TIMER_MS);
    expect(fired).not.toHaveBeenCalled();
    jest.advanceTimersByTime(thirtyDays - MAX_TIMER_MS - 1001);
    expect(fired).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
    expect(timers).toHaveLength(2);
  });

  it('can be cancelled through the timer it tracked last', () => {
    const fired = jest.fn();
    const timers: NodeJS.Timeout[] = [];
    setLongTimeout(fired, 50, (t) => timers.push(t));
    for (const t of timers) clearTimeout(t);
    jest.advanceTimersByTime(100);
    expect(fired).not.toHaveBeenCalled();
  });
});
