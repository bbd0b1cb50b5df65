// The grading benchmark end to end in its quick form, against the integration run's PostgreSQL: every phase runs,
// the simulation agrees with the regrade it predicts, and the figures are positive. Timing targets are never asserted
// here (the machine is shared).
import { runQuickBenchmark } from './quick-run.fixture';
import { runGradingBenchmark, type GradingBenchmarkReport } from './grading.bench';

describe('npx credit-share bench grading --quick', () => {
  let report: GradingBenchmarkReport;
  let printed = '';

  beforeAll(async () => {
    ({ report, printed } = await runQuickBenchmark(() => runGradingBenchmark({ quick: true })));
  }, 180_000);

  it('grades every subject once, then regrades as many as the simulation predicted', () => {
    expect(report.fill.facts).toBe(report.plan.subjects * report.plan.recordsPerSubject);
    expect(report.firstGrading).toMatchObject({ subjects: report.plan.subjects, changed: report.plan.subjects });
    expect(report.simulation.subjects).toBe(report.plan.subjects);
    expect(report.simulation.changed).toBeGreaterThan(0);
    expect(report.regrade.changed).toBe(report.simulation.changed);
    expect(Object.values(report.grades).reduce((a, b) => a + b, 0)).toBe(report.plan.subjects);
    expect(Object.keys(report.grades).sort()).toEqual(['A', 'B', 'C', 'D']);
  });

  it('measures grade queries now and as of past instants, and prints the report', () => {
    expect(report.query.now.count).toBe(report.plan.queries);
    expect(report.query.asOf.p50).toBeGreaterThan(0);
    expect(report.targets).toHaveLength(3);
    expect(printed).toContain('npx credit-share bench grading --quick');
  });
});
