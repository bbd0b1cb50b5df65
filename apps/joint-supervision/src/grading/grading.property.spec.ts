// Grades "as of" any instant equal a from-scratch recomputation over the history up to that instant (issue 4). Two
// properties over random histories of records (published, corrected, disputed, withdrawn, expired, repaired) and
// listings: (1) the fold equals an independent, naive recomputation that looks at the facts up to t directly;
// (2) the live pipeline — regrade after every fact, and at every instant the timer wakes for — ends with the grade
// a recomputation at that instant gives, whatever the order of arrivals and wake-ups.
import type { Grade, Severity } from '@credit-share/contracts';
import fc from 'fast-check';
import {
  decideRegrade,
  evolveGrade,
  gradeAt,
  initialGradeState,
  nextChangeAfter,
  type GradeState,
  type SubjectFact,
} from './grading';
import { bandOf, normaliseRules, ruleSetAt, type RuleSet } from './rule-set';

const USCC = '91440300MA5FAAAA1X';
const RECORDS = ['r0', 'r1', 'r2', 'r3', 'r4'];
const KINDS = ['administrative_penalty', 'court_enforcement', 'honor', 'administrative_license'];
const HORIZON = 1_000;

const severity = fc.constantFrom<Severity | null>('light', 'general', 'serious', null);
const fact: fc.Arbitrary<SubjectFact> = fc.oneof(
  fc.record({
    type: fc.constant('record' as const),
    at: fc.integer({ min: 0, max: HORIZON }),
    recordId: fc.constantFrom(...RECORDS),
    kind: fc.constantFrom(...KINDS),
    severity,
    publicFrom: fc.integer({ min: 0, max: HORIZON }),
    publicUntil: fc.option(fc.integer({ min: 0, max: HORIZON + 200 }), { nil: null }),
    disputed: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('record-ended' as const),
    at: fc.integer({ min: 0, max: HORIZON }),
    recordId: fc.constantFrom(...RECORDS),
    cause: fc.constantFrom('withdrawn' as const, 'expired' as const, 'repaired' as const),
  }),
  fc.record({
    type: fc.constant('record-disputed' as const),
    at: fc.integer({ min: 0, max: HORIZON }),
    recordId: fc.constantFrom(...RECORDS),
    disputed: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('listing-entered' as const),
    at: fc.integer({ min: 0, max: HORIZON }),
    listingId: fc.constantFrom('l0', 'l1'),
    listType: fc.constantFrom('serious_dishonesty' as const, 'red' as const),
    until: fc.option(fc.integer({ min: 0, max: HORIZON + 200 }), { nil: null }),
  }),
  fc.record({
    type: fc.constant('listing-ended' as const),
    at: fc.integer({ min: 0, max: HORIZON }),
    listingId: fc.constantFrom('l0', 'l1'),
  }),
);
/** A history as stored: in the order facts apply (by instant, then arrival). */
const history = fc.array(fact, { maxLength: 30 }).map((facts) =>
  facts
    .map((f, i) => ({ f, i }))
    .sort((a, b) => a.f.at - b.f.at || a.i - b.i)
    .map(({ f }) => f),
);

const ruleSets: RuleSet[] = [
  {
    version: 2,
    effectiveFrom: 400,
    rules: normaliseRules({ deductions: { light: 10, general: 20, serious: 45 }, disputed: 'exclude' }),
  },
  {
    version: 3,
    effectiveFrom: 800,
    rules: normaliseRules({ honours: { kinds: ['honor'], points: 7, cap: 7 }, bands: { A: 95, B: 75, C: 45 } }),
  },
];

