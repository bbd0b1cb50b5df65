// Grading rule sets as versioned data (PRODUCT.md §3.4): what a record or a listing is worth, the bands, and how
// disputed records count. Version 1 is the product default; operators adopt later versions with an effective date,
// and a grade always names the version it was computed with. Pure: state, evolve, one decision.
import { DomainError, SEVERITIES, type FieldError, type Grade, type Severity } from '@credit-share/contracts';
import type { RuleSetEvent } from './grade.events';

export type DisputePolicy = 'count_marked' | 'exclude';
export const DISPUTE_POLICIES: readonly DisputePolicy[] = ['count_marked', 'exclude'];

export interface RuleSetRules {
  /** Score of a subject with nothing on record. */
  start: number;
  /** Points deducted per adverse record in publicity, by severity. */
  deductions: Record<Severity, number>;
  /** Severity assumed for adverse kinds whose records carry none (失信被执行人 is serious by nature). */
  kindSeverity: Record<string, Severity>;
  /** Honours: kinds that add points, per record, up to a cap over all of them. */
  honours: { kinds: string[]; points: number; cap: number };
  /** An entry on the serious-dishonesty list forces grade D whatever the score. */
  seriousDishonestyForcesD: boolean;
  /** Lowest score of each band; below C is D. */
  bands: { A: number; B: number; C: number };
  /** Disputed records (pending objection): counted but marked in the reasons, or left out until decided. */
  disputed: DisputePolicy;
}

export interface RuleSet {
  version: number;
  /** Epoch milliseconds from which the version governs grades. */
  effectiveFrom: number;
  rules: RuleSetRules;
}

export const DEFAULT_RULES: RuleSetRules = Object.freeze({
  start: 100,
  deductions: { light: 5, general: 15, serious: 40 },
  kindSeverity: { court_enforcement: 'serious', abnormal_operation: 'general' },
  honours: { kinds: ['honor'], points: 5, cap: 10 },
  seriousDishonestyForcesD: true,
  bands: { A: 90, B: 70, C: 40 },
  disputed: 'count_marked',
}) as RuleSetRules;

/** Version 1: the product default, in force from the beginning of time. */
export const DEFAULT_RULE_SET: RuleSet = Object.freeze({ version: 1, effectiveFrom: 0, rules: DEFAULT_RULES });

/** The version in force at `t`: the highest version whose effective date has come. */
export function ruleSetAt(ruleSets: readonly RuleSet[], t: number): RuleSet {
  let best = DEFAULT_RULE_SET;
  for (const r of ruleSets) if (r.effectiveFrom <= t && r.version > best.version) best = r;
  return best;
}

export function bandOf(score: number, bands: RuleSetRules['bands']): Grade {
  if (score >= bands.A) return 'A';
  if (score >= bands.B) return 'B';
  if (score >= bands.C) return 'C';
  return 'D';
}

