// The store benchmark end to end in its quick form, against the integration run's PostgreSQL: every scenario runs
// and yields positive figures for every contender. Timing targets are never asserted here (the machine is shared).
import { runQuickBenchmark } from './quick-run.fixture';
import { runStoreBenchmark, type StoreBenchmarkReport } from './store.bench';

const SCENARIOS = [
  'catch-up-read',
  'append-1-event-1-client',
  'append-1-event-8-clients',
  'append-100-events-1-client',
  'append-100-events-4-clients',
];

describe('npx credit-share bench store --quick', () => {
  let report: StoreBenchmarkReport;
  let printed = '';

  beforeAll(async () => {
    ({ report, printed } = await runQuickBenchmark(() => runStoreBenchmark({ quick: true })));
  }, 120_000);

  it('measures every scenario for every contender', () => {
    expect(report.scenarios.map((s) => s.id)).toEqual(SCENARIOS);
    for (const scenario of report.scenarios) {
      expect(scenario.figures.map((f) => f.id)).toEqual(['credit-share', 'emmett', 'raw']);
      for (const figure of scenario.figures) {
        expect(figure.rounds).toHaveLength(report.plan.rounds);
        for (const rate of figure.rounds) expect(rate).toBeGreaterThan(0);
        expect(figure.eventsPerSecond.min).toBeGreaterThan(0);
      }
      expect(scenario.target.measured.median).toBeGreaterThan(0);
    }
  });

  it('reports append latencies, and none for the read', () => {
    for (const scenario of report.scenarios) {
      for (const figure of scenario.figures) {
        if (scenario.id === 'catch-up-read') expect(figure.latencyMs).toBeNull();
        else expect(figure.latencyMs!.p50).toBeGreaterThan(0);
      }
    }
  });

  it('prints the Markdown report, with the command, the machine and the server settings', () => {
    expect(printed).toContain(report.markdown);
    expect(report.markdown).toContain('`npx credit-share bench store --quick`');
    expect(report.markdown).toMatch(/fsync=\w+/);
    expect(report.markdown).toContain(`${report.machine.cpus} ×`);
    for (const scenario of report.scenarios) expect(report.markdown).toContain(scenario.title);
  });
});
