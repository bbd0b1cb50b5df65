// The CSV-import scenario of `npx credit-share bench ingest` in a small form, against a real credit-records service:
// it generates well-formed 双公示 files that the platform accepts in full, and reports time and memory. Timing and
// memory targets are never asserted here (the machine is shared); `npx credit-share bench ingest` measures them.
import { FixedClock, startTestApp, type TestApp } from '@credit-share/testing';
import { CreditRecordsModule } from '../../../credit-records/src/credit-records.module';
import { ORGS, PLATFORM, registerOrganizations } from '../../../credit-records/src/record/record.fixture';
import { validateUscc } from '../../../credit-records/src/subject/uscc';
import { benchCsvImport, syntheticUscc, type ImportBenchResult } from './ingest-import.bench';

describe('bench ingest: CSV import scenario (small)', () => {
  let t: TestApp;
  let result: ImportBenchResult;

  beforeAll(async () => {
    t = await startTestApp({
      modules: [CreditRecordsModule.forRoot({ platform: PLATFORM })],
      clock: new FixedClock('2027-01-04T10:00:00+08:00'),
    });
    await registerOrganizations(t, await t.token({ org: 'platform', roles: ['operator'] }));
    const providerToken = await t.token({ org: ORGS.amr.id, roles: ['provider'] });
    const operatorToken = await t.token({ org: 'platform', roles: ['operator'] });
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      // As ingest.bench.ts calls it: the provider's name and USCC are looked up with the operator token.
      result = await benchCsvImport({ url: t.url, providerToken, operatorToken, rows: 3_000 });
    } finally {
      jest.restoreAllMocks();
    }
  }, 120_000);
  afterAll(() => t.close());

  it('generates subjects with valid USCCs', () => {
    for (const n of [0, 1, 9, 12_345, 49_999]) expect(validateUscc(syntheticUscc(n))).toMatchObject({ ok: true });
  });

  it('imports every generated row, and reports time, rate and the live heap at every tenth of the rows', async () => {
    expect(result).toMatchObject({ rows: 3_000, accepted: 3_000, rejected: 0 });
    expect(result.seconds).toBeGreaterThan(0);
    const stored = result.memory.map((m) => m.rowsStored);
    expect(stored[0]).toBe(0);
    expect(stored.at(-1)).toBe(3_000);
    expect(stored.length).toBeGreaterThanOrEqual(3);
    expect([...stored].sort((a, b) => a - b)).toEqual(stored);
    for (const m of result.memory) expect(m.liveHeapMiB).toBeGreaterThan(0);
    expect(result.peakRssMiB).toBeGreaterThan(0);
    expect(result.targets.map((t) => t.description)).toEqual([
      expect.stringMatching(/CSV import of 3,000 rows/),
      expect.stringMatching(/flat memory/),
    ]);
    expect(result.markdown).toMatch(/\| 3,000 \| [\d.]+ \| \d+ \|/);
    const { rows } = await t.runtime('credit-records').db.query(`SELECT count(*)::int AS n FROM record_keys`);
    expect(rows[0].n).toBe(3_000);
  });
});
