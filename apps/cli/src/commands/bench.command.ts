// `npx credit-share bench <suite>`: benchmarks whose figures go into docs/benchmarks.md. Each suite is loaded only
// when it runs (they pull in whole services and their fixtures).
import { parseArgs } from 'node:util';
import { UsageError } from '../usage-error';

type Suite = (options: { quick: boolean }) => Promise<unknown>;

/* eslint-disable @typescript-eslint/no-require-imports -- each suite is loaded only for its own run */
const SUITES: Record<string, () => Suite> = {
  store: () => (require('../bench/store.bench') as typeof import('../bench/store.bench')).runStoreBenchmark,
  ledger: () => (require('../bench/ledger.bench') as typeof import('../bench/ledger.bench')).runLedgerBenchmark,
  ingest: () => (require('../bench/ingest.bench') as typeof import('../bench/ingest.bench')).runIngestBenchmark,
  grading: () => (require('../bench/grading.bench') as typeof import('../bench/grading.bench')).runGradingBenchmark,
  alerts: () => (require('../bench/alerts.bench') as typeof import('../bench/alerts.bench')).runAlertsBenchmark,
  profiles: () => (require('../bench/profiles.bench') as typeof import('../bench/profiles.bench')).runProfilesBenchmark,
};
/* eslint-enable @typescript-eslint/no-require-imports */

const USAGE = `bench <${Object.keys(SUITES).join('|')}> [--quick]`;

export async function benchCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { quick: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const suite = positionals[0];
  const load = suite !== undefined ? SUITES[suite] : undefined;
  if (!load) throw new UsageError(suite ? `unknown benchmark "${suite}"` : 'name a benchmark', USAGE);
  await load()({ quick: values.quick ?? false });
}
