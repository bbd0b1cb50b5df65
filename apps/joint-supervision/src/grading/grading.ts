// Grading as a fold over record facts (ADR 0012). What credit records tells this service about a subject — records
// published or corrected, withdrawn, expired, repaired, disputed — and the listings this service decides are kept as
// dated facts. The grade at an instant t is a pure function of the facts known at t (fact.at ≤ t) and the rule set in
// force at t: a record counts while publicFrom ≤ t < publicUntil and it has not ended; nothing is a stale flag, so
// any past instant is answered the same way as now. Times are epoch milliseconds inside the fold.
import type { Grade, GradeReasonV1, ListType, Severity } from '@credit-share/contracts';
import { bandOf, ruleSetAt, type RuleSet } from './rule-set';
import type { GradeEvent } from './grade.events';

export type RecordEnd = 'withdrawn' | 'expired' | 'repaired';

export type SubjectFact =
  /** A record as published or corrected: the whole current version. */
  | {
      type: 'record';
      at: number;
      recordId: string;
      kind: string;
      severity: Severity | null;
      publicFrom: number;
      publicUntil: number | null;
      disputed: boolean;
      /** The organisation that provided the record (who may base a list entry on it). */
      providerOrg?: string;
    }
  | { type: 'record-ended'; at: number; recordId: string; cause: RecordEnd }
  | { type: 'record-disputed'; at: number; recordId: string; disputed: boolean }
  /** A list entry in force from `at` until `until` (exclusive) unless ended earlier. */
  | { type: 'listing-entered'; at: number; listingId: string; listType: ListType; until: number | null }
  | { type: 'listing-ended'; at: number; listingId: string };

/** Facts credit records' events state (the others are this service's listing decisions). */
export type RecordFact = Extract<SubjectFact, { type: 'record' | 'record-ended' | 'record-disputed' }>;

export interface RecordState {
  recordId: string;
  kind: string;
  severity: Severity | null;
  publicFrom: number;
  publicUntil: number | null;
  disputed: boolean;
  providerOrg: string | null;
  ended: { cause: RecordEnd; at: number } | null;
}

export interface ListingFactState {
  listingId: string;
  listType: ListType;
  from: number;
  until: number | null;
  endedAt: number | null;
}

export interface SubjectState {
  records: Map<string, RecordState>;
  listings: Map<string, ListingFactState>;
}

/** Facts in the order they apply: by instant, then as stored (callers pass stored order). */
export function foldFacts(facts: readonly SubjectFact[], t: number): SubjectState {
  const records = new Map<string, RecordState>();
  const listings = new Map<string, ListingFactState>();
  for (const fact of facts) {
    if (fact.at > t) continue;
    switch (fact.type) {
      case 'record': {
        const before = records.get(fact.recordId);
        records.set(fact.recordId, {
          recordId: fact.recordId,
          kind: fact.kind,
          severity: fact.severity,
          publicFrom: fact.publicFrom,
          publicUntil: fact.publicUntil,
          disputed: fact.disputed,
          providerOrg: fact.providerOrg ?? null,
          ended: before?.ended ?? null,
        });
        break;
      }
      case 'record-ended': {
        const r = records.get(fact.recordId);
        if (r && !r.ended) records.set(fact.recordId, { ...r, ended: { cause: fact.cause, at: fact.at } });
        break;
      }
      case 'record-disputed': {
        const r = records.get(fact.recordId);
        if (r) records.set(fact.recordId, { ...r, disputed: fact.disputed });
        break;
      }
      case 'listing-entered':
        listings.set(fact.listingId, {
          listingId: fact.listingId,
          listType: fact.listType,
          from: fact.at,
          until: fact.until,
          endedAt: null,
        });
        break;
      case 'listing-ended': {
        const l = listings.get(fact.listingId);
        if (l && l.endedAt === null) listings.set(fact.listingId, { ...l, endedAt: fact.at });
        break;
      }
    }
  }
  return { records, listings };
}

/** In publicity at t (PRODUCT.md §3.2): started, not past its period, not withdrawn, expired or repaired. */
export function inPublicity(r: RecordState, t: number): boolean {
  return r.ended === null && r.publicFrom <= t && (r.publicUntil === null || t < r.publicUntil);
}

export function listingInForce(l: ListingFactState, t: number): boolean {
  return l.endedAt === null && l.from <= t && (l.until === null || t < l.until);
}

export interface GradeResult {
  uscc: string;
  grade: Grade;
  score: number;
  ruleSetVersion: number;
  asOf: number;
  reasons: GradeReasonV1[];
}

