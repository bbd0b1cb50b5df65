// Subjects over HTTP: registration by the first accepted record, legacy identifiers as aliases, natural persons
// (encrypted, masked, never in an event in clear), and the operator's allow-list of non-conforming USCCs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FixedClock, startTestApp, type TestApp } from '@credit-share/testing';
import { CreditRecordsModule } from '../credit-records.module';
import { ORGS, PLATFORM, SUBJECTS, call, penalty, registerOrganizations } from '../record/record.fixture';
import { decryptPersonIdentifier } from './person-identifier-cipher';
import { ephemeralPersonKeys } from './person-keys';

/** The pilot-era Fujian codes of uscc_vectors.txt (bluesky335/IDCheck): real, legitimately issued, failing GB 32100. */
const FUJIAN = readFileSync(join(__dirname, '../../../../test/fixtures/reference-data/uscc_vectors.txt'), 'utf8')
  .split('\n')
  .filter((line) => /^91350\w+\tinvalid\t.*pilot-era/.test(line))
  .map((line) => line.split('\t')[0]!);

const RESIDENT_ID = '360426199101010071'; // cn_resident_id_vectors.txt (python-stdnum)

describe('subjects over HTTP (real PostgreSQL)', () => {
  let t: TestApp;
  let http: ReturnType<typeof call>;
  let operator: string;
  let amr: string;
  const keys = ephemeralPersonKeys();
  const clock = new FixedClock('2026-03-02T10:00:00+08:00');

  beforeAll(async () => {
    t = await startTestApp({ modules: [CreditRecordsModule.forRoot({ platform: PLATFORM, personKeys: keys })], clock });
    http = call(t);
    operator = await t.token({ org: 'platform', roles: ['operator'] });
    await registerOrganizations(t, operator);
    amr = await t.token({ org: ORGS.amr.id, roles: ['provider'] });
  });
  afterAll(() => t.close());

  it('has the four pilot-era Fujian codes as fixtures', () => {
    expect(FUJIAN).toEqual(['91350211M00013FA1N', '91350211M0000XUF46', '91350100M0001TGQXM', '91350203M0001FUE2P']);
  });

  it('rejects a non-conforming code until the operator allow-lists it; then accepts it, flagged', async () => {
    const record = penalty({ decisionDocumentNumber: 'F-1', subject: { name: '厦门某公司', uscc: FUJIAN[1]! } });
    const before = await http('POST', '/api/v1/records', amr, record);
    expect(await before.json()).toMatchObject({ status: 400, errors: [{ field: 'subject.uscc', code: 'CHECKSUM' }] });

    const body = { uscc: FUJIAN[1], reason: 'issued before GB 32100-2015', source: 'bluesky335/IDCheck README' };
    expect((await http('POST', '/api/v1/identifier-exceptions', amr, body)).status).toBe(403);
    expect((await http('POST', '/api/v1/identifier-exceptions', operator, { ...body, uscc: SUBJECTS[0] })).status).toBe(422);
    expect(await (await http('POST', '/api/v1/identifier-exceptions', operator, { ...body, uscc: '9135' })).json()).toMatchObject(
      {
        status: 400,
        errors: [{ field: 'uscc', code: 'LENGTH' }],
      },
    );
    for (const uscc of FUJIAN) {
      expect((await http('POST', '/api/v1/identifier-exceptions', operator, { ...body, uscc })).status).toBe(201);
    }
    expect((await http('POST', '/api/v1/identifier-exceptions', operator, body)).status).toBe(200);
    const list = (await (await http('GET', '/api/v1/identifier-exceptions', operator)).json()) as { uscc: string }[];
    expect(list.map((e) => e.uscc).sort()).toEqual([...FUJIAN].sort());

    const after = await http('POST', '/api/v1/records', amr, record);
    expect(after.status).toBe(201);
    const { rows } = await t
      .runtime('credit-records')
      .db.query(`SELECT data FROM events WHERE type = 'SubjectRegistered' AND data->>'uscc' = $1`, [FUJIAN[1]]);
    expect(rows[0].data).toMatchObject({ uscc: FUJIAN[1], nonConformingIdentifier: true });
  });

  it('registers a subject once, with legacy identifiers as aliases, adding new ones from later records', async () => {
    const subject = {
      name: '甲公司',
      uscc: SUBJECTS[1],
      aliases: [{ scheme: 'organization_code' as const, value: '07837744-9' }],
    };
    await http('POST', '/api/v1/records', amr, penalty({ decisionDocumentNumber: 'S-1', subject }));
    const later = { ...subject, aliases: [{ scheme: 'business_registration_number' as const, value: '152201000012345' }] };
    await http('POST', '/api/v1/records', amr, penalty({ decisionDocumentNumber: 'S-2', subject: later }));
    const db = t.runtime('credit-records').db;
    const events = await db.query(`SELECT type FROM events WHERE stream_id = $1 ORDER BY stream_version`, [
      `subject-${SUBJECTS[1]}`,
    ]);
    expect(events.rows.map((r) => r.type)).toEqual(['SubjectRegistered', 'SubjectAliasesAdded']);
    const { rows } = await db.query(`SELECT aliases FROM subjects WHERE subject_key = $1`, [SUBJECTS[1]]);
    expect(rows[0].aliases).toEqual([
      { scheme: 'organization_code', value: '07837744-9' },
      { scheme: 'business_registration_number', value: '152201000012345' },
    ]);
  });

  it('keeps a natural person’s identifier encrypted, shows it masked, and never writes it in clear', async () => {
    const person = { name: '张三', category: 'natural_person', residentId: '3604 2619 9101 0100 71' };
    const created = await http(
      'POST',
      '/api/v1/records',
      amr,
      penalty({ decisionDocumentNumber: 'P-1', subject: person as never }),
    );
    expect(created.status).toBe(201);
    const view = (await created.json()) as { id: string; subject: Record<string, unknown> };
    expect(view.subject).toEqual({ uscc: null, name: '张三', category: 'natural_person', maskedId: '3604**********0071' });
    const again = await http(
      'POST',
      '/api/v1/records',
      amr,
      penalty({ decisionDocumentNumber: 'P-1', subject: { ...person, residentId: RESIDENT_ID } as never }),
    );
    expect(again.status).toBe(200);

    const db = t.runtime('credit-records').db;
    for (const table of ['events', 'records', 'record_versions', 'record_keys', 'subjects']) {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM ${table} t WHERE t::text LIKE '%' || $1 || '%'`, [
        RESIDENT_ID,
      ]);
      expect([table, rows[0].n]).toEqual([table, 0]);
    }
    const { rows } = await db.query(`SELECT person_ciphertext, masked_id FROM subjects WHERE category = 'natural_person'`);
    expect(rows).toHaveLength(1);
    expect(decryptPersonIdentifier(rows[0].person_ciphertext, keys.encryptionKey)).toBe(RESIDENT_ID);

    const bad = await http(
      'POST',
      '/api/v1/records',
      amr,
      penalty({ decisionDocumentNumber: 'P-2', subject: { ...person, residentId: '360426199101010072' } as never }),
    );
    const problem = (await bad.json()) as { errors: { field: string; code: string; message: string }[] };
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'subject.residentId', code: 'CHECKSUM' })]);
    expect(JSON.stringify(problem)).not.toContain('36042619910101007');
  });
});
