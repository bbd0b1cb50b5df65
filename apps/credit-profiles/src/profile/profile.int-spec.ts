// Credit profiles as a service over HTTP against a real PostgreSQL, fed contract-valid integration events through
// its consumer host (as the producers' relays or Kafka would deliver them): purpose-bound queries, cuts by sharing
// class and role, the subject's own view and access log, asOf from the stored history, the PDF report, fail-closed
// query accounting, anomaly flags, and a rebuild identical to the live read model.
import { ContractRegistry, type IntegrationEvent } from '@credit-share/contracts';
import { rebuildProjection } from '@credit-share/event-store';
import { startTestApp, type TestApp } from '@credit-share/testing';
import { CreditProfilesModule } from '../credit-profiles.module';
import { publish } from '../publish';
import { accessLogProjection } from '../access-log/access-log.repository';
import { DISPUTED_MARK, REPORT_SECTIONS, pdfTextLines } from '../report/credit-report';
import {
  alertClosed,
  alertIssued,
  gradeChanged,
  listingDecided,
  listingRemoved,
  measureRegistered,
  messageOf,
  objectionFiled,
  organizationRegistered,
  recordPublished,
  recordWithdrawn,
  subjectRegistered,
  usccOf,
  type RecordSpec,
} from './profile-events.fixture';
import { profilesDumpHash, profilesProjection, rebuildProfiles } from './profile.projection';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
type Body = any;

const ACME = usccOf(1);
const OTHER = usccOf(2);
const PUBLIC_PENALTY: RecordSpec = {
  recordId: 'rec-public-1',
  uscc: ACME,
  publicFrom: '2026-03-01T00:00:00Z',
  publicUntil: '2027-03-01T00:00:00Z',
  content: '法定代表人张三（身份证号320102199001011234，手机13912345678）未按规定公示年度报告。',
};
const CONDITIONAL_LICENSE: RecordSpec = {
  recordId: 'rec-conditional-1',
  uscc: ACME,
  kind: 'administrative_license',
  sharingClass: 'conditional',
  severity: null,
  publicFrom: '2026-02-01T00:00:00Z',
};
const WITHDRAWN_LATER: RecordSpec = {
  recordId: 'rec-withdrawn-1',
  uscc: ACME,
  providerOrg: 'sz-tax',
  kind: 'tax_rating',
  severity: 'light',
  publicFrom: '2026-04-01T00:00:00Z',
  publicUntil: '2026-10-01T00:00:00Z',
};

