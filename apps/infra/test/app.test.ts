import { InvalidStackConfigError, propsFromContext } from '../src/app';
import { FramefarmStack } from '../src/framefarm-stack';
import { testApp } from './synth';

const from = (values: Record<string, unknown>) => propsFromContext((key) => values[key]);

describe('stack props from cdk context', () => {
  it('reads every option from -c key=value strings', () => {
    expect(
      from({
        instanceTypes: 'c6i.large, m6i.xlarge',
        maxVcpus: '128',
        spot: 'false',
        egress: 'endpoints',
        stepFunctions: 'true',
        logRetentionDays: '14',
        secrets: 'API_KEY=framefarm/key:token@render+encode;PLAIN=other@plan',
      }),
    ).toMatchObject({
      instanceTypes: ['c6i.large', 'm6i.xlarge'],
      maxVcpus: 128,
      spot: false,
      egress: 'endpoints',
      stepFunctions: true,
      logRetentionDays: 14,
      secrets: [
        { environmentName: 'API_KEY', secretName: 'framefarm/key', field: 'token', steps: ['render', 'encode'] },
        { environmentName: 'PLAIN', secretName: 'other', field: undefined, steps: ['plan'] },
      ],
    });
  });

  it('leaves everything unset without context', () => {
    expect(Object.values(from({})).every((v) => v === undefined)).toBe(true);
  });

  it('rejects values with a message that names the option', () => {
    expect(() => from({ spot: 'yes' })).toThrow(InvalidStackConfigError);
    expect(() => from({ spot: 'yes' })).toThrow(/-c spot must be true or false/);
    expect(() => from({ maxVcpus: '0' })).toThrow(/-c maxVcpus/);
    expect(() => from({ egress: 'vpn' })).toThrow(/"nat" or "endpoints"/);
    expect(() => from({ secrets: 'API_KEY=x@deploy' })).toThrow(/secrets entry/);
  });

  it('rejects a log retention CloudWatch Logs does not offer before building anything', () => {
    const build = () => new FramefarmStack(testApp(), 'BadRetention', { logRetentionDays: 10 });
    expect(build).toThrow(InvalidStackConfigError);
    expect(build).toThrow(/logRetentionDays must be one CloudWatch Logs accepts \(1, 3, 5, 7, 14/);
  });

  it('refuses a schedule without the state machine it would start', () => {
    const build = () => new FramefarmStack(testApp(), 'ScheduleOnly', { scheduleCron: 'cron(0 3 * * ? *)' });
    expect(build).toThrow(/scheduleCron starts the Step Functions pipeline: set stepFunctions too/);
  });
});
