import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculateCosting, roundHalfUp, type CostingInput } from '../../src/costing/calculator.js';
import { bands, payPoints, ratesOn } from '../../src/costing/rates.js';
import { schemeById } from '../../src/schemes/catalogue.js';

// The calculator's promises, for every input rather than a few examples:
// more time released, a higher band or more hours never cost less; the net
// is backfill minus contribution; a total is a year's figure over the months.

const rates = ratesOn('2026-12-01');
const funded = schemeById('ica-dcaf')!;

const input = fc.record({
  clinician: fc.constantFrom(...bands).map((band) => ({ band })),
  backfill: fc.constantFrom(...bands).map((band) => ({ band })),
  payPoint: fc.constantFrom(...payPoints),
  wteTenThousandths: fc.integer({ min: 1000, max: 10_000 }),
  academicPercent: fc.integer({ min: 1, max: 100 }),
  durationMonths: fc.integer({ min: 1, max: 120 }),
  scheme: fc.constantFrom(funded, schemeById('local-internship'), undefined),
}) as fc.Arbitrary<CostingInput>;

const cost = (i: CostingInput) => calculateCosting(i, rates);

describe('the costing calculator', () => {
  it('rounds halves up, once, from exact whole numbers', () => {
    expect(roundHalfUp(5n, 2n)).toBe(3n);
    expect(roundHalfUp(7n, 3n)).toBe(2n);
    expect(roundHalfUp(0n, 12n)).toBe(0n);
    // Band 6 top (£46,580) at 0.6: pay £27,948; NI 15% of £22,948 = £3,442.20 → £3,442; pension 23.7% = £6,623.676 → £6,624.
    const figures = cost({ clinician: { band: '6' }, backfill: { band: '6' }, payPoint: 'top', wteTenThousandths: 10_000, academicPercent: 60, durationMonths: 36, scheme: funded });
    expect(figures.backfillPayPerYear).toBe(27_948);
    expect(figures.onCosts).toEqual({ employerNationalInsurance: 3442, employerPension: 6624 });
    expect(figures.backfillCostPerYear).toBe(27_948 + 3442 + 6624);
  });

  it('never costs less for more of the week released', () => {
    fc.assert(fc.property(input, fc.integer({ min: 1, max: 100 }), (i, other) => {
      const [low, high] = [Math.min(i.academicPercent, other), Math.max(i.academicPercent, other)];
      const a = cost({ ...i, academicPercent: low });
      const b = cost({ ...i, academicPercent: high });
      expect(b.backfillCostPerYear).toBeGreaterThanOrEqual(a.backfillCostPerYear);
      expect(b.awardContributionPerYear).toBeGreaterThanOrEqual(a.awardContributionPerYear);
    }));
  });

  it('never costs less for a higher backfill band, or for the top of a band', () => {
    fc.assert(fc.property(input, fc.nat({ max: bands.length - 1 }), fc.nat({ max: bands.length - 1 }), (i, x, y) => {
      const [low, high] = [bands[Math.min(x, y)]!, bands[Math.max(x, y)]!];
      expect(cost({ ...i, backfill: { band: high } }).backfillCostPerYear).toBeGreaterThanOrEqual(cost({ ...i, backfill: { band: low } }).backfillCostPerYear);
      expect(cost({ ...i, backfill: { band: high } }).trustNetCostPerYear).toBeGreaterThanOrEqual(cost({ ...i, backfill: { band: low } }).trustNetCostPerYear);
      expect(cost({ ...i, payPoint: 'top' }).backfillCostPerYear).toBeGreaterThanOrEqual(cost({ ...i, payPoint: 'entry' }).backfillCostPerYear);
    }));
  });

  it('never costs less for more hours (WTE)', () => {
    fc.assert(fc.property(input, fc.integer({ min: 1000, max: 10_000 }), (i, other) => {
      const [low, high] = [Math.min(i.wteTenThousandths, other), Math.max(i.wteTenThousandths, other)];
      expect(cost({ ...i, wteTenThousandths: high }).backfillCostPerYear).toBeGreaterThanOrEqual(cost({ ...i, wteTenThousandths: low }).backfillCostPerYear);
    }));
  });

  it('gives the net as backfill minus contribution, and totals as a year over the months', () => {
    fc.assert(fc.property(input, (i) => {
      const f = cost(i);
      expect(f.trustNetCostPerYear).toBe(f.backfillCostPerYear - f.awardContributionPerYear);
      expect(f.trustNetCostTotal).toBe(f.backfillCostTotal - f.awardContributionTotal);
      expect(f.backfillCostTotal).toBe(Math.floor((f.backfillCostPerYear * i.durationMonths * 2 + 12) / 24));
      for (const value of [f.backfillCostPerYear, f.backfillCostTotal, f.awardContributionPerYear, f.trustNetCostTotal]) expect(Number.isInteger(value)).toBe(true);
    }));
  });

  it('makes a total exactly the year figure times the years when the duration is whole years', () => {
    fc.assert(fc.property(input, fc.integer({ min: 1, max: 10 }), (i, years) => {
      const f = cost({ ...i, durationMonths: years * 12 });
      expect(f.backfillCostTotal).toBe(f.backfillCostPerYear * years);
      expect(f.trustNetCostTotal).toBe(f.trustNetCostPerYear * years);
    }));
  });

  it('counts nothing from the award when the scheme does not fund salary', () => {
    fc.assert(fc.property(input, (i) => {
      const f = cost({ ...i, scheme: schemeById('local-internship') });
      expect(f.awardContributionPerYear).toBe(0);
      expect(f.trustNetCostPerYear).toBe(f.backfillCostPerYear);
    }));
  });

  it('uses a salary given for someone not on Agenda for Change', () => {
    const doctor = cost({ clinician: { salary: 73_992 }, backfill: { salary: 73_992 }, payPoint: 'top', wteTenThousandths: 10_000, academicPercent: 50, durationMonths: 12, scheme: schemeById('nihr-clinical-lectureship') });
    expect(doctor.salaries).toEqual({ clinician: 73_992, backfill: 73_992 });
    expect(doctor.backfillPayPerYear).toBe(36_996);
  });
});
