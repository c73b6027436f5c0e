import { hourlyRate, UnpricedInstanceTypeError } from './hourly-rate';
import { offerOf, UnpricedComputeEnvironmentError, type ComputeOffer } from './compute-offer';
import type { PriceTable } from './price-table';
import { projectedCostUsd, runCost, type AttemptUsage } from './run-cost';

/** A fixed table, so the hand-computed figures below stay right when the project's table is refreshed. */
const TABLE: PriceTable = {
  region: 'us-east-1',
  currency: 'USD',
  asOf: '2026-01-01',
  sources: { test: 'hand-made' },
  fargate: { usdPerVcpuHour: 0.04, usdPerGibHour: 0.005, spotUsdPerVcpuHour: 0.012, spotUsdPerGibHour: 0.0015 },
  instances: {
    'c6i.large': { vcpus: 2, memoryMiB: 4096, onDemandUsdPerHour: 0.08, spotUsdPerHour: 0.032 },
    'c6i.xlarge': { vcpus: 4, memoryMiB: 8192, onDemandUsdPerHour: 0.16, spotUsdPerHour: 0.07 },
    'm6i.large': { vcpus: 2, memoryMiB: 8192, onDemandUsdPerHour: 0.1, spotUsdPerHour: 0.04 },
    'x9.huge': { vcpus: 2, memoryMiB: 4096, onDemandUsdPerHour: 5, spotUsdPerHour: 5 },
  },
};

const SPOT: ComputeOffer = { platform: 'ec2', purchase: 'spot', instanceTypes: ['c6i.large', 'c6i.xlarge', 'm6i.large'] };
const ON_DEMAND: ComputeOffer = { ...SPOT, purchase: 'on-demand' };
const RENDER = { vcpus: 1, memoryMiB: 2048 };
const MINUTE = 60_000;

describe('hourlyRate', () => {
  it('takes the job’s share of the cheapest instance type it fits on', () => {
    // c6i.large Spot: ½ × 0.032 = 0.016; c6i.xlarge: ¼ × 0.07 = 0.0175; m6i.large: max(½, ¼) × 0.04 = 0.02.
    expect(hourlyRate(RENDER, SPOT, TABLE)).toEqual({ usdPerHour: 0.016, basis: 'c6i.large Spot, 50 % of it' });
    // On-Demand: c6i.large ½ × 0.08 = 0.04 against c6i.xlarge ¼ × 0.16 = 0.04 and m6i.large ½ × 0.1.
    expect(hourlyRate(RENDER, ON_DEMAND, TABLE).usdPerHour).toBeCloseTo(0.04, 10);
  });

  it('charges the larger of the vCPU and memory shares', () => {
    // 1 vCPU and 6 GiB does not fit c6i.large; it fills ¾ of the memory of m6i.large (0.75 × 0.1)
    // and of c6i.xlarge (0.75 × 0.16).
    const rate = hourlyRate({ vcpus: 1, memoryMiB: 6144 }, ON_DEMAND, TABLE);
    expect(rate.basis).toBe('m6i.large On-Demand, 75 % of it');
    expect(rate.usdPerHour).toBeCloseTo(0.075, 10);
  });

  it('prices Fargate by vCPU and GiB', () => {
    expect(hourlyRate(RENDER, { platform: 'fargate', purchase: 'on-demand', instanceTypes: [] }, TABLE).usdPerHour).toBeCloseTo(0.04 + 2 * 0.005, 10);
    expect(hourlyRate(RENDER, { platform: 'fargate', purchase: 'spot', instanceTypes: [] }, TABLE).usdPerHour).toBeCloseTo(0.012 + 2 * 0.0015, 10);
  });

  it('expands families and "optimal" to the priced types of the C, M and R families', () => {
    expect(hourlyRate(RENDER, { ...SPOT, instanceTypes: ['c6i'] }, TABLE).usdPerHour).toBe(0.016);
    // "optimal" leaves out x9.huge, which would be far dearer anyway, and still finds c6i.large.
    expect(hourlyRate(RENDER, { ...SPOT, instanceTypes: ['optimal'] }, TABLE).basis).toBe('c6i.large Spot, 50 % of it');
  });

  it('refuses types it has no price for and jobs that fit nowhere, saying which', () => {
    expect(() => hourlyRate(RENDER, { ...SPOT, instanceTypes: ['p5.48xlarge'] }, TABLE)).toThrow(UnpricedInstanceTypeError);
    expect(() => hourlyRate(RENDER, { ...SPOT, instanceTypes: ['p5.48xlarge'] }, TABLE)).toThrow(/no price for instance type "p5.48xlarge"/);
    expect(() => hourlyRate({ vcpus: 8, memoryMiB: 1024 }, SPOT, TABLE)).toThrow(/fits a job of 8 vCPU/);
  });
});