describe('credit profiles (one service, real PostgreSQL, over HTTP)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const contracts = new ContractRegistry();

  const deliver = async (events: IntegrationEvent[]) => {
    for (const e of events) expect([e.type, contracts.validate(e)]).toEqual([e.type, []]);
    const byTopic = new Map<string, IntegrationEvent[]>();
    for (const e of events) byTopic.set(messageOf(e).topic, [...(byTopic.get(messageOf(e).topic) ?? []), e]);
    for (const [topic, list] of byTopic) {
      await t.runtime('credit-profiles').consumers.handle({ topic, partition: 0, messages: list.map(messageOf) });
    }
  };
  const db = () => t.runtime('credit-profiles').db;
  const get = (path: string, token: string) => fetch(`${t.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  const accessRows = async (uscc: string) =>
    (
      await db().query<{
        entry_id: string;
        org: string;
        user_id: string;
        purpose: string | null;
        outcome: string;
        denial_reason: string | null;
        sharing_classes: string[];
        query: string;
        report_number: string | null;
        report_hash: string | null;
      }>(`SELECT * FROM access_log WHERE uscc = $1 ORDER BY at, entry_id`, [uscc])
    ).rows;

  beforeAll(async () => {
    t = await startTestApp({ modules: [CreditProfilesModule.forRoot({ serveDirectoryCopy: true })] });
    await deliver([
      organizationRegistered({
        id: 'platform',
        name: '信用中心',
        type: 'platform_operator',
        uscc: '12440300MB2C00013E',
        sharingClasses: ['public'],
      }),
      organizationRegistered({
        id: 'sz-market',
        name: '深圳市市场监督管理局',
        type: 'government_department',
        uscc: '11440300007542058Q',
        sharingClasses: ['public', 'conditional', 'restricted'],
      }),
      organizationRegistered({
        id: 'sz-tax',
        name: '深圳市税务局',
        type: 'government_department',
        uscc: '11440300690000023Q',
        sharingClasses: ['public'],
      }),
      measureRegistered('measure-procurement', '限制参与政府采购活动'),
      subjectRegistered(ACME, '深圳市示例科技有限公司', '2026-01-05T00:00:00Z', [
        { scheme: 'business_registration_number', value: '440301103456789' },
      ]),
      recordPublished(CONDITIONAL_LICENSE),
      recordPublished(PUBLIC_PENALTY),
      recordPublished(WITHDRAWN_LATER),
      objectionFiled(PUBLIC_PENALTY, 'objection-1', '2026-05-10T00:00:00Z'),
      gradeChanged(ACME, 'B', 85, '2026-05-01T00:00:00Z', [
        { recordId: 'rec-public-1', rule: 'penalty.general', points: -15 },
        { recordId: 'rec-conditional-1', rule: 'license.none', points: 0 },
      ]),
      listingDecided(ACME, 'listing-1', ['rec-public-1'], '2026-06-01T00:00:00Z', '2029-06-01T00:00:00Z'),
      alertIssued(ACME, 'alert-1', 'listing-1', 'measure-procurement', 'apply', '2026-06-01T01:00:00Z'),
      alertClosed(ACME, 'alert-1', 'listing-1', 'measure-procurement', 'apply', 'applied', '2026-06-02T01:00:00Z'),
      recordWithdrawn(WITHDRAWN_LATER, '2026-07-01T00:00:00Z'),
      subjectRegistered(OTHER, '深圳市另一家有限公司', '2026-01-05T00:00:00Z'),
      recordPublished({ recordId: 'rec-other-1', uscc: OTHER, publicFrom: '2026-03-01T00:00:00Z' }),
    ]);
    tokens.marketRegulator = await t.token({ org: 'sz-market', roles: ['regulator'], user: 'sz-market:li' });
    tokens.taxRegulator = await t.token({ org: 'sz-tax', roles: ['regulator'], user: 'sz-tax:wang' });
    tokens.taxProvider = await t.token({ org: 'sz-tax', roles: ['provider'], user: 'sz-tax:zhao' });
    tokens.acme = await t.token({ org: ACME, roles: ['subject'], subject: ACME, user: 'acme:owner' });
    tokens.auditor = await t.token({ org: 'platform', roles: ['auditor'], user: 'platform:auditor' });
    tokens.operator = await t.token({ org: 'platform', roles: ['operator'], user: 'platform:operator' });
  });
  afterAll(() => t.close());

  it('answers a regulator without a purpose with 400 and logs the denial', async () => {
    const before = (await accessRows(ACME)).length;
    const response = await get(`/profiles/${ACME}`, tokens.taxRegulator!);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await response.json()).toMatchObject({ code: 'PROFILE.PURPOSE_REQUIRED', errors: [{ field: 'purpose' }] });
    const invalid = await get(`/profiles/${ACME}?purpose=curiosity`, tokens.taxRegulator!);
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ code: 'PROFILE.PURPOSE_INVALID' });
    const rows = (await accessRows(ACME)).slice(before);
    expect(rows.map((r) => [r.org, r.user_id, r.purpose, r.outcome, r.denial_reason, r.sharing_classes])).toEqual([
      ['sz-tax', 'sz-tax:wang', null, 'denied', 'PURPOSE_REQUIRED', []],
      ['sz-tax', 'sz-tax:wang', null, 'denied', 'PURPOSE_INVALID', []],
    ]);
  });

  it('cuts the profile by the viewer organisation sharing classes: no conditional records without the class', async () => {
    const response = await get(`/profiles/${ACME}?purpose=administrative_licensing`, tokens.taxRegulator!);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Body;
    const text = JSON.stringify(body);
    expect(text).not.toContain('rec-conditional-1');
    expect(body.records.map((r: { id: string }) => r.id)).toEqual(['rec-public-1']);
    expect(body.records.every((r: { sharingClass: string }) => r.sharingClass === 'public')).toBe(true);
    // The grade still adds up, without naming the record this viewer may not see.
    expect(body.grade.reasons).toEqual([
      { recordId: 'rec-public-1', rule: 'penalty.general', points: -15 },
      { rule: 'license.none', points: 0, withheld: true },
    ]);
    const entryId = response.headers.get('x-access-entry-id');
    const row = (await accessRows(ACME)).find((r) => r.entry_id === entryId);
    expect(row).toMatchObject({
      outcome: 'served',
      purpose: 'administrative_licensing',
      sharing_classes: ['public'],
      query: 'profile',
    });

    const full = (await (await get(`/profiles/${ACME}?purpose=inspection`, tokens.marketRegulator!)).json()) as Body;
    expect(full.records.map((r: { id: string }) => r.id)).toEqual(['rec-conditional-1', 'rec-public-1']);
  });

  it('shows the fixed profile shape with disputed flags, grade, listings, measures in force, objections, masked identifiers', async () => {
    const body = (await (await get(`/profiles/${ACME}?purpose=inspection`, tokens.marketRegulator!)).json()) as Body;
    expect(body).toMatchObject({
      subject: {
        uscc: ACME,
        name: '深圳市示例科技有限公司',
        aliases: [{ scheme: 'business_registration_number', value: '440301103456789' }],
      },
      grade: { uscc: ACME, grade: 'B', score: 85, ruleSetVersion: 1 },
      listings: [
        {
          id: 'listing-1',
          uscc: ACME,
          listType: 'serious_dishonesty',
          status: 'listed',
          inForce: true,
          effectiveUntil: '2029-06-01T00:00:00Z',
        },
      ],
      measuresInForce: [
        {
          listingId: 'listing-1',
          measureId: 'measure-procurement',
          content: '限制参与政府采购活动',
          org: 'sz-finance',
          feedback: { status: 'closed', outcome: 'applied' },
          residualRestriction: false,
        },
      ],
      objections: [{ id: 'objection-1', recordId: 'rec-public-1', status: 'pending' }],
    });
    expect(typeof body.asOf).toBe('string');
    const penalty = body.records.find((r: { id: string }) => r.id === 'rec-public-1');
    expect(penalty).toMatchObject({
      kind: 'administrative_penalty',
      subject: { uscc: ACME },
      status: 'published',
      disputed: true,
      severity: 'general',
      version: 1,
    });
    expect(penalty.details.content).toContain('3201**********1234');
    expect(penalty.details.content).toContain('139****5678');
    expect(JSON.stringify(body)).not.toContain('320102199001011234');
    // The withdrawn tax record is history only its provider (and the subject) may see.
    expect(body.history).toEqual([]);
    const tax = (await (await get(`/profiles/${ACME}?purpose=inspection`, tokens.taxRegulator!)).json()) as Body;
    expect(tax.history.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([['rec-withdrawn-1', 'withdrawn']]);
  });

  it('lets a subject see only its own profile and access log', async () => {
    const own = await get(`/profiles/${ACME}?purpose=subject_self_service`, tokens.acme!);
    expect(own.status).toBe(200);
    const body = (await own.json()) as Body;
    expect(body.records.map((r: { id: string }) => r.id)).toEqual(['rec-conditional-1', 'rec-public-1']);
    expect(body.history.map((r: { id: string }) => r.id)).toEqual(['rec-withdrawn-1']);

    const wrongPurpose = await get(`/profiles/${ACME}?purpose=inspection`, tokens.acme!);
    expect(wrongPurpose.status).toBe(400);
    const other = await get(`/profiles/${OTHER}?purpose=subject_self_service`, tokens.acme!);
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ code: 'PROFILE.FORBIDDEN' });
    expect((await accessRows(OTHER)).at(-1)).toMatchObject({ org: ACME, outcome: 'denied', denial_reason: 'FORBIDDEN' });

    const log = await get(`/profiles/${ACME}/access-log`, tokens.acme!);
    expect(log.status).toBe(200);
    const { entries } = (await log.json()) as Body;
    expect(entries.length).toBeGreaterThan(3);
    for (const entry of entries)
      expect(entry).toEqual(
        expect.objectContaining({ at: expect.any(String), org: expect.any(String), user: expect.any(String), uscc: ACME }),
      );
    expect(
      entries.some((e: { org: string; purpose: string }) => e.org === 'sz-tax' && e.purpose === 'administrative_licensing'),
    ).toBe(true);

    expect((await get(`/profiles/${OTHER}/access-log`, tokens.acme!)).status).toBe(403);
    expect((await get(`/profiles/${ACME}/access-log`, tokens.taxRegulator!)).status).toBe(403);
    expect((await get(`/profiles/${ACME}/access-log`, tokens.auditor!)).status).toBe(200);
    // A provider is no viewer of profiles: denied, and the denial logged.
    expect((await get(`/profiles/${ACME}?purpose=inspection`, tokens.taxProvider!)).status).toBe(403);
    expect((await accessRows(ACME)).at(-1)).toMatchObject({
      org: 'sz-tax',
      user_id: 'sz-tax:zhao',
      outcome: 'denied',
      denial_reason: 'FORBIDDEN',
    });
  });

  it('computes asOf from the stored history: before the withdrawal, before the objection, before anything', async () => {
    const at = (asOf: string, token = tokens.taxRegulator!) => get(`/profiles/${ACME}?purpose=inspection&asOf=${asOf}`, token);
    const june = (await (await at('2026-06-15T00:00:00Z')).json()) as Body;
    expect(june.asOf).toBe('2026-06-15T00:00:00.000Z');
    expect(june.records.map((r: { id: string }) => r.id)).toEqual(['rec-public-1', 'rec-withdrawn-1']);
    const april = (await (await at('2026-04-15T00:00:00Z', tokens.marketRegulator!)).json()) as Body;
    expect(april.records.map((r: { id: string; disputed: boolean }) => [r.id, r.disputed])).toEqual([
      ['rec-conditional-1', false],
      ['rec-public-1', false],
      ['rec-withdrawn-1', false],
    ]);
    expect(april.grade).toBeNull();
    expect(april.listings).toEqual([]);
    const may = (await (await at('2026-05-20T00:00:00Z', tokens.marketRegulator!)).json()) as Body;
    expect(may.records.find((r: { id: string }) => r.id === 'rec-public-1').disputed).toBe(true);
    expect((await at('2025-01-01T00:00:00Z')).status).toBe(404);
    const future = await at('2999-01-01T00:00:00Z');
    expect(future.status).toBe(400);
    expect(await future.json()).toMatchObject({ code: 'PROFILE.AS_OF_IN_FUTURE' });
    expect((await at('not-a-date')).status).toBe(400);
    const logged = (await accessRows(ACME)).filter((r) => r.query === 'profile' && r.outcome === 'served').length;
    expect(logged).toBeGreaterThanOrEqual(4);
  });

  it('serves the credit report as PDF in the standard section order with number, hash and disputed marks', async () => {
    const response = await get(`/profiles/${ACME}/report?purpose=public_procurement`, tokens.marketRegulator!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(pdf.subarray(-6).toString('latin1')).toBe('%%EOF\n');
    const lines = pdfTextLines(pdf);
    const positions = REPORT_SECTIONS.map((s) => lines.indexOf(s.title));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const reportNumber = response.headers.get('x-report-number')!;
    const hash = response.headers.get('x-report-hash')!;
    expect(reportNumber).toMatch(/^CSR-\d{8}-[0-9A-F]{12}$/);
    expect(lines.some((l) => l.includes(reportNumber))).toBe(true);
    expect(lines.some((l) => l.includes(hash))).toBe(true);
    expect(lines.some((l) => l.startsWith(DISPUTED_MARK) && l.includes('administrative_penalty'))).toBe(true);
    expect(lines.join('\n')).not.toContain('320102199001011234');
    const row = (await accessRows(ACME)).find((r) => r.report_number === reportNumber);
    expect(row).toMatchObject({ query: 'report', report_hash: hash, outcome: 'served' });
    expect((await get(`/profiles/${ACME}/report`, tokens.marketRegulator!)).status).toBe(400);
    // The number verifies against the hash the access log kept, for auditors and the subject itself.
    for (const token of [tokens.auditor!, tokens.acme!]) {
      const verification = await get(`/profiles/reports/${reportNumber}`, token);
      expect(verification.status).toBe(200);
      expect(await verification.json()).toMatchObject({
        reportNumber,
        reportHash: hash,
        uscc: ACME,
        org: 'sz-market',
        purpose: 'public_procurement',
      });
    }
    expect((await get(`/profiles/reports/${reportNumber}`, tokens.taxRegulator!)).status).toBe(403);
    expect((await get(`/profiles/reports/CSR-20260101-000000000000`, tokens.auditor!)).status).toBe(404);
    expect((await get(`/profiles/reports/nonsense`, tokens.auditor!)).status).toBe(400);
  });

  it('publishes every access-log entry as a contract-valid AccessLogged event from the same transaction', async () => {
    const { rows } = await db().query<{ n: string }>(`SELECT count(*)::text AS n FROM access_log`);
    const { rows: events } = await db().query<{
      event_id: string;
      type: string;
      data: unknown;
      occurred_at: Date;
      recorded_at: Date;
      metadata: never;
      stream_id: string;
      stream_version: number;
    }>(`SELECT * FROM events WHERE type = 'AccessLogged'`);
    expect(events.length).toBe(Number(rows[0]!.n));
    for (const e of events.slice(0, 20)) {
      const publication = publish({
        eventId: e.event_id,
        streamId: e.stream_id,
        streamVersion: e.stream_version,
        type: e.type,
        schemaVersion: 1,
        data: e.data,
        metadata: e.metadata,
        occurredAt: e.occurred_at,
        recordedAt: e.recorded_at,
        cursor: { transactionId: '0', position: '0' },
      })!;
      const envelope = {
        id: e.event_id,
        type: publication.type,
        version: publication.version,
        occurredAt: e.occurred_at.toISOString(),
        recordedAt: e.recorded_at.toISOString(),
        subject: publication.subject,
        producer: 'credit-profiles',
        data: publication.data,
      };
      expect(contracts.validate(envelope)).toEqual([]);
    }
  });

  it('serves no profile without an access-log entry when the log store fails mid-run (fail-closed)', async () => {
    const inspector = await t.token({ org: 'sz-market', roles: ['regulator'], user: 'sz-market:fail-closed-run' });
    const results: { status: number; entryId: string | null; code?: string }[] = [];
    let failing = false;
    const worker = async () => {
      for (let i = 0; i < 30; i++) {
        const response = await get(`/profiles/${ACME}?purpose=inspection`, inspector);
        const body = (await response.json()) as Body;
        results.push({ status: response.status, entryId: response.headers.get('x-access-entry-id'), code: body.code });
        if (results.length === 20 && !failing) {
          failing = true;
          // The log store goes down while queries are in flight: every write to it fails from now on.
          await db().query(`CREATE FUNCTION access_log_down() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'access log store is down'; END $$`);
          await db().query(
            `CREATE TRIGGER access_log_down BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION access_log_down()`,
          );
        }
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    await db().query(`DROP TRIGGER access_log_down ON access_log`);
    await db().query(`DROP FUNCTION access_log_down()`);

    const served = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status !== 200);
    expect(served.length).toBeGreaterThanOrEqual(20);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect([r.status, r.code]).toEqual([503, 'ACCESS_LOG.UNAVAILABLE']);
    const { rows } = await db().query<{ entry_id: string }>(
      `SELECT entry_id FROM access_log WHERE user_id = 'sz-market:fail-closed-run'`,
    );
    const { rows: published } = await db().query<{ n: string }>(
      `SELECT count(*)::text AS n FROM events WHERE type = 'AccessLogged' AND data->>'user' = 'sz-market:fail-closed-run'`,
    );
    expect(Number(published[0]!.n)).toBe(rows.length);
    const logged = new Set(rows.map((r) => r.entry_id));
    expect(served.every((r) => r.entryId !== null && logged.has(r.entryId))).toBe(true);
    expect(logged.size).toBe(served.length);
    expect((await get(`/profiles/${ACME}?purpose=inspection`, inspector)).status).toBe(200);
  });

  it('flags one user querying unusually many subjects for the operator', async () => {
    for (const uscc of [ACME, OTHER])
      expect((await get(`/profiles/${uscc}?purpose=enforcement`, tokens.taxRegulator!)).status).toBe(200);
    const response = await get(`/profiles/access-anomalies?subjects=2&offHours=100000`, tokens.operator!);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Body;
    expect(body.flags).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'many_subjects', org: 'sz-tax', user: 'sz-tax:wang', subjects: 2 }),
      ]),
    );
    expect(body.flags.some((f: { user: string }) => f.user === 'sz-market:li')).toBe(false);
    expect((await get(`/profiles/access-anomalies`, tokens.taxRegulator!)).status).toBe(403);
    expect((await get(`/profiles/access-anomalies?subjects=0`, tokens.operator!)).status).toBe(400);
  });

  it('rebuilds the profiles and the access log identical to the live tables (canonical dump hash)', async () => {
    const runtime = t.runtime('credit-profiles');
    await deliver([
      alertIssued(ACME, 'alert-2', 'listing-1', 'measure-procurement', 'release', '2026-08-01T00:00:00Z'),
      listingRemoved(ACME, 'listing-1', '2026-08-01T00:00:00Z'),
    ]);
    const live = await profilesDumpHash(runtime.db);
    expect(live.rows).toBeGreaterThanOrEqual(3);
    const fast = await rebuildProfiles(runtime.db, { pageSize: 3 }); // many pages: subjects cross page boundaries
    expect(fast.subjects).toBe(2);
    expect(await profilesDumpHash(runtime.db)).toEqual(live);
    await rebuildProjection(runtime.db, runtime.store, profilesProjection());
    expect(await profilesDumpHash(runtime.db)).toEqual(live);

    const snapshot = async () =>
      (await runtime.db.query<{ r: string }>(`SELECT to_jsonb(a)::text AS r FROM access_log a ORDER BY entry_id`)).rows.map(
        (r) => r.r,
      );
    const liveLog = await snapshot();
    await rebuildProjection(runtime.db, runtime.store, accessLogProjection());
    expect(await snapshot()).toEqual(liveLog);

    const residual = (await (await get(`/profiles/${ACME}?purpose=inspection`, tokens.marketRegulator!)).json()) as Body;
    expect(residual.measuresInForce).toMatchObject([{ residualRestriction: true, release: { status: 'open' } }]);
  });

  it('admits exactly the role table on every route (role × route matrix), logging each denial on a subject route', async () => {
    const callers: Record<string, { token: string; purpose: string }> = {
      operator: { token: tokens.operator!, purpose: 'inspection' },
      provider: { token: tokens.taxProvider!, purpose: 'inspection' },
      regulator: { token: tokens.taxRegulator!, purpose: 'inspection' },
      enforcer: { token: await t.token({ org: 'sz-tax', roles: ['enforcer'] }), purpose: 'enforcement' },
      auditor: { token: tokens.auditor!, purpose: 'audit' },
      'subject (own)': { token: tokens.acme!, purpose: 'subject_self_service' },
      'subject (other)': {
        token: await t.token({ org: OTHER, roles: ['subject'], subject: OTHER }),
        purpose: 'subject_self_service',
      },
    };
    const expected: Record<string, [number, number, number, number]> = {
      // profile, report, access-log, access-anomalies
      operator: [403, 403, 403, 200],
      provider: [403, 403, 403, 403],
      regulator: [200, 200, 403, 403],
      enforcer: [403, 403, 403, 403],
      auditor: [403, 403, 200, 200],
      'subject (own)': [200, 200, 200, 403],
      'subject (other)': [403, 403, 403, 403],
    };
    const before = (await accessRows(ACME)).filter((r) => r.outcome === 'denied').length;
    const actual: Record<string, number[]> = {};
    for (const [who, { token, purpose }] of Object.entries(callers)) {
      actual[who] = [
        (await get(`/profiles/${ACME}?purpose=${purpose}`, token)).status,
        (await get(`/profiles/${ACME}/report?purpose=${purpose}`, token)).status,
        (await get(`/profiles/${ACME}/access-log`, token)).status,
        (await get(`/profiles/access-anomalies`, token)).status,
      ];
    }
    expect(actual).toEqual(expected);
    const deniedOnSubjectRoutes = Object.values(expected)
      .flatMap((e) => e.slice(0, 3))
      .filter((s) => s === 403).length;
    const after = (await accessRows(ACME)).filter((r) => r.outcome === 'denied').length;
    expect(after - before).toBe(deniedOnSubjectRoutes);
  });

  it('refuses a malformed USCC and an unauthenticated caller', async () => {
    const bad = await get(`/profiles/NOT-A-USCC?purpose=inspection`, tokens.marketRegulator!);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', errors: [{ field: 'uscc' }] });
    expect((await fetch(`${t.url}/api/v1/profiles/${ACME}?purpose=inspection`)).status).toBe(401);
  });
});
