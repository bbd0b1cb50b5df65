import { specification } from '@credit-share/testing';
import type { GradeChanged, RuleSetAdopted } from './grade.events';
import { decideRegrade, gradeAt, gradeAggregate, nextChangeAfter, type GradeResult, type SubjectFact } from './grading';
import { DEFAULT_RULE_SET, decideAdoptRuleSet, normaliseRules, ruleSetAt, ruleSetsAggregate, type RuleSet } from './rule-set';

const USCC = '91440300MA5FAAAA1X';
const t = (iso: string) => Date.parse(iso);

const penalty = (
  recordId: string,
  severity: 'light' | 'general' | 'serious',
  from: string,
  until: string | null = null,
  at = from,
): SubjectFact => ({
  type: 'record',
  at: t(at),
  recordId,
  kind: 'administrative_penalty',
  severity,
  publicFrom: t(from),
  publicUntil: until === null ? null : t(until),
  disputed: false,
});
const honour = (recordId: string, from: string): SubjectFact => ({
  type: 'record',
  at: t(from),
  recordId,
  kind: 'honor',
  severity: null,
  publicFrom: t(from),
  publicUntil: null,
  disputed: false,
});

describe('grade at an instant (default rule set, PRODUCT.md §3.4)', () => {
  it('starts at 100 (A) with nothing on record', () => {
    expect(gradeAt(USCC, [], t('2026-06-01T00:00:00Z'), [])).toEqual({
      uscc: USCC,
      grade: 'A',
      score: 100,
      ruleSetVersion: 1,
      asOf: t('2026-06-01T00:00:00Z'),
      reasons: [],
    });
  });

  it('deducts light −5, general −15, serious −40, each with its reason', () => {
    const facts = [
      penalty('r1', 'light', '2026-01-01T00:00:00Z'),
      penalty('r2', 'general', '2026-01-02T00:00:00Z'),
      penalty('r3', 'serious', '2026-01-03T00:00:00Z'),
    ];
    const g = gradeAt(USCC, facts, t('2026-02-01T00:00:00Z'), []);
    expect(g.score).toBe(40);
    expect(g.grade).toBe('C');
    expect(g.reasons).toEqual([
      { recordId: 'r1', rule: 'deduction.light', points: -5 },
      { recordId: 'r2', rule: 'deduction.general', points: -15 },
      { recordId: 'r3', rule: 'deduction.serious', points: -40 },
    ]);
  });

  it('bands A ≥ 90, B ≥ 70, C ≥ 40, else D', () => {
    const at = t('2026-02-01T00:00:00Z');
    expect(gradeAt(USCC, [penalty('a', 'general', '2026-01-01T00:00:00Z')], at, []).grade).toBe('B'); // 85
    expect(gradeAt(USCC, [penalty('a', 'light', '2026-01-01T00:00:00Z')], at, []).grade).toBe('A'); // 95
    expect(gradeAt(USCC, [penalty('a', 'serious', '2026-01-01T00:00:00Z')], at, []).grade).toBe('C'); // 60
    const two = [penalty('a', 'serious', '2026-01-01T00:00:00Z'), penalty('b', 'serious', '2026-01-01T00:00:00Z')];
    expect(gradeAt(USCC, two, at, []).grade).toBe('D'); // 20
  });

  it('adds honours +5 each, capped at +10', () => {
    const facts = [
      penalty('p', 'general', '2026-01-01T00:00:00Z'),
      honour('h1', '2026-01-01T00:00:00Z'),
      honour('h2', '2026-01-01T00:00:00Z'),
      honour('h3', '2026-01-01T00:00:00Z'),
    ];
    const g = gradeAt(USCC, facts, t('2026-02-01T00:00:00Z'), []);
    expect(g.score).toBe(95);
    expect(g.reasons.filter((r) => r.rule.startsWith('honour')).map((r) => r.points)).toEqual([5, 5, 0]);
  });

  it('counts only records in publicity at the instant: not before publicFrom, not from publicUntil, not after an end', () => {
    const facts: SubjectFact[] = [
      penalty('p', 'serious', '2026-01-10T00:00:00Z', '2027-01-10T00:00:00Z', '2026-01-05T00:00:00Z'),
      { type: 'record-ended', at: t('2026-06-01T00:00:00Z'), recordId: 'p', cause: 'repaired' },
    ];
    expect(gradeAt(USCC, facts, t('2026-01-09T23:59:59Z'), []).score).toBe(100);
    expect(gradeAt(USCC, facts, t('2026-01-10T00:00:00Z'), []).score).toBe(60);
    expect(gradeAt(USCC, facts, t('2026-05-31T23:59:59Z'), []).score).toBe(60);
    expect(gradeAt(USCC, facts, t('2026-06-01T00:00:00Z'), []).score).toBe(100);
    const expiring = [penalty('q', 'general', '2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z')];
    expect(gradeAt(USCC, expiring, t('2026-03-31T23:59:59Z'), []).score).toBe(85);
    expect(gradeAt(USCC, expiring, t('2026-04-01T00:00:00Z'), []).score).toBe(100);
  });

  it('knows only what was known at the instant: a correction counts from when it was made', () => {
    const facts = [
      penalty('p', 'serious', '2026-01-01T00:00:00Z'),
      { ...penalty('p', 'light', '2026-01-01T00:00:00Z'), at: t('2026-03-01T00:00:00Z') },
    ];
    expect(gradeAt(USCC, facts, t('2026-02-01T00:00:00Z'), []).score).toBe(60);
    expect(gradeAt(USCC, facts, t('2026-03-01T00:00:00Z'), []).score).toBe(95);
  });

  it('counts a disputed record but marks it (default), or leaves it out under an "exclude" rule set', () => {
    const facts: SubjectFact[] = [
      penalty('p', 'general', '2026-01-01T00:00:00Z'),
      { type: 'record-disputed', at: t('2026-01-05T00:00:00Z'), recordId: 'p', disputed: true },
    ];
    const g = gradeAt(USCC, facts, t('2026-01-06T00:00:00Z'), []);
    expect(g.reasons).toEqual([{ recordId: 'p', rule: 'deduction.general', points: -15, disputed: true }]);
    const exclude: RuleSet = { version: 2, effectiveFrom: 0, rules: normaliseRules({ disputed: 'exclude' }) };
    expect(gradeAt(USCC, facts, t('2026-01-06T00:00:00Z'), [exclude]).score).toBe(100);
    expect(gradeAt(USCC, facts, t('2026-01-04T00:00:00Z'), [exclude]).score).toBe(85);
  });

  it('forces D while a serious-dishonesty listing is in force, whatever the score', () => {
    const facts: SubjectFact[] = [
      penalty('p', 'light', '2026-01-01T00:00:00Z'),
      {
        type: 'listing-entered',
        at: t('2026-02-01T00:00:00Z'),
        listingId: 'l1',
        listType: 'serious_dishonesty',
        until: t('2029-02-01T00:00:00Z'),
      },
      { type: 'listing-ended', at: t('2026-05-01T00:00:00Z'), listingId: 'l1' },
    ];
    const listed = gradeAt(USCC, facts, t('2026-03-01T00:00:00Z'), []);
    expect(listed).toMatchObject({ grade: 'D', score: 95 });
    expect(listed.reasons).toContainEqual({ listingId: 'l1', rule: 'listing.serious_dishonesty', points: 0 });
    expect(gradeAt(USCC, facts, t('2026-05-01T00:00:00Z'), []).grade).toBe('A');
    const red: SubjectFact = {
      type: 'listing-entered',
      at: t('2026-02-01T00:00:00Z'),
      listingId: 'l2',
      listType: 'red',
      until: null,
    };
    expect(gradeAt(USCC, [red], t('2026-03-01T00:00:00Z'), []).grade).toBe('A');
  });

  it('uses the rule set in force at the instant, and names its version', () => {
    const v2: RuleSet = {
      version: 2,
      effectiveFrom: t('2026-07-01T00:00:00Z'),
      rules: normaliseRules({ deductions: { general: 25 } }),
    };
    const facts = [penalty('p', 'general', '2026-01-01T00:00:00Z')];
    expect(gradeAt(USCC, facts, t('2026-06-30T00:00:00Z'), [v2])).toMatchObject({ score: 85, grade: 'B', ruleSetVersion: 1 });
    expect(gradeAt(USCC, facts, t('2026-07-01T00:00:00Z'), [v2])).toMatchObject({ score: 75, grade: 'B', ruleSetVersion: 2 });
    expect(ruleSetAt([v2], 0)).toBe(DEFAULT_RULE_SET);
  });

  it('wakes at the next instant the calendar changes the grade, and not for what already passed', () => {
    const facts = [penalty('p', 'general', '2026-01-10T00:00:00Z', '2026-04-10T00:00:00Z', '2026-01-01T00:00:00Z')];
    expect(nextChangeAfter(facts, t('2026-01-01T00:00:00Z'))).toBe(t('2026-01-10T00:00:00Z'));
    expect(nextChangeAfter(facts, t('2026-01-10T00:00:00Z'))).toBe(t('2026-04-10T00:00:00Z'));
    expect(nextChangeAfter(facts, t('2026-04-10T00:00:00Z'))).toBeNull();
    const ended: SubjectFact[] = [
      ...facts,
      { type: 'record-ended', at: t('2026-02-01T00:00:00Z'), recordId: 'p', cause: 'withdrawn' },
    ];
    expect(nextChangeAfter(ended, t('2026-02-01T00:00:00Z'))).toBeNull();
  });
});

