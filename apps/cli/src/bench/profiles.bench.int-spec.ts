// The profiles benchmark end to end in its quick form, against the integration run's PostgreSQL: every phase runs,
// every query is answered and logged. Timing targets are never asserted here (the machine is shared).
import { runQuickBenchmark } from './quick-run.fixture';
import { runProfilesBenchmark, type ProfilesBenchmarkReport } from './profiles.bench';

describe('npx credit-share bench profiles --quick', () => {
  let report: ProfilesBenchmarkReport;
  let printed = '';

  beforeAll(async () => {
    ({ report, printed } = await runQuickBenchmark(() => runProfilesBenchmark({ quick: true })));
  }, 180_000);

  it('stores the planned history and rebuilds every event of it', () => {
    expect(report.history.subjects).toBe(report.plan.subjects);
    expect(report.history.records).toBe(report.plan.subjects * report.plan.recordsPerSubject);
    expect(report.rebuild.events).toBe(report.history.events);
    expect(report.rebuild.eventsPerSecond).toBeGreaterThan(0);
  });

  it('answers every profile and asOf query, each with its access-log entry', () => {
    expect(report.profile.errors).toBe(0);
    expect(report.asOf.errors).toBe(0);
    const sent = report.plan.queryRate * report.plan.querySeconds + report.plan.asOfRate * report.plan.asOfSeconds;
    expect(report.accessLogRows).toBe(sent);
    expect(report.profile.p50).toBeGreaterThan(0);
  });

  it('prints the Markdown report with the command, the server settings and the three targets', () => {
    expect(printed).toContain(report.markdown);
    expect(report.markdown).toContain('`npx credit-share bench profiles --quick`');
    expect(report.markdown).toMatch(/fsync=\w+/);
    expect(report.targets).toHaveLength(3);
    for (const target of report.targets) expect(report.markdown).toContain(target.description);
  });
});
