// Plumbing of grading: regrade one subject inside the transaction that changed its facts, wake at the next instant
// the calendar changes its grade (one durable timer per subject, never a poll over every subject), regrade everyone
// when a rule set takes effect, answer grade queries for any instant, simulate a rule set.
import { DomainError, type Grade, type GradeChangedV1 } from '@credit-share/contracts';
import { uuidv7, type Actor, type Queryable, type Tx } from '@credit-share/event-store';
import { SYSTEM_ACTOR, ServiceRuntime, eventMetadata } from '@credit-share/messaging';
import { Injectable, Logger } from '@nestjs/common';
import { decideNow } from '../decide-in-transaction.handlers';
import type { GradeChanged, RuleSetAdopted } from './grade.events';
import { applyRuleSetAdopted } from './grading.projection';
import { decideRegrade, foldFacts, gradeAt, gradeOfState, nextChangeAfter, type GradeResult } from './grading';
import {
  DEFAULT_RULE_SET,
  RULE_SETS_STREAM,
  decideAdoptRuleSet,
  normaliseRules,
  ruleSetAt,
  ruleSetsAggregate,
  type RuleSet,
} from './rule-set';
import {
  adoptedRuleSets,
  applyGradeChanged,
  factsOf,
  factsOfMany,
  gradingInputs,
  lockGrade,
  subjectPages,
} from './subject-facts.repository';

export const REGRADE_TIMER = 'supervision.regrade';
export const RULE_SET_TIMER = 'supervision.rule-set-effective';

export interface SimulationResult {
  version: number;
  asOf: string;
  comparedWith: number;
  subjects: number;
  changed: number;
  byGrade: Record<string, number>;
  changes: { uscc: string; from: Grade; to: Grade; scoreFrom: number; scoreTo: number }[];
  truncated: boolean;
}

const PAGE = 2_000;
/** Pages in flight at once: the fold (this process) and the reads and writes (PostgreSQL) overlap. */
const PAGES_IN_FLIGHT = 3;

async function inPages(pages: readonly string[][], work: (page: string[]) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < pages.length) await work(pages[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(PAGES_IN_FLIGHT, pages.length) }, worker));
}
const MAX_LISTED_CHANGES = 10_000;

@Injectable()
export class GradingService {
  private readonly logger = new Logger('joint-supervision');

  constructor(private readonly runtime: ServiceRuntime) {
    runtime.timers.on<{ uscc: string }>(REGRADE_TIMER, async (timer, tx) => {
      await this.regrade(tx, timer.payload.uscc, runtime.clock.now());
    });
    runtime.timers.on<{ version: number }>(RULE_SET_TIMER, async (timer) => {
      const { subjects, changed } = await this.regradeAll(runtime.clock.now());
      this.logger.log(`rule set ${timer.payload.version} in effect: ${changed} of ${subjects} subjects changed grade`);
    });
  }

  private get now(): Date {
    return this.runtime.clock.now();
  }

  async ruleSets(runner: Queryable = this.runtime.db): Promise<RuleSet[]> {
    return [DEFAULT_RULE_SET, ...(await adoptedRuleSets(runner))];
  }

  /**
   * Recomputes the subject's grade now, in the caller's transaction (which just changed its facts): a changed letter
   * is a GradeChanged event; the subject's timer moves to the next instant the calendar alone changes the grade.
   */
  async regrade(tx: Tx, uscc: string, now: Date = this.now): Promise<GradeChangedV1 | null> {
    const state = await lockGrade(tx, uscc);
    const facts = await factsOf(tx, uscc);
    const computed = gradeAt(uscc, facts, now.getTime(), await this.ruleSets(tx));
    const events = decideRegrade(computed, state);
    if (events.length > 0) {
      await this.runtime.store.append(
        `grade-${uscc}`,
        'any',
        events.map((e) => ({ ...e, occurredAt: now })),
        eventMetadata(SYSTEM_ACTOR),
        tx,
      );
      await applyGradeChanged(tx, events[0]!.data);
    }
    const next = nextChangeAfter(facts, now.getTime());
    if (next === null) await this.runtime.timers.cancel(tx, `regrade:${uscc}`);
    else
      await this.runtime.timers.schedule(tx, {
        id: `regrade:${uscc}`,
        kind: REGRADE_TIMER,
        dueAt: new Date(next),
        payload: { uscc },
      });
    return events[0]?.data ?? null;
  }