/** The grade of a subject at t under the rule set in force at t (or the one given, for simulations). */
export function gradeAt(
  uscc: string,
  facts: readonly SubjectFact[],
  t: number,
  ruleSets: readonly RuleSet[],
  ruleSet: RuleSet = ruleSetAt(ruleSets, t),
): GradeResult {
  return gradeOfState(uscc, foldFacts(facts, t), t, ruleSet);
}

export function gradeOfState(uscc: string, state: SubjectState, t: number, ruleSet: RuleSet): GradeResult {
  const { rules } = ruleSet;
  const reasons: GradeReasonV1[] = [];
  let score = rules.start;
  const honourKinds = new Set(rules.honours.kinds);
  const honours: RecordState[] = [];
  const ids = [...state.records.keys()].sort();
  for (const id of ids) {
    const r = state.records.get(id)!;
    if (!inPublicity(r, t)) continue;
    if (r.disputed && rules.disputed === 'exclude') continue;
    if (honourKinds.has(r.kind)) {
      honours.push(r);
      continue;
    }
    const severity = r.severity ?? rules.kindSeverity[r.kind] ?? null;
    if (!severity) continue;
    const points = -rules.deductions[severity];
    score += points;
    reasons.push({ recordId: r.recordId, rule: `deduction.${severity}`, points, ...(r.disputed ? { disputed: true } : {}) });
  }
  let honourTotal = 0;
  for (const r of honours) {
    const points = Math.max(0, Math.min(rules.honours.points, rules.honours.cap - honourTotal));
    honourTotal += points;
    score += points;
    reasons.push({
      recordId: r.recordId,
      rule: points > 0 ? 'honour' : 'honour.capped',
      points,
      ...(r.disputed ? { disputed: true } : {}),
    });
  }
  let grade = bandOf(score, rules.bands);
  if (rules.seriousDishonestyForcesD) {
    const listingIds = [...state.listings.keys()].sort();
    for (const id of listingIds) {
      const l = state.listings.get(id)!;
      if (l.listType === 'serious_dishonesty' && listingInForce(l, t)) {
        grade = 'D';
        reasons.push({ listingId: l.listingId, rule: 'listing.serious_dishonesty', points: 0 });
      }
    }
  }
  return { uscc, grade, score, ruleSetVersion: ruleSet.version, asOf: t, reasons };
}

/**
 * The next instant after t at which the grade can change by the calendar alone (a record enters or leaves publicity,
 * a listing's period ends, a rule set takes effect): the one instant a timer must wake for this subject.
 */
export function nextChangeAfter(facts: readonly SubjectFact[], t: number): number | null {
  const state = foldFacts(facts, Number.POSITIVE_INFINITY);
  let next: number | null = null;
  const consider = (x: number | null) => {
    if (x !== null && x > t && (next === null || x < next)) next = x;
  };
  for (const r of state.records.values()) {
    if (r.ended && r.ended.at <= t) continue;
    consider(r.publicFrom);
    consider(r.publicUntil);
  }
  for (const l of state.listings.values()) {
    if (l.endedAt !== null && l.endedAt <= t) continue;
    consider(l.from);
    consider(l.until);
  }
  for (const f of facts) consider(f.at); // facts known in advance (future-dated) change the grade when they apply
  return next;
}

// ---- the grade of one subject as an aggregate: the last grade given, and whether a new one is a change ------------

export type GradeState = { status: 'ungraded' } | { status: 'graded'; grade: Grade; score: number; ruleSetVersion: number };

export const initialGradeState: GradeState = { status: 'ungraded' };

export function evolveGrade(_state: GradeState, event: GradeEvent): GradeState {
  switch (event.type) {
    case 'GradeChanged':
      return { status: 'graded', grade: event.data.grade, score: event.data.score, ruleSetVersion: event.data.ruleSetVersion };
  }
}

export const gradeAggregate = { initialState: initialGradeState, evolve: evolveGrade };

/** A recomputed grade is an event only when the letter changes (or the subject is graded the first time). */
export function decideRegrade(computed: GradeResult, state: GradeState): GradeEvent[] {
  if (state.status === 'graded' && state.grade === computed.grade) return [];
  return [
    {
      type: 'GradeChanged',
      data: {
        uscc: computed.uscc,
        grade: computed.grade,
        previousGrade: state.status === 'graded' ? state.grade : null,
        score: computed.score,
        ruleSetVersion: computed.ruleSetVersion,
        asOf: new Date(computed.asOf).toISOString(),
        reasons: computed.reasons,
      },
    },
  ];
}
