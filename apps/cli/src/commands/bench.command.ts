// `npx credit-share bench <suite>`: benchmarks whose figures go into docs/benchmarks.md.
import { parseArgs } from 'node:util';
import { UsageError } from '../usage-error';

const USAGE = 'bench <store|ledger|alerts> [--quick]';

export async function benchCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { quick: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const suite = positionals[0];
  switch (suite) {
    case 'store': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for this command
      const { runStoreBenchmark } = require('../bench/store.bench') as typeof import('../bench/store.bench');
      await runStoreBenchmark({ quick: values.quick ?? false });
      return;
    }
    case 'ledger': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for this command
      const { runLedgerBenchmark } = require('../bench/ledger.bench') as typeof import('../bench/ledger.bench');
      await runLedgerBenchmark({ quick: values.quick ?? false });
      return;
    }
    case 'alerts': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for this command
      const { runAlertsBenchmark } = require('../bench/alerts.bench') as typeof import('../bench/alerts.bench');
      await runAlertsBenchmark({ quick: values.quick ?? false });
      return;
    }
    default:
      throw new UsageError(suite ? `unknown benchmark "${suite}"` : 'name a benchmark', USAGE);
  }
}
