import { describeCheck, summarizeHealth } from './health';

describe('platform health', () => {
  it('reads the standalone process’s report', () => {
    expect(
      summarizeHealth({
        status: 'degraded',
        checks: { 'credit-records.database': { status: 'up' }, transport: { status: 'down', error: 'timed out after 2000 ms' } },
      }),
    ).toEqual({
      ok: false,
      checks: [
        { name: 'credit-records.database', service: undefined, up: true, error: undefined },
        { name: 'transport', service: undefined, up: false, error: 'timed out after 2000 ms' },
      ],
    });
  });

  it('reads the gateway’s report, naming a service that does not answer at all', () => {
    const summary = summarizeHealth({
      status: 'degraded',
      services: {
        'credit-records': { status: 'ok', checks: { 'credit-records.database': { status: 'up' }, transport: { status: 'up' } } },
        'audit-ledger': { status: 'down', error: 'fetch failed' },
      },
    });
    expect(summary.checks).toEqual([
      { name: 'credit-records.database', service: 'credit-records', up: true, error: undefined },
      { name: 'transport', service: 'credit-records', up: true, error: undefined },
      { name: 'audit-ledger', service: 'audit-ledger', up: false, error: 'fetch failed' },
    ]);
  });

  it('tells what a check is about', () => {
    expect(describeCheck('joint-supervision.database')).toEqual({ kind: 'database', service: 'joint-supervision' });
    expect(describeCheck('audit-ledger.ledger')).toEqual({ kind: 'ledger' });
    expect(describeCheck('transport')).toEqual({ kind: 'transport' });
    expect(describeCheck('audit-ledger')).toEqual({ kind: 'service', service: 'audit-ledger' });
    expect(describeCheck('cache')).toEqual({ kind: 'other' });
  });
});
