import { addCalendarMonths, addDays, CalendarDateInput, IsoDate, startOfCstDay, toIsoDate } from '@credit-share/contracts';

/**
 * Publicity periods of adverse records by severity (PRODUCT.md §3.2, §3.3).
 *
 * Counting follows the Civil Code (民法典 第二百零一条至第二百零三条): the decision day itself is not counted; a period
 * of N months ends on the corresponding day N months later, or on that month's last day if it has none
 * (2025-01-31 + 1 month → 2025-02-28); the last day runs to 24:00 China Standard Time. Publicity therefore runs from
 * 00:00 CST of the decision day until 24:00 CST of the last day, i.e. the half-open interval
 * [start of decision day, start of the day after the last day). The holiday extension of 第二百零三条 does not apply:
 * it gives more time to someone who must act by the last day, and nobody must act at the end of a publicity period.
 *
 * "In publicity" is always computed from these dates for the instant asked about, never stored.
 */
export type Severity = 'light' | 'general' | 'serious';

export interface SeverityRule {
  /** false: records of this severity are not publicised at all. */
  readonly published: boolean;
  /** Minimum period served before publicity may end early (by repair). */
  readonly minMonths: number;
  /** Publicity ends on its own after this period. */
  readonly maxMonths: number;
  /** Repair application allowed once this period is served; null: no application, the period just runs out. */
  readonly repairAfterMonths: number | null;
}

export interface PublicityPolicy {
  readonly version: string;
  readonly effectiveFrom: IsoDate;
  readonly source: string;
  readonly light: SeverityRule;
  readonly general: SeverityRule;
  readonly serious: SeverityRule;
}

/**
 * Defaults from test/fixtures/reference-data/rule_parameters.tsv, rows publicity_period (SAMR Order No. 107,
 * 市场监督管理信用修复管理办法, 2025-11-21, in force 2025-12-25):
 *   light   other minor violations: publicity ceases after 3 months, no application. Warning-type penalties are not
 *           publicised at all; a policy version that treats all light records that way sets `light.published` false
 *           (PRODUCT.md §3.2: "or not published, per policy")
 *   general 3 months – 1 year, repair application after 3 months
 *   serious 1 – 3 years, repair application after 1 year
 */
export const publicityPolicy: PublicityPolicy = {
  version: 'samr-order-107-2025',
  effectiveFrom: '2025-12-25',
  source: 'SAMR Order No. 107 (2025) via rule_parameters.tsv publicity_period rows',
  light: { published: true, minMonths: 0, maxMonths: 3, repairAfterMonths: null },
  general: { published: true, minMonths: 3, maxMonths: 12, repairAfterMonths: 3 },
  serious: { published: true, minMonths: 12, maxMonths: 36, repairAfterMonths: 12 },
};

export interface PublicityDates {
  readonly decisionDate: CalendarDateInput;
  readonly severity: Severity;
  /** When publicity ended early (repair approved, record withdrawn); absent or null if it has not. */
  readonly endedEarlyAt?: Date | null;
}

/** 00:00 CST of the decision day; null when the severity is not published. */
export function publicFrom(
  decisionDate: CalendarDateInput,
  severity: Severity,
  policy: PublicityPolicy = publicityPolicy,
): Date | null {
  return policy[severity].published ? startOfCstDay(toIsoDate(decisionDate)) : null;
}

/**
 * The instant publicity ends by itself: 24:00 CST of the last day of the maximum period (= 00:00 CST of the next
 * day). A record is in publicity while `at < publicUntil`. Null when the severity is not published.
 */
export function publicUntil(
  decisionDate: CalendarDateInput,
  severity: Severity,
  policy: PublicityPolicy = publicityPolicy,
): Date | null {
  const rule = policy[severity];
  return rule.published ? endOfPeriod(toIsoDate(decisionDate), rule.maxMonths) : null;
}

/** The first instant a repair application is admissible; null when the severity has no repair application. */
export function repairEligibleFrom(
  decisionDate: CalendarDateInput,
  severity: Severity,
  policy: PublicityPolicy = publicityPolicy,
): Date | null {
  const rule = policy[severity];
  if (!rule.published || rule.repairAfterMonths === null) return null;
  return endOfPeriod(toIsoDate(decisionDate), rule.repairAfterMonths);
}

export function isInPublicity(record: PublicityDates, at: Date, policy: PublicityPolicy = publicityPolicy): boolean {
  const from = publicFrom(record.decisionDate, record.severity, policy);
  const until = publicUntil(record.decisionDate, record.severity, policy);
  if (from === null || until === null) return false;
  const t = at.getTime();
  if (Number.isNaN(t)) throw new RangeError('invalid Date');
  if (record.endedEarlyAt != null && t >= record.endedEarlyAt.getTime()) return false;
  return t >= from.getTime() && t < until.getTime();
}

/** Throws if a policy is inconsistent; call when loading a new policy version. */
export function assertPublicityPolicy(policy: PublicityPolicy): void {
  for (const severity of ['light', 'general', 'serious'] as const) {
    const { minMonths, maxMonths, repairAfterMonths } = policy[severity];
    const months = [minMonths, maxMonths, ...(repairAfterMonths === null ? [] : [repairAfterMonths])];
    if (!months.every((m) => Number.isSafeInteger(m) && m >= 0)) {
      throw new RangeError(`${policy.version} ${severity}: periods must be whole months ≥ 0`);
    }
    if (minMonths > maxMonths) throw new RangeError(`${policy.version} ${severity}: minimum exceeds maximum`);
    if (repairAfterMonths !== null && (repairAfterMonths < minMonths || repairAfterMonths > maxMonths)) {
      throw new RangeError(`${policy.version} ${severity}: repair must open between the minimum and maximum period`);
    }
  }
}

function endOfPeriod(decisionDay: IsoDate, months: number): Date {
  return startOfCstDay(addDays(addCalendarMonths(decisionDay, months), 1));
}