describe('Regrade (GradeChanged)', () => {
  const spec = specification(gradeAggregate);
  const computed = (grade: GradeResult['grade'], score: number): GradeResult => ({
    uscc: USCC,
    grade,
    score,
    ruleSetVersion: 1,
    asOf: t('2026-02-01T00:00:00Z'),
    reasons: [],
  });
  const changed = (grade: GradeResult['grade'], previousGrade: GradeResult['grade'] | null, score: number): GradeChanged => ({
    type: 'GradeChanged',
    data: { uscc: USCC, grade, previousGrade, score, ruleSetVersion: 1, asOf: '2026-02-01T00:00:00.000Z', reasons: [] },
  });

  it('emits GradeChanged the first time a subject is graded', () => {
    spec
      .given([])
      .when((s) => decideRegrade(computed('A', 100), s))
      .then([changed('A', null, 100)]);
  });

  it('emits GradeChanged with the previous grade when the letter changes', () => {
    spec
      .given([changed('A', null, 100)])
      .when((s) => decideRegrade(computed('C', 60), s))
      .then([changed('C', 'A', 60)]);
  });

  it('is a no-op when the letter stays (a score change within the band is no grade change)', () => {
    spec
      .given([changed('B', null, 85)])
      .when((s) => decideRegrade(computed('B', 80), s))
      .thenNothing();
  });
});

