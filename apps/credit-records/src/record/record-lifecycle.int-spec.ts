// Correction, withdrawal and expiry over HTTP with a fixed clock: "in publicity" and status are computed for the
// instant asked about, across period boundaries and holidays; expiry is a durable timer.
import { rebuildProjection } from '@credit-share/event-store';
import { FixedClock, startTestApp, waitFor, type TestApp } from '@credit-share/testing';
import { CreditRecordsModule, creditRecordsProjections } from '../credit-records.module';
import { ORGS, PLATFORM, SUBJECTS, call, penalty, registerOrganizations } from './record.fixture';

interface View {
  id: string;
  status: string;
  version: number;
  inPublicity: boolean;
  publicUntil?: string;
  severity?: string;
  details: Record<string, unknown>;
  withdrawal?: { reason: string };
}

describe('record lifecycle over HTTP (fixed clock, real PostgreSQL)', () => {
  let t: TestApp;
  let http: ReturnType<typeof call>;
  let operator: string;
  let amr: string;
  let tax: string;
  const clock = new FixedClock('2026-03-02T10:00:00+08:00');

  beforeAll(async () => {
    t = await startTestApp({ modules: [CreditRecordsModule.forRoot({ platform: PLATFORM })], clock });
    http = call(t);
    operator = await t.token({ org: 'platform', roles: ['operator'] });
    await registerOrganizations(t, operator);
    amr = await t.token({ org: ORGS.amr.id, roles: ['provider'] });
    tax = await t.token({ org: ORGS.tax.id, roles: ['provider'] });
  });
  afterAll(() => t.close());

  const get = async (id: string, asOf?: string, token = operator) =>
    (await (await http('GET', `/api/v1/records/${id}${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`, token)).json()) as View;

  it('corrects a record into a new version, keeps the history for as-of reads, and refuses another provider', async () => {
    clock.set('2026-03-02T10:00:00+08:00');
    const created = (await (
      await http('POST', '/api/v1/records', amr, penalty({ decisionDocumentNumber: 'L-1' }))
    ).json()) as View;
    clock.set('2026-03-03T09:00:00+08:00');
    const body = {
      ...penalty({ decisionDocumentNumber: 'L-1', fineAmountYuan: 5000, severity: 'serious' }),
      reason: '金额录入错误',
    };
    expect((await http('POST', `/api/v1/records/${created.id}/corrections`, tax, body)).status).toBe(404);
    const missingReason = await http('POST', `/api/v1/records/${created.id}/corrections`, amr, { ...body, reason: undefined });
    expect(await missingReason.json()).toMatchObject({ status: 400, errors: [{ field: 'reason', code: 'REQUIRED' }] });
    const invalid = await http('POST', `/api/v1/records/${created.id}/corrections`, amr, { ...body, decisionDate: '2026-13-01' });
    expect(await invalid.json()).toMatchObject({ status: 400, errors: [{ field: 'decisionDate', code: 'FORMAT' }] });
    const corrected = await http('POST', `/api/v1/records/${created.id}/corrections`, amr, body);
    expect(corrected.status).toBe(200);
    expect(await corrected.json()).toMatchObject({ version: 2, severity: 'serious', publicUntil: '2029-02-27T16:00:00.000Z' });
    expect(await get(created.id, '2026-03-02T12:00:00+08:00')).toMatchObject({
      version: 1,
      severity: 'general',
      details: { fineAmountYuan: 2000 },
    });
    expect(await get(created.id)).toMatchObject({ version: 2, details: { fineAmountYuan: 5000 } });
    const timers = await t.runtime('credit-records').timers.pending();
    expect(timers.find((x) => x.id === `record-expiry:${created.id}`)!.dueAt.toISOString()).toBe('2029-02-27T16:00:00.000Z');
  });

  it('withdraws with a reason (400 without), and the record was published before the withdrawal', async () => {
    clock.set('2026-03-04T09:00:00+08:00');
    const created = (await (
      await http('POST', '/api/v1/records', amr, penalty({ decisionDocumentNumber: 'W-1' }))
    ).json()) as View;
    expect((await http('POST', `/api/v1/records/${created.id}/withdrawal`, amr, {})).status).toBe(400);
    expect((await http('POST', `/api/v1/records/${created.id}/withdrawal`, amr, { reason: '   ' })).status).toBe(400);
    expect((await http('POST', `/api/v1/records/${created.id}/withdrawal`, tax, { reason: 'x' })).status).toBe(404);
    clock.set('2026-03-05T09:00:00+08:00');
    const withdrawn = await http('POST', `/api/v1/records/${created.id}/withdrawal`, amr, { reason: '行政复议决定撤销原处罚' });
    expect(withdrawn.status).toBe(200);
    expect(await withdrawn.json()).toMatchObject({
      status: 'withdrawn',
      inPublicity: false,
      withdrawal: { reason: '行政复议决定撤销原处罚' },
    });
    expect(await get(created.id, '2026-03-04T12:00:00+08:00')).toMatchObject({ status: 'published', inPublicity: true });
    expect((await http('POST', `/api/v1/records/${created.id}/withdrawal`, amr, { reason: 'again' })).status).toBe(200);
    const timers = await t.runtime('credit-records').timers.pending();
    expect(timers.some((x) => x.id === `record-expiry:${created.id}`)).toBe(false);
    const events = await t
      .runtime('credit-records')
      .db.query(`SELECT type FROM events WHERE stream_id = $1 ORDER BY stream_version`, [`record-${created.id}`]);
    expect(events.rows.map((r) => r.type)).toEqual(['RecordPublished', 'RecordWithdrawn']);
  });

  it('expires at 24:00 CST of the last day even when it is a holiday: computed at once, recorded by the timer', async () => {
    // light: 3 months from 2026-07-01 → the last day is 2026-10-01 (National Day); the holiday does not extend it.
    clock.set('2026-07-02T09:00:00+08:00');
    const light = penalty({
      decisionDocumentNumber: 'E-1',
      decisionDate: '2026-07-01',
      validUntil: '2026-07-31',
      severity: 'light',
    });
    const created = (await (await http('POST', '/api/v1/records', amr, light)).json()) as View;
    expect(created.publicUntil).toBe('2026-10-01T16:00:00.000Z');
    expect(await get(created.id, '2026-10-01T23:59:59.999+08:00')).toMatchObject({ status: 'published', inPublicity: true });
    expect(await get(created.id, '2026-10-02T00:00:00+08:00')).toMatchObject({ status: 'expired', inPublicity: false });
    expect(await get(created.id, '2026-06-30T23:59:59+08:00').catch(() => null)).toMatchObject({ status: 404 });

    const runtime = t.runtime('credit-records');
    clock.set('2026-10-01T23:59:59.999+08:00');
    await runtime.timers.fireDue();
    const count = async () =>
      (
        await runtime.db.query(`SELECT count(*)::int AS n FROM events WHERE stream_id = $1 AND type = 'RecordExpired'`, [
          `record-${created.id}`,
        ])
      ).rows[0].n as number;
    expect(await count()).toBe(0);
    clock.set('2026-10-02T00:00:00+08:00');
    await runtime.timers.fireDue();
    await waitFor(async () => (await count()) === 1, { description: 'RecordExpired' });
    const { rows } = await runtime.db.query(`SELECT status, expired_at FROM records WHERE record_id = $1`, [created.id]);
    expect(rows[0]).toEqual({ status: 'expired', expired_at: new Date('2026-10-01T16:00:00Z') });
    await runtime.timers.fireDue();
    expect(await count()).toBe(1);
  });

  it('lists a subject’s records as of an instant: not yet submitted, in publicity, expired', async () => {
    clock.set('2026-10-09T09:00:00+08:00');
    const subject = { name: '乙公司', uscc: SUBJECTS[2] };
    await http(
      'POST',
      '/api/v1/records',
      amr,
      penalty({
        decisionDocumentNumber: 'A-1',
        decisionDate: '2026-09-30',
        validUntil: '2026-10-30',
        severity: 'light',
        subject,
      }),
    );
    const list = async (asOf: string) =>
      (
        (await (
          await http('GET', `/api/v1/records?subject=${SUBJECTS[2]}&asOf=${encodeURIComponent(asOf)}`, operator)
        ).json()) as View[]
      ).map((v) => [v.status, v.inPublicity]);
    expect(await list('2026-10-09T08:59:59+08:00')).toEqual([]);
    expect(await list('2026-10-09T09:00:00+08:00')).toEqual([['published', true]]);
    expect(await list('2026-12-30T23:59:59+08:00')).toEqual([['published', true]]);
    expect(await list('2026-12-31')).toEqual([['expired', false]]);
    const bad = await http('GET', `/api/v1/records?subject=${SUBJECTS[2]}&asOf=yesterday`, operator);
    expect(await bad.json()).toMatchObject({ status: 400, errors: [{ field: 'asOf', code: 'FORMAT' }] });
  });

  it('rebuilds records, versions and subjects from history identical to the live tables', async () => {
    const runtime = t.runtime('credit-records');
    const dump = async () => ({
      records: (await runtime.db.query(`SELECT * FROM records ORDER BY record_id`)).rows,
      versions: (await runtime.db.query(`SELECT * FROM record_versions ORDER BY record_id, version`)).rows,
      subjects: (await runtime.db.query(`SELECT * FROM subjects ORDER BY subject_key`)).rows,
    });
    const live = await dump();
    expect(live.records.length).toBeGreaterThanOrEqual(4);
    const projection = creditRecordsProjections(runtime).find((p) => p.name === 'records')!;
    await rebuildProjection(runtime.db, runtime.store, projection);
    expect(await dump()).toEqual(live);
  });
});
