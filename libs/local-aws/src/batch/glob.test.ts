import { matchesGlob } from './glob';

describe('matchesGlob', () => {
  it('matches exactly without a trailing *', () => {
    expect(matchesGlob('137', '137')).toBe(true);
    expect(matchesGlob('137', '1370')).toBe(false);
    expect(matchesGlob('Host EC2', 'Host EC2 (instance i-1) terminated.')).toBe(false);
  });

  it('matches a prefix with a trailing *', () => {
    expect(matchesGlob('Host EC2*', 'Host EC2 (instance i-1) terminated.')).toBe(true);
    expect(matchesGlob('1*', '137')).toBe(true);
    expect(matchesGlob('*', '')).toBe(true);
    expect(matchesGlob('2*', '137')).toBe(false);
  });

  it('is case-sensitive unless asked otherwise', () => {
    expect(matchesGlob('host ec2*', 'Host EC2 x')).toBe(false);
    expect(matchesGlob('render*', 'Render-1', { ignoreCase: true })).toBe(true);
  });
});