describe('AdoptRuleSet (RuleSetAdopted)', () => {
  const spec = specification(ruleSetsAggregate);
  const now = new Date('2026-06-01T00:00:00Z');
  const adopted: RuleSetAdopted = {
    type: 'RuleSetAdopted',
    data: {
      version: 2,
      effectiveFrom: '2026-07-01T00:00:00.000Z',
      rules: normaliseRules({ deductions: { serious: 50 } }),
      adoptedBy: 'platform',
    },
  };

  it('emits the next version with the defaults filled in', () => {
    spec
      .given([])
      .when((s) =>
        decideAdoptRuleSet(
          { rules: { deductions: { serious: 50 } }, effectiveFrom: new Date('2026-07-01T00:00:00Z'), adoptedBy: 'platform' },
          s,
          now,
        ),
      )
      .then([adopted]);
    expect(adopted.data.rules).toMatchObject({
      start: 100,
      deductions: { light: 5, general: 15, serious: 50 },
      bands: { A: 90, B: 70, C: 40 },
    });
  });

  it('is a no-op when the same rules are adopted again for the same date', () => {
    spec
      .given([adopted])
      .when((s) =>
        decideAdoptRuleSet(
          { rules: { deductions: { serious: 50 } }, effectiveFrom: new Date('2026-07-01T00:00:00Z'), adoptedBy: 'platform' },
          s,
          now,
        ),
      )
      .thenNothing();
  });

  it('refuses an effective date in the past, before the latest version, and invalid rules with field errors', () => {
    spec
      .given([])
      .when((s) =>
        decideAdoptRuleSet({ rules: {}, effectiveFrom: new Date('2026-05-01T00:00:00Z'), adoptedBy: 'platform' }, s, now),
      )
      .thenRefuses('RULE_SET.EFFECTIVE_IN_PAST');
    spec
      .given([adopted])
      .when((s) =>
        decideAdoptRuleSet({ rules: {}, effectiveFrom: new Date('2026-06-15T00:00:00Z'), adoptedBy: 'platform' }, s, now),
      )
      .thenRefuses('RULE_SET.EFFECTIVE_BEFORE_LATEST');
    spec
      .given([])
      .when((s) =>
        decideAdoptRuleSet(
          {
            rules: { bands: { A: 50, B: 70 }, deductions: { light: -3 }, disputed: 'ignore', colour: 'red' },
            effectiveFrom: now,
            adoptedBy: 'platform',
          },
          s,
          now,
        ),
      )
      .thenRefuses('RULE_SET.INVALID', ['rules.colour', 'rules.deductions.light', 'rules.bands', 'rules.disputed']);
  });
});
