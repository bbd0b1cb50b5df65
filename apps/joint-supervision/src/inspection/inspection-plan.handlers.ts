// Plumbing of 双随机 plans: the population is every graded subject with its current grade; the draw is the pure
// drawPlan; results are events credit records turns into inspection_result records.
import { DomainError } from '@credit-share/contracts';
import { uuidv7, type Actor, type RecordedEvent, type Tx } from '@credit-share/event-store';
import { ServiceRuntime, eventMetadata } from '@credit-share/messaging';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { decideNow } from '../decide-in-transaction.handlers';
import { inspectionPlansProjection } from './inspection-plan.projection';
import { GradingService } from '../grading/grading.handlers';
import { ruleSetAt } from '../grading/rule-set';
import { gradedPopulation, subjectName } from '../grading/subject-facts.repository';
import {
  DEFAULT_SAMPLING_RATES,
  decidePublish,
  decideReport,
  inspectionPlanAggregate,
  streamIdOf,
  type ReportResult,
  type SamplingRates,
} from './inspection-plan';

interface PlanRow {
  plan_id: string;
  organizer: string;
  seed: string;
  sampling_rates: SamplingRates;
  rule_set_version: number;
  subjects: unknown;
  published_at: Date;
  results: Record<string, unknown>;
}

@Injectable()
export class InspectionPlanService {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly grading: GradingService,
  ) {}

  async publish(
    command: { seed?: string; samplingRates?: Partial<SamplingRates>; inspectors: string[] },
    actor: Actor,
    organizerUscc: string,
  ) {
    const now = this.runtime.clock.now();
    const planId = uuidv7();
    const seed = command.seed ?? randomBytes(16).toString('hex');
    const samplingRates = { ...DEFAULT_SAMPLING_RATES, ...command.samplingRates };
    const [population, ruleSets] = await Promise.all([gradedPopulation(this.runtime.db), this.grading.ruleSets()]);
    await decideNow(this.runtime.store, this.runtime.db, {
      streamId: streamIdOf(planId),
      aggregate: inspectionPlanAggregate,
      decide: (s) =>
        decidePublish(
          {
            planId,
            seed,
            samplingRates,
            inspectors: command.inspectors,
            organizer: actor.org,
            organizerUscc,
            ruleSetVersion: ruleSetAt(ruleSets, now.getTime()).version,
          },
          s,
          population,
          now,
        ),
      metadata: eventMetadata(actor),
      now,
      alongside: (tx, recorded) => this.project(tx, recorded),
    });
    return this.view(planId);
  }

  async report(planId: string, command: Omit<ReportResult, 'resultId' | 'subjectName' | 'reportedBy'>, actor: Actor) {
    const now = this.runtime.clock.now();
    const plan = await this.find(planId);
    if (!plan) throw DomainError.notFound('PLAN.NOT_FOUND', `no inspection plan ${planId}`);
    const name = (await subjectName(this.runtime.db, command.uscc)) ?? command.uscc;
    const { events, state } = await decideNow(this.runtime.store, this.runtime.db, {
      streamId: streamIdOf(planId),
      aggregate: inspectionPlanAggregate,
      decide: (s) => decideReport({ ...command, resultId: uuidv7(), subjectName: name, reportedBy: actor.org }, s, now),
      metadata: eventMetadata(actor),
      now,
      alongside: (tx, recorded) => this.project(tx, recorded),
    });
    const result = state.status === 'published' ? state.results.get(command.uscc) : undefined;
    return { created: events.length > 0, result: { planId, uscc: command.uscc, subjectName: name, ...result } };
  }

  private async project(tx: Tx, recorded: RecordedEvent[]): Promise<void> {
    await inspectionPlansProjection.apply(recorded, tx);
  }

  async find(planId: string): Promise<PlanRow | null> {
    const { rows } = await this.runtime.db.query<PlanRow>(`SELECT * FROM inspection_plans WHERE plan_id = $1`, [planId]);
    return rows[0] ?? null;
  }

  async view(planId: string) {
    const row = await this.find(planId);
    if (!row) throw DomainError.notFound('PLAN.NOT_FOUND', `no inspection plan ${planId}`);
    return {
      id: row.plan_id,
      organizer: row.organizer,
      seed: row.seed,
      samplingRates: row.sampling_rates,
      ruleSetVersion: row.rule_set_version,
      subjects: row.subjects,
      publishedAt: row.published_at.toISOString(),
      results: Object.values(row.results),
    };
  }
}
