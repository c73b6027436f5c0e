import { formatUsd, pricesNote } from './format-usd';

describe('formatUsd', () => {
  it('keeps small amounts readable and large ones to the cent', () => {
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(0.000123456)).toBe('$0.00012');
    expect(formatUsd(0.0000021285)).toBe('$0.0000021');
    expect(formatUsd(0.0025)).toBe('$0.0025');
    expect(formatUsd(0.0425)).toBe('$0.043');
    expect(formatUsd(12.345)).toBe('$12.35');
    expect(formatUsd(Number.NaN)).toBe('–');
    expect(pricesNote({ region: 'us-east-1', asOf: '2025-06-01' })).toBe('us-east-1 prices of 2025-06-01');
  });
});