/** Fills what a proposed rule set leaves out from the default and checks the result; field errors name the path. */
export function normaliseRules(input: unknown): RuleSetRules {
  const errors: FieldError[] = [];
  const given = (isObject(input) ? input : {}) as Partial<Record<keyof RuleSetRules, unknown>>;
  if (!isObject(input)) errors.push({ field: 'rules', code: 'NOT_AN_OBJECT', message: 'rules must be an object' });
  const num = (field: string, value: unknown, fallback: number, min = 0, max = 1_000): number => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      errors.push({ field, code: 'OUT_OF_RANGE', message: `${field} must be a number from ${min} to ${max}` });
      return fallback;
    }
    return value;
  };
  const obj = (field: string, value: unknown): Record<string, unknown> => {
    if (value === undefined) return {};
    if (!isObject(value)) {
      errors.push({ field, code: 'NOT_AN_OBJECT', message: `${field} must be an object` });
      return {};
    }
    return value;
  };
  const unknownKeys = Object.keys(given).filter((k) => !(k in DEFAULT_RULES));
  for (const k of unknownKeys) errors.push({ field: `rules.${k}`, code: 'UNKNOWN_RULE', message: `"${k}" is not a rule` });

  const d = obj('rules.deductions', given.deductions);
  const deductions = {
    light: num('rules.deductions.light', d.light, DEFAULT_RULES.deductions.light),
    general: num('rules.deductions.general', d.general, DEFAULT_RULES.deductions.general),
    serious: num('rules.deductions.serious', d.serious, DEFAULT_RULES.deductions.serious),
  };
  const ks = obj('rules.kindSeverity', given.kindSeverity);
  const kindSeverity: Record<string, Severity> = given.kindSeverity === undefined ? { ...DEFAULT_RULES.kindSeverity } : {};
  for (const [kind, severity] of Object.entries(ks)) {
    if ((SEVERITIES as readonly unknown[]).includes(severity)) kindSeverity[kind] = severity as Severity;
    else
      errors.push({
        field: `rules.kindSeverity.${kind}`,
        code: 'UNKNOWN_SEVERITY',
        message: 'must be light, general or serious',
      });
  }
  const h = obj('rules.honours', given.honours);
  let kinds = DEFAULT_RULES.honours.kinds;
  if (h.kinds !== undefined) {
    if (Array.isArray(h.kinds) && h.kinds.every((k) => typeof k === 'string' && k.length > 0)) kinds = h.kinds as string[];
    else errors.push({ field: 'rules.honours.kinds', code: 'NOT_A_LIST', message: 'must be a list of record kinds' });
  }
  const honours = {
    kinds,
    points: num('rules.honours.points', h.points, DEFAULT_RULES.honours.points),
    cap: num('rules.honours.cap', h.cap, DEFAULT_RULES.honours.cap),
  };
  const b = obj('rules.bands', given.bands);
  const bands = {
    A: num('rules.bands.A', b.A, DEFAULT_RULES.bands.A, -1_000, 10_000),
    B: num('rules.bands.B', b.B, DEFAULT_RULES.bands.B, -1_000, 10_000),
    C: num('rules.bands.C', b.C, DEFAULT_RULES.bands.C, -1_000, 10_000),
  };
  if (!(bands.A > bands.B && bands.B > bands.C)) {
    errors.push({ field: 'rules.bands', code: 'BANDS_NOT_DESCENDING', message: 'bands must satisfy A > B > C' });
  }
  let seriousDishonestyForcesD = DEFAULT_RULES.seriousDishonestyForcesD;
  if (given.seriousDishonestyForcesD !== undefined) {
    if (typeof given.seriousDishonestyForcesD === 'boolean') seriousDishonestyForcesD = given.seriousDishonestyForcesD;
    else errors.push({ field: 'rules.seriousDishonestyForcesD', code: 'NOT_A_BOOLEAN', message: 'must be true or false' });
  }
  let disputed = DEFAULT_RULES.disputed;
  if (given.disputed !== undefined) {
    if ((DISPUTE_POLICIES as readonly unknown[]).includes(given.disputed)) disputed = given.disputed as DisputePolicy;
    else
      errors.push({ field: 'rules.disputed', code: 'UNKNOWN_POLICY', message: `must be one of ${DISPUTE_POLICIES.join(', ')}` });
  }
  if (errors.length > 0) throw DomainError.validation('RULE_SET.INVALID', 'the rule set has invalid rules', errors);
  return {
    start: num('rules.start', given.start, DEFAULT_RULES.start, 0, 10_000),
    deductions,
    kindSeverity,
    honours,
    seriousDishonestyForcesD,
    bands,
    disputed,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- the rule-set stream: one stream holds every adopted version ------------------------------------------------

export interface RuleSetsState {
  /** Adopted versions, version 1 (the default) included. */
  versions: RuleSet[];
}

export const initialRuleSets: RuleSetsState = { versions: [DEFAULT_RULE_SET] };

export function evolveRuleSets(state: RuleSetsState, event: RuleSetEvent): RuleSetsState {
  switch (event.type) {
    case 'RuleSetAdopted':
      return {
        versions: [
          ...state.versions,
          { version: event.data.version, effectiveFrom: Date.parse(event.data.effectiveFrom), rules: event.data.rules },
        ],
      };
  }
}

export const ruleSetsAggregate = { initialState: initialRuleSets, evolve: evolveRuleSets };
export const RULE_SETS_STREAM = 'grading-rule-sets';

export interface AdoptRuleSet {
  rules: unknown;
  effectiveFrom: Date;
  adoptedBy: string;
}

/**
 * A new version is the next number; it may not take effect in the past (grades already given stay explainable by
 * the version they name) nor before a version adopted earlier.
 */
export function decideAdoptRuleSet(command: AdoptRuleSet, state: RuleSetsState, now: Date): RuleSetEvent[] {
  const rules = normaliseRules(command.rules);
  const effectiveFrom = command.effectiveFrom.getTime();
  if (effectiveFrom < now.getTime() - 60_000) {
    throw DomainError.ruleViolated('RULE_SET.EFFECTIVE_IN_PAST', 'a rule set cannot take effect in the past');
  }
  const latest = state.versions[state.versions.length - 1]!;
  if (effectiveFrom < latest.effectiveFrom) {
    throw DomainError.ruleViolated(
      'RULE_SET.EFFECTIVE_BEFORE_LATEST',
      `version ${latest.version} takes effect ${new Date(latest.effectiveFrom).toISOString()}; a later version cannot take effect before it`,
    );
  }
  if (latest.effectiveFrom === effectiveFrom && sameRules(latest.rules, rules)) return [];
  return [
    {
      type: 'RuleSetAdopted',
      data: {
        version: latest.version + 1,
        effectiveFrom: new Date(Math.max(effectiveFrom, now.getTime())).toISOString(),
        rules,
        adoptedBy: command.adoptedBy,
      },
    },
  ];
}

/** Equal as data, whatever the key order (JSONB does not keep it). */
function sameRules(a: RuleSetRules, b: RuleSetRules): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
