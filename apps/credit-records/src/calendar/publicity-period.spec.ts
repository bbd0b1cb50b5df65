import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertPublicityPolicy,
  isInPublicity,
  PublicityPolicy,
  publicityPolicy,
  publicFrom,
  publicUntil,
  repairEligibleFrom,
} from './publicity-period';

const FIXTURE = join(__dirname, '../../../../test/fixtures/reference-data/rule_parameters.tsv');
const lines = readFileSync(FIXTURE, 'utf8').split('\n');

/** The fixture row at a 1-based line number, checked to be the row the test means. */
function row(line: number, parameter: string): { value: string } {
  const [area, name, value] = (lines[line - 1] ?? '').split('\t');
  expect({ line, area, name }).toEqual({ line, area: 'publicity_period', name: parameter });
  return { value: value! };
}

const cst = (isoLocal: string): Date => new Date(`${isoLocal}+08:00`);
const ms = 1;

describe('publicity periods pinned to rule_parameters.tsv', () => {
  it('rule_parameters.tsv line 3 (SAMR 2025 minor violation, warning-type): not publicised when the policy says so', () => {
    expect(row(3, 'SAMR 2025 minor violation (warning-type penalty)').value).toBe('not publicised at all');
    const warningsOnly: PublicityPolicy = {
      ...publicityPolicy,
      version: 'test-light-unpublished',
      light: { ...publicityPolicy.light, published: false },
    };
    expect(publicFrom('2026-01-10', 'light', warningsOnly)).toBeNull();
    expect(publicUntil('2026-01-10', 'light', warningsOnly)).toBeNull();
    expect(repairEligibleFrom('2026-01-10', 'light', warningsOnly)).toBeNull();
    expect(isInPublicity({ decisionDate: '2026-01-10', severity: 'light' }, cst('2026-01-10T12:00'), warningsOnly)).toBe(false);
  });

  it('rule_parameters.tsv line 4 (SAMR 2025 other minor violations): 3 months, ends by itself, no repair application', () => {
    expect(row(4, 'SAMR 2025 other minor violations').value).toBe('auto-cease publicity after 3 months, no application');
    expect(publicityPolicy.light).toEqual({ published: true, minMonths: 0, maxMonths: 3, repairAfterMonths: null });
    expect(publicUntil('2026-01-10', 'light')).toEqual(cst('2026-04-11T00:00'));
    expect(repairEligibleFrom('2026-01-10', 'light')).toBeNull();
    const record = { decisionDate: '2026-01-10', severity: 'light' } as const;
    expect(isInPublicity(record, cst('2026-04-10T23:59:59.999'))).toBe(true);
    expect(isInPublicity(record, cst('2026-04-11T00:00'))).toBe(false);
  });

  it('rule_parameters.tsv line 5 (SAMR 2025 moderate violations): 3 months – 1 year, repair after 3 months', () => {
    expect(row(5, 'SAMR 2025 moderate violations').value).toBe(
      'publicised 3 months..1 year; repair application allowed after 3 months; auto-cease after 1 year',
    );
    expect(publicityPolicy.general).toEqual({ published: true, minMonths: 3, maxMonths: 12, repairAfterMonths: 3 });
    expect(repairEligibleFrom('2026-03-10', 'general')).toEqual(cst('2026-06-11T00:00'));
    expect(publicUntil('2026-03-10', 'general')).toEqual(cst('2027-03-11T00:00'));
    const record = { decisionDate: '2026-03-10', severity: 'general' } as const;
    expect(isInPublicity(record, cst('2027-03-10T23:59:59.999'))).toBe(true);
    expect(isInPublicity(record, cst('2027-03-11T00:00'))).toBe(false);
  });

  it('rule_parameters.tsv line 6 (SAMR 2025 serious violations): 1 – 3 years, repair after 1 year', () => {
    expect(row(6, 'SAMR 2025 serious violations').value).toBe(
      'publicised 1..3 years; repair application allowed after 1 year; auto-removed after 3 years',
    );
    expect(publicityPolicy.serious).toEqual({ published: true, minMonths: 12, maxMonths: 36, repairAfterMonths: 12 });
    expect(repairEligibleFrom('2026-02-28', 'serious')).toEqual(cst('2027-03-01T00:00'));
    expect(publicUntil('2026-02-28', 'serious')).toEqual(cst('2029-03-01T00:00'));
    const record = { decisionDate: '2026-02-28', severity: 'serious' } as const;
    expect(isInPublicity(record, cst('2029-02-28T23:59'))).toBe(true);
    expect(isInPublicity(record, cst('2029-03-01T00:00'))).toBe(false);
  });

  it('the default policy is consistent', () => {
    expect(() => assertPublicityPolicy(publicityPolicy)).not.toThrow();
  });
});

describe('publicity period arithmetic', () => {
  it('clamps to the last day of a shorter month (2025-01-31 + 1 month = 2025-02-28)', () => {
    const oneMonth: PublicityPolicy = {
      ...publicityPolicy,
      light: { published: true, minMonths: 0, maxMonths: 1, repairAfterMonths: null },
    };
    expect(publicUntil('2025-01-31', 'light', oneMonth)).toEqual(cst('2025-03-01T00:00'));
    expect(publicUntil('2024-11-30', 'light')).toEqual(cst('2025-03-01T00:00')); // last day 2025-02-28
    expect(publicUntil('2024-02-29', 'general')).toEqual(cst('2025-03-01T00:00')); // last day 2025-02-28
  });

  it('starts at 00:00 CST of the decision day', () => {
    const record = { decisionDate: '2026-03-10', severity: 'general' } as const;
    expect(isInPublicity(record, new Date(cst('2026-03-10T00:00').getTime() - ms))).toBe(false);
    expect(isInPublicity(record, cst('2026-03-10T00:00'))).toBe(true);
  });

  it('reads a decision Date in China Standard Time', () => {
    // 2026-03-09T16:30Z is 2026-03-10 00:30 CST: the decision day is 03-10, not 03-09.
    expect(publicUntil(new Date('2026-03-09T16:30:00Z'), 'general')).toEqual(cst('2027-03-11T00:00'));
  });

  it('ends early at the instant a repair or withdrawal takes effect', () => {
    const repairedAt = cst('2026-07-01T09:30');
    const record = { decisionDate: '2026-03-10', severity: 'general', endedEarlyAt: repairedAt } as const;
    expect(isInPublicity(record, new Date(repairedAt.getTime() - ms))).toBe(true);
    expect(isInPublicity(record, repairedAt)).toBe(false);
    expect(isInPublicity({ ...record, endedEarlyAt: null }, repairedAt)).toBe(true);
  });

  it('is computed for the instant asked about, past or future', () => {
    const record = { decisionDate: '2025-06-15', severity: 'serious' } as const;
    const instants = ['2025-06-14T12:00', '2026-06-15T12:00', '2028-06-15T12:00', '2028-06-16T00:00'].map(cst);
    expect(instants.map((at) => isInPublicity(record, at))).toEqual([false, true, true, false]);
  });

  it.each<[string, Partial<PublicityPolicy['general']>]>([
    ['minimum above maximum', { minMonths: 13 }],
    ['repair before the minimum', { repairAfterMonths: 2 }],
    ['repair after the maximum', { repairAfterMonths: 13 }],
    ['fractional months', { maxMonths: 11.5 }],
  ])('rejects a policy with %s', (_case, change) => {
    const policy = { ...publicityPolicy, general: { ...publicityPolicy.general, ...change } };
    expect(() => assertPublicityPolicy(policy)).toThrow(RangeError);
  });
});