  /** Every subject, in pages of one transaction each (their grade rows locked): changed letters become events. */
  async regradeAll(now: Date = this.now): Promise<{ subjects: number; changed: number }> {
    const t = now.getTime();
    let subjects = 0;
    let changed = 0;
    await inPages(await subjectPages(this.runtime.db, PAGE), async (page) => {
      subjects += page.length;
      const events = await this.runtime.db.transaction(async (tx) => {
        // Rows for subjects never graded too, so a concurrent regrade of one of them waits for this page.
        await tx.query(`INSERT INTO grades (uscc) SELECT unnest($1::text[]) ON CONFLICT (uscc) DO NOTHING`, [page]);
        const { rows } = await tx.query<{ uscc: string; grade: Grade | null }>(
          `SELECT uscc, grade FROM grades WHERE uscc = ANY($1::text[]) ORDER BY uscc FOR UPDATE`,
          [page],
        );
        const last = new Map(rows.map((r) => [r.uscc, r.grade]));
        const facts = await factsOfMany(tx, page);
        const ruleSets = await this.ruleSets(tx);
        const ruleSet = ruleSetAt(ruleSets, t);
        const decided: GradeChanged[] = [];
        for (const uscc of page) {
          const grade = last.get(uscc) ?? null;
          const computed = gradeAt(uscc, facts.get(uscc)!, t, ruleSets, ruleSet);
          decided.push(
            ...decideRegrade(
              computed,
              grade === null ? { status: 'ungraded' } : { status: 'graded', grade, score: 0, ruleSetVersion: 0 },
            ),
          );
        }
        if (decided.length === 0) return decided;
        await this.runtime.store.append(
          `regrade-${uuidv7()}`,
          0,
          decided.map((e) => ({ ...e, occurredAt: now })),
          eventMetadata(SYSTEM_ACTOR),
          tx,
        );
        const d = decided.map((e) => e.data);
        await tx.query(
          `INSERT INTO grades (uscc, grade, score, rule_set_version, as_of, reasons)
           SELECT * FROM unnest($1::text[], $2::text[], $3::float8[], $4::int[], $5::timestamptz[], $6::jsonb[])
           ON CONFLICT (uscc) DO UPDATE SET grade = EXCLUDED.grade, score = EXCLUDED.score,
             rule_set_version = EXCLUDED.rule_set_version, as_of = EXCLUDED.as_of, reasons = EXCLUDED.reasons`,
          [
            d.map((x) => x.uscc),
            d.map((x) => x.grade),
            d.map((x) => x.score),
            d.map((x) => x.ruleSetVersion),
            d.map((x) => x.asOf),
            d.map((x) => JSON.stringify(x.reasons)),
          ],
        );
        return decided;
      });
      if (events.length > 0) this.runtime.store.notifyCommitted();
      changed += events.length;
    });
    return { subjects, changed };
  }

  /** The grade of a subject at any instant, from its facts up to then (404 for a subject credit records never named). */
  async gradeOf(uscc: string, asOf: Date = this.now): Promise<GradeResult> {
    const { known, facts, ruleSets } = await gradingInputs(this.runtime.db, uscc);
    if (!known) throw DomainError.notFound('SUBJECT.NOT_FOUND', `no credit information about ${uscc}`);
    return gradeAt(uscc, facts, asOf.getTime(), [DEFAULT_RULE_SET, ...ruleSets]);
  }

