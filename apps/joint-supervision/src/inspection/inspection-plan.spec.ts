import { specification } from '@credit-share/testing';
import {
  DEFAULT_SAMPLING_RATES,
  decidePublish,
  decideReport,
  drawPlan,
  inspectionPlanAggregate,
  type Candidate,
  type PublishPlan,
} from './inspection-plan';
import type { InspectionPlanEvent } from './inspection-plan.events';
import { seededRandom } from './seeded-random';

const population: Candidate[] = Array.from({ length: 1_000 }, (_, i) => ({
  uscc: `91440300MA5F${String(i).padStart(5, '0')}X`,
  grade: i < 500 ? 'A' : i < 800 ? 'B' : i < 950 ? 'C' : 'D',
}));
const inspectors = ['insp-1', 'insp-2', 'insp-3'];
const now = new Date('2026-11-20T02:00:00Z');

describe('the draw (双随机)', () => {
  it('is the same for the same seed and population, in whatever order the population comes', () => {
    const a = drawPlan('2026-Q4-城管', DEFAULT_SAMPLING_RATES, population, inspectors);
    const b = drawPlan('2026-Q4-城管', DEFAULT_SAMPLING_RATES, [...population].reverse(), [...inspectors].reverse());
    expect(b).toEqual(a);
    expect(seededRandom('x')()).toBe(seededRandom('x')());
  });

  it('differs for another seed', () => {
    const a = drawPlan('seed-a', DEFAULT_SAMPLING_RATES, population, inspectors).map((s) => s.uscc);
    const b = drawPlan('seed-b', DEFAULT_SAMPLING_RATES, population, inspectors).map((s) => s.uscc);
    expect(b).not.toEqual(a);
  });

  it('samples each grade at its rate (A 3%, B 5%, C 10%, D 20%, rounded up) and draws inspectors from the pool', () => {
    const drawn = drawPlan('s', DEFAULT_SAMPLING_RATES, population, inspectors);
    const count = (g: string) => drawn.filter((d) => d.grade === g).length;
    expect([count('A'), count('B'), count('C'), count('D')]).toEqual([15, 15, 15, 10]);
    expect(new Set(drawn.map((d) => d.uscc)).size).toBe(drawn.length);
    for (const d of drawn) {
      expect(inspectors).toContain(d.inspector);
      expect(population.find((p) => p.uscc === d.uscc)!.grade).toBe(d.grade);
    }
    expect(new Set(drawn.map((d) => d.inspector)).size).toBe(3);
  });
});

describe('PublishInspectionPlan', () => {
  const spec = specification(inspectionPlanAggregate);
  const command: PublishPlan = {
    planId: 'p1',
    seed: 'seed-1',
    samplingRates: DEFAULT_SAMPLING_RATES,
    inspectors,
    organizer: 'sz-amr',
    organizerUscc: '11440300690000015X',
    ruleSetVersion: 1,
  };

  it('emits InspectionPlanPublished with the seed and the draw', () => {
    spec
      .given([])
      .when((s) => decidePublish(command, s, population, now))
      .then([
        {
          type: 'InspectionPlanPublished',
          data: {
            planId: 'p1',
            seed: 'seed-1',
            samplingRates: DEFAULT_SAMPLING_RATES,
            ruleSetVersion: 1,
            organizer: 'sz-amr',
            organizerUscc: '11440300690000015X',
            subjects: drawPlan('seed-1', DEFAULT_SAMPLING_RATES, population, inspectors),
            publishedAt: now.toISOString(),
          },
        },
      ]);
  });

  it('refuses a plan that exists, one without inspectors, a rate out of range, and one that selects nobody', () => {
    const published = decidePublish(command, { status: 'none' }, population, now);
    spec
      .given(published)
      .when((s) => decidePublish(command, s, population, now))
      .thenRefuses('PLAN.ALREADY_PUBLISHED');
    spec
      .given([])
      .when((s) => decidePublish({ ...command, inspectors: [' '] }, s, population, now))
      .thenRefuses('PLAN.INVALID', ['inspectors']);
    spec
      .given([])
      .when((s) => decidePublish({ ...command, samplingRates: { ...DEFAULT_SAMPLING_RATES, D: 1.5 } }, s, population, now))
      .thenRefuses('PLAN.INVALID', ['samplingRates.D']);
    spec
      .given([])
      .when((s) => decidePublish(command, s, [], now))
      .thenRefuses('PLAN.NOTHING_TO_INSPECT');
  });
});

describe('ReportInspectionResult', () => {
  const spec = specification(inspectionPlanAggregate);
  const published = decidePublish(
    {
      planId: 'p1',
      seed: 'seed-1',
      samplingRates: DEFAULT_SAMPLING_RATES,
      inspectors,
      organizer: 'sz-amr',
      organizerUscc: '11440300690000015X',
      ruleSetVersion: 1,
    },
    { status: 'none' },
    population,
    now,
  );
  const planned = (published[0] as Extract<InspectionPlanEvent, { type: 'InspectionPlanPublished' }>).data.subjects[0]!;
  const report = {
    resultId: 'res-1',
    uscc: planned.uscc,
    subjectName: '深圳市示例科技有限公司',
    inspector: planned.inspector,
    outcome: 'non_compliant' as const,
    findings: '未按规定公示年度报告',
    inspectedOn: '2026-11-19',
    reportedBy: 'sz-amr',
  };
  const reported: InspectionPlanEvent = {
    type: 'InspectionResultReported',
    data: {
      resultId: 'res-1',
      planId: 'p1',
      uscc: planned.uscc,
      subjectName: '深圳市示例科技有限公司',
      organizer: 'sz-amr',
      inspector: planned.inspector,
      outcome: 'non_compliant',
      findings: '未按规定公示年度报告',
      inspectedOn: '2026-11-19',
    },
  };

  it('emits InspectionResultReported for a planned subject', () => {
    spec
      .given(published)
      .when((s) => decideReport(report, s, now))
      .then([reported]);
  });

  it('is a no-op when the same result is reported again', () => {
    spec
      .given([...published, reported])
      .when((s) => decideReport({ ...report, resultId: 'res-2' }, s, now))
      .thenNothing();
  });

  it('refuses a subject not drawn, another inspector, another organisation, a future date, a different second result, an unknown plan', () => {
    const notDrawn = population.find(
      (p) =>
        !(published[0] as Extract<InspectionPlanEvent, { type: 'InspectionPlanPublished' }>).data.subjects.some(
          (s) => s.uscc === p.uscc,
        ),
    )!;
    spec
      .given(published)
      .when((s) => decideReport({ ...report, uscc: notDrawn.uscc }, s, now))
      .thenRefuses('PLAN.SUBJECT_NOT_IN_PLAN');
    spec
      .given(published)
      .when((s) => decideReport({ ...report, inspector: 'someone' }, s, now))
      .thenRefuses('PLAN.INSPECTOR_NOT_DRAWN');
    spec
      .given(published)
      .when((s) => decideReport({ ...report, reportedBy: 'sz-tax' }, s, now))
      .thenRefuses('PLAN.NOT_ORGANIZER');
    spec
      .given(published)
      .when((s) => decideReport({ ...report, inspectedOn: '2026-11-21' }, s, now))
      .thenRefuses('PLAN.INVALID', ['inspectedOn']);
    spec
      .given([...published, reported])
      .when((s) => decideReport({ ...report, outcome: 'compliant' }, s, now))
      .thenRefuses('PLAN.RESULT_ALREADY_REPORTED');
    spec
      .given([])
      .when((s) => decideReport(report, s, now))
      .thenRefuses('PLAN.NOT_FOUND');
  });
});
