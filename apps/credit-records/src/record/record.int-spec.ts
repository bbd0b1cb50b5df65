import fc from 'fast-check';
import { FixedClock, startTestApp, type TestApp } from '@credit-share/testing';
import { CreditRecordsModule } from '../credit-records.module';
import { ORGS, PLATFORM, SUBJECTS, call, penalty, registerOrganizations } from './record.fixture';

describe('records over HTTP: submission, idempotency, reads (real PostgreSQL)', () => {
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

  it('publishes a single record (201) in the record shape, and the same document again is the same record (200)', async () => {
    const created = await http('POST', '/api/v1/records', amr, penalty());
    expect(created.status).toBe(201);
    const record = (await created.json()) as Record<string, unknown>;
    expect(record).toMatchObject({
      kind: 'administrative_penalty',
      subject: { uscc: '91230500MA1B3N1N2M', name: '双鸭山智慧城市运营有限公司' },
      status: 'published',
      disputed: false,
      severity: 'general',
      // general: 12 months from the decision day 2026-02-27, to 24:00 CST of 2027-02-27
      publicUntil: '2027-02-27T16:00:00.000Z',
      version: 1,
      inPublicity: true,
      informationCategory: 'public_credit',
    });
    const again = await http('POST', '/api/v1/records', amr, penalty({ content: 'resent with other words' }));
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(record['id']);
    const events = await t
      .runtime('credit-records')
      .db.query(`SELECT type FROM events WHERE stream_id = $1`, [`record-${record['id']}`]);
    expect(events.rows).toEqual([{ type: 'RecordPublished' }]);
  });

  it('rejects a bad single record with 400 and field errors, and stores nothing', async () => {
    const response = await http('POST', '/api/v1/records', amr, {
      ...penalty({ decisionDocumentNumber: 'bad-1', decisionDate: '2026-03-03' }),
      subject: { name: 'x', uscc: '91230500MA1B3N1N2X' },
      severity: undefined,
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { code: string; errors: { field: string; code: string }[] };
    expect(problem.code).toBe('RECORD.INVALID');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'subject.uscc', code: 'CHECKSUM' }),
        expect.objectContaining({ field: 'decisionDate', code: 'FUTURE_DATE' }),
        expect.objectContaining({ field: 'severity', code: 'REQUIRED' }),
      ]),
    );
    const { rows } = await t
      .runtime('credit-records')
      .db.query(`SELECT count(*)::int AS n FROM record_keys WHERE document_number = 'bad-1'`);
    expect(rows[0].n).toBe(0);
  });

  it('accepts and rejects row by row in a batch; a bad row never sinks the batch', async () => {
    const records = [
      penalty({ decisionDocumentNumber: 'B-1', subject: { name: '甲公司', uscc: SUBJECTS[1] } }),
      penalty({ decisionDocumentNumber: 'B-2', kind: 'no_such_kind' }),
      penalty({ decisionDocumentNumber: 'B-3', subject: { name: '乙公司', uscc: SUBJECTS[2] }, validUntil: '2026-01-01' }),
      penalty({ decisionDocumentNumber: 'B-4', subject: { name: '丙公司', uscc: SUBJECTS[2] } }),
      penalty({ decisionDocumentNumber: 'B-1', subject: { name: '甲公司', uscc: SUBJECTS[1] } }),
      { kind: 'tax_rating' },
    ];
    const response = await http('POST', '/api/v1/records/batch', amr, { records });
    expect(response.status).toBe(200);
    const report = (await response.json()) as {
      accepted: number;
      rejected: number;
      rows: { row: number; status: string; recordId?: string; errors?: { field: string; code: string }[] }[];
    };
    expect(report.accepted).toBe(3);
    expect(report.rejected).toBe(3);
    expect(report.rows.map((r) => r.status)).toEqual(['accepted', 'rejected', 'rejected', 'accepted', 'accepted', 'rejected']);
    expect(report.rows[1]!.errors).toEqual([expect.objectContaining({ field: 'kind', code: 'UNKNOWN_CATALOGUE_ITEM' })]);
    expect(report.rows[2]!.errors).toEqual([expect.objectContaining({ field: 'validUntil', code: 'BEFORE_DECISION_DATE' })]);
    expect(report.rows[4]!.recordId).toBe(report.rows[0]!.recordId);
    expect(report.rows[5]!.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'kind', code: 'NOT_AUTHORISED' }),
        expect.objectContaining({ field: 'subject', code: 'REQUIRED' }),
      ]),
    );
    const db = t.runtime('credit-records').db;
    const { rows } = await db.query(`SELECT document_number FROM record_keys WHERE document_number LIKE 'B-%' ORDER BY 1`);
    expect(rows.map((r) => r.document_number)).toEqual(['B-1', 'B-4']);
    const subjects = await db.query(`SELECT subject_key FROM subjects ORDER BY 1`);
    expect(subjects.rows.map((r) => r.subject_key)).toEqual([SUBJECTS[1], SUBJECTS[2], SUBJECTS[0]].sort());
    const registered = await db.query(`SELECT count(*)::int AS n FROM events WHERE type = 'SubjectRegistered'`);
    expect(registered.rows[0].n).toBe(3);
  });

  it('refuses batches over 1,000 rows and bodies that are not a list', async () => {
    const big = await http('POST', '/api/v1/records/batch', amr, { records: Array.from({ length: 1001 }, () => ({})) });
    expect(big.status).toBe(400);
    expect(await big.json()).toMatchObject({ code: 'RECORD.BATCH_SIZE', errors: [{ field: 'records', code: 'TOO_MANY' }] });
    expect((await http('POST', '/api/v1/records/batch', amr, { rows: [] })).status).toBe(400);
    expect((await http('POST', '/api/v1/records/batch', amr, '"text"')).status).toBe(400);
  });

  it('keeps the same document number of another provider a different record', async () => {
    const a = await http('POST', '/api/v1/records', tax, penalty({ decisionDocumentNumber: '市场【2026】1号' }));
    expect(a.status).toBe(201);
    const list = (await (await http('GET', `/api/v1/records?subject=${SUBJECTS[0]}`, operator)).json()) as { id: string }[];
    expect(list).toHaveLength(2);
  });

  it('answers any JSON body on the submission routes with a 2xx or a 4xx problem, never a 5xx (property)', async () => {
    const mutated = fc
      .tuple(fc.constantFrom(...Object.keys(penalty())), fc.anything())
      .map(([key, value]) => ({ ...penalty({ decisionDocumentNumber: 'FUZZ' }), [key]: value }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), mutated), async (body) => {
        const text = JSON.stringify(body) ?? 'null';
        const single = await http('POST', '/api/v1/records', amr, text);
        const batch = await http('POST', '/api/v1/records/batch', amr, `{"records":[${text}]}`);
        for (const response of [single, batch]) {
          if (response.status >= 500) throw new Error(`${response.status} for ${text}: ${await response.text()}`);
          if (response.status >= 400) expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
          else await response.arrayBuffer();
        }
      }),
      { numRuns: 60 },
    );
  });
  it("lists a provider's own records without a subject, newest first, paged by limit and offset", async () => {
    const before = (await (await http('GET', '/api/v1/records?limit=200', tax)).json()) as { id: string }[];
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      clock.advance(60_000);
      const created = await http('POST', '/api/v1/records', tax, penalty({ decisionDocumentNumber: `OWN-${n}` }));
      expect(created.status).toBe(201);
      ids.push(((await created.json()) as { id: string }).id);
    }
    const first = await http('GET', '/api/v1/records?limit=2', tax);
    expect(first.status).toBe(200);
    const firstPage = (await first.json()) as { id: string; providerOrg: string; kind: string; status: string }[];
    expect(firstPage.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect(firstPage[0]).toMatchObject({ providerOrg: ORGS.tax.id, kind: 'administrative_penalty', status: 'published' });
    expect(first.headers.get('x-next-offset')).toBe('2');
    const second = await http('GET', '/api/v1/records?limit=2&offset=2', tax);
    const secondPage = (await second.json()) as { id: string }[];
    expect(secondPage[0]!.id).toBe(ids[0]);
    const all = (await (await http('GET', '/api/v1/records', tax)).json()) as { id: string; providerOrg: string }[];
    expect(all).toHaveLength(before.length + 3);
    expect(all.every((r) => r.providerOrg === ORGS.tax.id)).toBe(true);
    expect(second.headers.get('x-next-offset')).toBe(before.length + 3 > 4 ? '4' : null);
    // Another provider never sees them; the operator does; with subject= the answer is unchanged (oldest first).
    const amrOwn = (await (await http('GET', '/api/v1/records?limit=200', amr)).json()) as { id: string }[];
    expect(amrOwn.map((r) => r.id)).not.toEqual(expect.arrayContaining([ids[0]]));
    const operatorAll = (await (await http('GET', '/api/v1/records?limit=200', operator)).json()) as { id: string }[];
    expect(operatorAll.map((r) => r.id)).toEqual(expect.arrayContaining(ids));
    const bySubject = (await (await http('GET', `/api/v1/records?subject=${SUBJECTS[0]}`, tax)).json()) as { id: string }[];
    expect(bySubject.map((r) => r.id).slice(-3)).toEqual(ids);
  });

  it('answers bad paging and a regulator without a subject with 400 problems', async () => {
    for (const query of ['limit=0', 'limit=201', 'limit=abc', 'offset=-1', 'limit=1.5']) {
      const response = await http('GET', `/api/v1/records?${query}`, tax);
      expect([query, response.status]).toEqual([query, 400]);
      const field = query.split('=')[0];
      expect(((await response.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe(field);
    }
    const regulator = await t.token({ org: ORGS.amr.id, roles: ['regulator'] });
    const response = await http('GET', '/api/v1/records', regulator);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('subject');
  });
});
