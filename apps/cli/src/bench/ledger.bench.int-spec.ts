// The ledger benchmark end to end in its quick form, against the integration run's PostgreSQL: every phase runs and
// yields positive figures. Timing targets are never asserted here (the machine is shared).
import { runQuickBenchmark } from './quick-run.fixture';
import { runLedgerBenchmark, type LedgerBenchmarkReport } from './ledger.bench';

describe('npx credit-share bench ledger --quick', () => {
  let report: LedgerBenchmarkReport;
  let printed = '';

  beforeAll(async () => {
    ({ report, printed } = await runQuickBenchmark(() => runLedgerBenchmark({ quick: true })));
  }, 180_000);

  it('appends every round, up to the planned log size', () => {
    expect(report.append.rounds).toHaveLength(report.plan.fillRounds);
    for (const rate of report.append.rounds) expect(rate).toBeGreaterThan(0);
    expect(report.append.treeSize).toBe(report.plan.fillRounds * report.plan.leavesPerRound);
    expect(report.append.checkpoints).toBeGreaterThan(report.plan.fillRounds);
  });

  it('measures proofs at that size, ingest, and the latency of every planned load', () => {
    expect(report.proofs.treeSize).toBe(report.append.treeSize);
    expect(report.proofs.http.count).toBeGreaterThan(0);
    expect(report.proofs.http.p50).toBeGreaterThan(0);
    expect(report.proofs.query.p99).toBeGreaterThan(0);
    expect(report.ingest.leavesPerSecond).toBeGreaterThan(0);
    expect(report.latency.map((l) => l.rate)).toEqual(report.plan.latencyRuns.map((r) => r.rate));
    for (const run of report.latency) expect(run.latencyMs.count).toBeGreaterThan(0);
  });

  it('prints the Markdown report with the command, the machine, the server settings and the three targets', () => {
    expect(printed).toContain(report.markdown);
    expect(report.markdown).toContain('`npx credit-share bench ledger --quick`');
    expect(report.markdown).toMatch(/fsync=\w+/);
    expect(report.targets).toHaveLength(3);
    for (const target of report.targets) expect(report.markdown).toContain(target.description);
  });
});
