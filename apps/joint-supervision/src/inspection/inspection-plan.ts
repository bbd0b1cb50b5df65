// 双随机 inspection plans (PRODUCT.md §4): subjects drawn at random from the population, more often the worse their
// grade (risk-based sampling, 国发〔2019〕5号), inspectors drawn at random, the whole draw reproducible from the seed
// published with the plan. Results come back one per planned subject and become inspection_result records in credit
// records. Pure: the draw, state, evolve, decisions.
import { DomainError, GRADES, cstDateOf, type Grade } from '@credit-share/contracts';
import type { InspectionPlanEvent } from './inspection-plan.events';
import { seededRandom, shuffled } from './seeded-random';

export type SamplingRates = Record<Grade, number>;

export const DEFAULT_SAMPLING_RATES: SamplingRates = { A: 0.03, B: 0.05, C: 0.1, D: 0.2 };

export interface Candidate {
  uscc: string;
  grade: Grade;
}

export interface DrawnSubject {
  uscc: string;
  grade: Grade;
  inspector: string;
}

/**
 * Per grade, ceil(rate × population of the grade) subjects, uniformly at random; each gets an inspector uniformly at
 * random. The population is put in USCC order first, so the same seed over the same population draws the same plan.
 */
export function drawPlan(
  seed: string,
  rates: SamplingRates,
  population: readonly Candidate[],
  inspectors: readonly string[],
): DrawnSubject[] {
  const random = seededRandom(seed);
  const drawn: DrawnSubject[] = [];
  const pool = [...new Set(inspectors)].sort();
  for (const grade of GRADES) {
    const members = population.filter((c) => c.grade === grade).sort((a, b) => (a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0));
    const n = Math.min(members.length, Math.ceil(rates[grade] * members.length - 1e-9));
    for (const c of shuffled(members, random).slice(0, n)) {
      drawn.push({ uscc: c.uscc, grade, inspector: pool[Math.floor(random() * pool.length)]! });
    }
  }
  return drawn;
}

export type InspectionPlanState =
  | { status: 'none' }
  | {
      status: 'published';
      planId: string;
      organizer: string;
      subjects: Map<string, DrawnSubject>;
      results: Map<string, { resultId: string; outcome: string; findings: string; inspectedOn: string; inspector: string }>;
    };

export const initialState: InspectionPlanState = { status: 'none' };

export function evolve(state: InspectionPlanState, event: InspectionPlanEvent): InspectionPlanState {
  switch (event.type) {
    case 'InspectionPlanPublished':
      return {
        status: 'published',
        planId: event.data.planId,
        organizer: event.data.organizer,
        subjects: new Map(event.data.subjects.map((s) => [s.uscc, s])),
        results: new Map(),
      };
    case 'InspectionResultReported': {
      if (state.status !== 'published') return state;
      const results = new Map(state.results);
      const d = event.data;
      results.set(d.uscc, {
        resultId: d.resultId,
        outcome: d.outcome,
        findings: d.findings,
        inspectedOn: d.inspectedOn,
        inspector: d.inspector,
      });
      return { ...state, results };
    }
  }
}

export const inspectionPlanAggregate = { initialState, evolve };

export function streamIdOf(planId: string): string {
  return `inspection-plan-${planId}`;
}

export interface PublishPlan {
  planId: string;
  seed: string;
  samplingRates: SamplingRates;
  inspectors: string[];
  organizer: string;
  organizerUscc: string;
  ruleSetVersion: number;
}

export function decidePublish(
  command: PublishPlan,
  state: InspectionPlanState,
  population: readonly Candidate[],
  now: Date,
): InspectionPlanEvent[] {
  if (state.status !== 'none') throw DomainError.conflict('PLAN.ALREADY_PUBLISHED', `plan ${command.planId} already exists`);
  const inspectors = [...new Set(command.inspectors.map((i) => i.trim()).filter(Boolean))];
  if (inspectors.length === 0) {
    throw DomainError.validation('PLAN.INVALID', 'the plan has invalid fields', [
      { field: 'inspectors', code: 'REQUIRED', message: 'at least one inspector is needed' },
    ]);
  }
  for (const grade of GRADES) {
    const rate = command.samplingRates[grade];
    if (!(rate >= 0 && rate <= 1)) {
      throw DomainError.validation('PLAN.INVALID', 'the plan has invalid fields', [
        { field: `samplingRates.${grade}`, code: 'OUT_OF_RANGE', message: 'a sampling rate is between 0 and 1' },
      ]);
    }
  }
  const subjects = drawPlan(command.seed, command.samplingRates, population, inspectors);
  if (subjects.length === 0) {
    throw DomainError.ruleViolated('PLAN.NOTHING_TO_INSPECT', 'the sampling rates select no subject from the graded population');
  }
  return [
    {
      type: 'InspectionPlanPublished',
      data: {
        planId: command.planId,
        seed: command.seed,
        samplingRates: command.samplingRates,
        ruleSetVersion: command.ruleSetVersion,
        organizer: command.organizer,
        organizerUscc: command.organizerUscc,
        subjects,
        publishedAt: now.toISOString(),
      },
    },
  ];
}

export interface ReportResult {
  resultId: string;
  uscc: string;
  subjectName: string;
  inspector: string;
  outcome: 'compliant' | 'non_compliant' | 'not_found';
  findings: string;
  inspectedOn: string;
  reportedBy: string;
}

export function decideReport(command: ReportResult, state: InspectionPlanState, now: Date): InspectionPlanEvent[] {
  if (state.status === 'none') throw DomainError.notFound('PLAN.NOT_FOUND', 'no such inspection plan');
  if (state.organizer !== command.reportedBy) {
    throw DomainError.forbidden('PLAN.NOT_ORGANIZER', 'only the organising department reports results of its plan');
  }
  const planned = state.subjects.get(command.uscc);
  if (!planned) throw DomainError.ruleViolated('PLAN.SUBJECT_NOT_IN_PLAN', `${command.uscc} was not drawn for this plan`);
  if (planned.inspector !== command.inspector) {
    throw DomainError.ruleViolated('PLAN.INSPECTOR_NOT_DRAWN', `the inspector drawn for ${command.uscc} is ${planned.inspector}`);
  }
  if (command.inspectedOn > cstDateOf(now)) {
    throw DomainError.validation('PLAN.INVALID', 'the result has invalid fields', [
      { field: 'inspectedOn', code: 'IN_FUTURE', message: 'an inspection cannot be reported before it happened' },
    ]);
  }
  const earlier = state.results.get(command.uscc);
  if (earlier) {
    if (
      earlier.outcome === command.outcome &&
      earlier.findings === command.findings &&
      earlier.inspectedOn === command.inspectedOn
    )
      return [];
    throw DomainError.conflict('PLAN.RESULT_ALREADY_REPORTED', `the result for ${command.uscc} was already reported`);
  }
  return [
    {
      type: 'InspectionResultReported',
      data: {
        resultId: command.resultId,
        planId: state.planId,
        uscc: command.uscc,
        subjectName: command.subjectName,
        organizer: state.organizer,
        inspector: command.inspector,
        outcome: command.outcome,
        findings: command.findings,
        inspectedOn: command.inspectedOn,
      },
    },
  ];
}