describe('offerOf', () => {
  it('reads Batch’s compute resource types', () => {
    expect(offerOf({ computeResources: { type: 'SPOT', instanceTypes: ['c6i.large'] } })).toEqual({ platform: 'ec2', purchase: 'spot', instanceTypes: ['c6i.large'] });
    expect(offerOf({ computeResources: { type: 'EC2', instanceTypes: ['optimal'] } }).purchase).toBe('on-demand');
    expect(offerOf({ computeResources: { type: 'FARGATE_SPOT' } })).toEqual({ platform: 'fargate', purchase: 'spot', instanceTypes: [] });
    expect(() => offerOf({})).toThrow(UnpricedComputeEnvironmentError);
  });
});

describe('runCost', () => {
  const t0 = Date.UTC(2026, 0, 1);
  const attempt = (over: Partial<AttemptUsage>): AttemptUsage => ({ step: 'render', size: RENDER, offer: SPOT, startedAt: t0, stoppedAt: t0 + 30 * MINUTE, outcome: 'succeeded', ...over });

  it('adds a failed attempt and its retry, and shows the failed one apart', () => {
    const cost = runCost(
      [
        // plan on On-Demand: 0.25 vCPU and 512 MiB are ⅛ of a c6i.large (0.08/h): 0.01/h for 6 minutes.
        attempt({ step: 'plan', size: { vcpus: 0.25, memoryMiB: 512 }, offer: ON_DEMAND, stoppedAt: t0 + 6 * MINUTE }),
        // a render attempt that failed after 15 minutes on Spot (0.016/h), then its retry of 30 minutes.
        attempt({ outcome: 'failed', stoppedAt: t0 + 15 * MINUTE }),
        attempt({ startedAt: t0 + 20 * MINUTE, stoppedAt: t0 + 50 * MINUTE }),
      ],
      TABLE,
      t0 + 60 * MINUTE,
    );
    expect(cost.byStep.plan).toBeCloseTo(0.001, 10);
    expect(cost.failedUsd).toBeCloseTo(0.004, 10);
    expect(cost.succeededUsd).toBeCloseTo(0.001 + 0.008, 10);
    expect(cost.byStep.render).toBeCloseTo(0.012, 10);
    expect(cost.totalUsd).toBeCloseTo(0.013, 10);
    expect(cost.runningUsd).toBe(0);
    expect(cost.vcpuHours).toBeCloseTo(0.25 * 0.1 + 0.25 + 0.5, 10);
    expect(cost.prices).toEqual({ region: 'us-east-1', asOf: '2026-01-01' });
  });

  it('costs a running attempt up to now', () => {
    const cost = runCost([attempt({ stoppedAt: undefined, outcome: 'running' })], TABLE, t0 + 45 * MINUTE);
    expect(cost.runningUsd).toBeCloseTo(0.012, 10);
    expect(cost.totalUsd).toBe(cost.runningUsd);
  });

  it('projects the final cost from the render cost per frame so far', () => {
    const cost = runCost([attempt({ step: 'plan', stoppedAt: t0 + 15 * MINUTE }), attempt({ stoppedAt: undefined, outcome: 'running' })], TABLE, t0 + 30 * MINUTE);
    // plan 0.004 + render 0.008 so far for 100 of 400 frames: 0.012 + 0.008 / 100 × 300.
    expect(projectedCostUsd(cost, 'render', { framesDone: 100, framesTotal: 400 })).toBeCloseTo(0.036, 10);
    expect(projectedCostUsd(cost, 'render', { framesDone: 0, framesTotal: 400 })).toBeUndefined();
    expect(projectedCostUsd(cost, 'render', { framesDone: 400, framesTotal: 400 })).toBeCloseTo(cost.totalUsd, 10);
  });
});