  async adoptRuleSet(command: { rules: unknown; effectiveFrom: Date }, actor: Actor, keyUscc: string) {
    const now = this.now;
    const { events, state } = await decideNow(this.runtime.store, this.runtime.db, {
      streamId: RULE_SETS_STREAM,
      aggregate: ruleSetsAggregate,
      decide: (s) =>
        decideAdoptRuleSet({ ...command, adoptedBy: actor.org }, s, now).map((e): RuleSetAdopted => ({
          ...e,
          data: { ...e.data, keyUscc } as RuleSetAdopted['data'],
        })),
      metadata: eventMetadata(actor),
      now,
      alongside: async (tx, recorded) => {
        for (const recordedEvent of recorded) {
          await applyRuleSetAdopted(tx, recordedEvent);
          const e = recordedEvent as unknown as RuleSetAdopted;
          await this.runtime.timers.schedule(tx, {
            id: `rule-set-effective:${e.data.version}`,
            kind: RULE_SET_TIMER,
            dueAt: new Date(e.data.effectiveFrom),
            payload: { version: e.data.version },
          });
        }
      },
    });
    const latest = state.versions[state.versions.length - 1]!;
    return { created: events.length > 0, ruleSet: ruleSetView(latest, actor.org) };
  }

  /**
   * How many subjects would change grade, and which, if `version` (adopted, or the next version given as `rules`)
   * governed at `asOf` instead of the version in force then.
   */
  async simulate(version: number, candidateRules: unknown | undefined, asOf: Date = this.now): Promise<SimulationResult> {
    const t = asOf.getTime();
    const ruleSets = await this.ruleSets();
    let candidate = ruleSets.find((r) => r.version === version);
    const next = ruleSets[ruleSets.length - 1]!.version + 1;
    if (candidateRules !== undefined) {
      if (candidate)
        throw DomainError.conflict('RULE_SET.ALREADY_ADOPTED', `version ${version} is adopted; simulate it without rules`);
      if (version !== next) throw DomainError.notFound('RULE_SET.NOT_FOUND', `the next version is ${next}, not ${version}`);
      candidate = { version, effectiveFrom: t, rules: normaliseRules(candidateRules) };
    }
    if (!candidate)
      throw DomainError.notFound('RULE_SET.NOT_FOUND', `no rule set version ${version} (send its rules to simulate a draft)`);
    const current = ruleSetAt(ruleSets, t);
    const result: SimulationResult = {
      version,
      asOf: asOf.toISOString(),
      comparedWith: current.version,
      subjects: 0,
      changed: 0,
      byGrade: { A: 0, B: 0, C: 0, D: 0 },
      changes: [],
      truncated: false,
    };
    await inPages(await subjectPages(this.runtime.db, PAGE), async (page) => {
      const facts = await factsOfMany(this.runtime.db, page);
      for (const uscc of page) {
        const state = foldFacts(facts.get(uscc)!, t);
        const before = gradeOfState(uscc, state, t, current);
        const afterGrade = gradeOfState(uscc, state, t, candidate!);
        result.subjects++;
        result.byGrade[afterGrade.grade]!++;
        if (before.grade !== afterGrade.grade) {
          result.changed++;
          if (result.changes.length < MAX_LISTED_CHANGES) {
            result.changes.push({
              uscc,
              from: before.grade,
              to: afterGrade.grade,
              scoreFrom: before.score,
              scoreTo: afterGrade.score,
            });
          } else result.truncated = true;
        }
      }
    });
    result.changes.sort((a, b) => (a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0));
    return result;
  }

  async listRuleSets() {
    const { rows } = await this.runtime.db.query<{ version: number; effective_from: Date; rules: unknown; adopted_by: string }>(
      `SELECT version, effective_from, rules, adopted_by FROM rule_sets ORDER BY version`,
    );
    return [
      ruleSetView(DEFAULT_RULE_SET, 'platform'),
      ...rows.map((r) => ({
        version: r.version,
        effectiveFrom: r.effective_from.toISOString(),
        rules: r.rules,
        adoptedBy: r.adopted_by,
      })),
    ];
  }
}

function ruleSetView(r: RuleSet, adoptedBy: string) {
  return { version: r.version, effectiveFrom: new Date(r.effectiveFrom).toISOString(), rules: r.rules, adoptedBy };
}

export function gradeView(g: GradeResult) {
  return {
    uscc: g.uscc,
    grade: g.grade,
    score: g.score,
    ruleSetVersion: g.ruleSetVersion,
    asOf: new Date(g.asOf).toISOString(),
    reasons: g.reasons,
  };
}