/** The naive recomputation: for each record and listing, look up directly what the facts up to t say. */
function naiveGrade(facts: readonly SubjectFact[], t: number): { grade: Grade; score: number } {
  const known = facts.map((f, i) => ({ f, i })).filter(({ f }) => f.at <= t);
  const rules = ruleSetAt(ruleSets, t).rules;
  let score = rules.start;
  let honours = 0;
  let forcedD = false;
  for (const id of [...RECORDS].sort()) {
    const versions = known.filter(({ f }) => f.type === 'record' && f.recordId === id);
    if (versions.length === 0) continue;
    const first = versions[0]!.i;
    const latest = versions[versions.length - 1]!.f as Extract<SubjectFact, { type: 'record' }>;
    const ended = known.some(({ f, i }) => f.type === 'record-ended' && f.recordId === id && i > first);
    // The dispute flag is whatever the last statement about it says: a version, or a dispute fact after the first version.
    const statements = known.filter(
      ({ f, i }) =>
        (f.type === 'record' && f.recordId === id) || (f.type === 'record-disputed' && f.recordId === id && i > first),
    );
    const lastStatement = statements[statements.length - 1]!.f as { disputed: boolean };
    if (ended || latest.publicFrom > t || (latest.publicUntil !== null && t >= latest.publicUntil)) continue;
    if (lastStatement.disputed && rules.disputed === 'exclude') continue;
    if (rules.honours.kinds.includes(latest.kind)) {
      const add = Math.max(0, Math.min(rules.honours.points, rules.honours.cap - honours));
      honours += add;
      continue;
    }
    const sev = latest.severity ?? rules.kindSeverity[latest.kind];
    if (sev) score -= rules.deductions[sev];
  }
  for (const id of ['l0', 'l1']) {
    const entries = known.filter(({ f }) => f.type === 'listing-entered' && f.listingId === id);
    if (entries.length === 0) continue;
    const entry = entries[entries.length - 1]!;
    const e = entry.f as Extract<SubjectFact, { type: 'listing-entered' }>;
    const endedAfter = known.some(({ f, i }) => f.type === 'listing-ended' && f.listingId === id && i > entry.i);
    if (e.listType === 'serious_dishonesty' && !endedAfter && (e.until === null || t < e.until))
      forcedD = rules.seriousDishonestyForcesD;
  }
  score += honours;
  return { grade: forcedD ? 'D' : bandOf(score, rules.bands), score };
}

describe('grades as of any instant (property)', () => {
  it('equal a from-scratch recomputation over the history up to that instant', () => {
    fc.assert(
      fc.property(
        history,
        fc.integer({ min: -10, max: HORIZON + 250 }),
        fc.boolean(),
        fc.nat(),
        (facts, random, onBoundary, k) => {
          // Half the time an instant where something starts or ends: the boundaries are where folds go wrong.
          const boundaries = facts.flatMap((f) => [
            f.at,
            ...(f.type === 'record' ? [f.publicFrom, f.publicUntil ?? f.at] : []),
            ...(f.type === 'listing-entered' ? [f.until ?? f.at] : []),
          ]);
          const t = onBoundary && boundaries.length > 0 ? boundaries[k % boundaries.length]! : random;
          const g = gradeAt(USCC, facts, t, ruleSets);
          expect({ grade: g.grade, score: g.score }).toEqual(naiveGrade(facts, t));
          // Only the history up to t matters: later facts never change a past grade.
          expect(
            gradeAt(
              USCC,
              facts.filter((f) => f.at <= t),
              t,
              ruleSets,
            ),
          ).toEqual(g);
          // The reasons explain the score.
          expect(ruleSetAt(ruleSets, t).rules.start + g.reasons.reduce((sum, r) => sum + r.points, 0)).toBe(g.score);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('the live pipeline (regrade on each fact and at each timer wake-up) ends where a recomputation does', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: HORIZON + 250 }), (facts, end) => {
        let state: GradeState = initialGradeState;
        const regrade = (known: SubjectFact[], t: number) => {
          for (const e of decideRegrade(gradeAt(USCC, known, t, ruleSets), state)) state = evolveGrade(state, e);
        };
        const wakeUps = new Set([...ruleSets.map((r) => r.effectiveFrom)]);
        let timer: number | null = null;
        let now = 0;
        const runTimersUntil = (until: number, known: SubjectFact[]) => {
          for (;;) {
            const due = [...(timer !== null ? [timer] : []), ...[...wakeUps].filter((w) => w > now)].filter((w) => w <= until);
            if (due.length === 0) return;
            now = Math.min(...due);
            regrade(known, now);
            timer = nextChangeAfter(known, now);
          }
        };
        const arrived: SubjectFact[] = [];
        for (const f of facts.filter((x) => x.at <= end)) {
          runTimersUntil(f.at, arrived);
          arrived.push(f);
          now = f.at;
          regrade(arrived, now);
          timer = nextChangeAfter(arrived, now);
        }
        runTimersUntil(end, arrived);
        const expected = gradeAt(USCC, facts, end, ruleSets).grade;
        if (facts.some((f) => f.at <= end) || state.status === 'graded') expect(state).toMatchObject({ grade: expected });
      }),
      { numRuns: 2_000 },
    );
  });
});
