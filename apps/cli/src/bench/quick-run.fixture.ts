// How the benchmark specs run a benchmark in its quick form: the benchmark reads its server from the CLI
// configuration, like the command does, so it gets a fresh database of the integration run's PostgreSQL (on which it
// creates and drops its own); progress lines are silenced and the printed report is kept for the spec to read.
import { freshDatabaseUrl } from '@credit-share/testing';

export async function runQuickBenchmark<R>(run: () => Promise<R>): Promise<{ report: R; printed: string }> {
  const savedDatabaseUrl = process.env['DATABASE_URL'];
  process.env['DATABASE_URL'] = await freshDatabaseUrl('bench');
  let printed = '';
  jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed += String(chunk);
    return true;
  });
  try {
    const report = await run();
    return { report, printed };
  } finally {
    jest.restoreAllMocks();
    if (savedDatabaseUrl === undefined) delete process.env['DATABASE_URL'];
    else process.env['DATABASE_URL'] = savedDatabaseUrl;
  }
}
