// The catalogue as versioned reference data over HTTP, and provider data quality.
import { FixedClock, startTestApp, type TestApp } from '@credit-share/testing';
import { CreditRecordsModule } from '../credit-records.module';
import { ORGS, PLATFORM, call, penalty, registerOrganizations } from '../record/record.fixture';
import { INITIAL_CATALOGUE } from './catalogue';

interface CatalogueBody {
  version: number;
  items: {
    kind: string;
    sharingClass: string;
    legalBasis: string;
    marketCredit: boolean;
    publicity: string;
    retentionYears: number;
  }[];
  versions: { version: number }[];
}

describe('catalogue and data quality over HTTP (real PostgreSQL)', () => {
  let t: TestApp;
  let http: ReturnType<typeof call>;
  let operator: string;
  let amr: string;
  const clock = new FixedClock('2026-10-10T10:00:00+08:00');

  beforeAll(async () => {
    t = await startTestApp({ modules: [CreditRecordsModule.forRoot({ platform: PLATFORM })], clock });
    http = call(t);
    operator = await t.token({ org: 'platform', roles: ['operator'] });
    await registerOrganizations(t, operator);
    amr = await t.token({ org: ORGS.amr.id, roles: ['provider'] });
  });
  afterAll(() => t.close());

  it('serves version 1 with every kind of PRODUCT.md §3.2 to any authenticated role, and nothing without a token', async () => {
    for (const roles of [['operator'], ['auditor'], ['regulator']] as const) {
      const token = await t.token({ org: roles[0] === 'operator' ? 'platform' : ORGS.amr.id, roles: [...roles] });
      const response = await http('GET', '/api/v1/catalogue', token);
      expect(response.status).toBe(200);
      const body = (await response.json()) as CatalogueBody;
      expect(body.version).toBe(1);
      expect(body.items.map((i) => i.kind)).toEqual([
        'administrative_license',
        'administrative_penalty',
        'court_enforcement',
        'tax_rating',
        'abnormal_operation',
        'credit_commitment',
        'honor',
        'inspection_result',
        'industry_self_discipline',
        'contract_performance',
      ]);
      for (const item of body.items) {
        expect(item).toMatchObject({
          legalBasis: expect.any(String),
          publicity: expect.any(String),
          retentionYears: expect.any(Number),
        });
      }
      expect(body.items.filter((i) => i.marketCredit).map((i) => i.kind)).toEqual([
        'industry_self_discipline',
        'contract_performance',
      ]);
    }
    const subject = await t.token({ org: '91230500MA1B3N1N2M', roles: ['subject'], subject: '91230500MA1B3N1N2M' });
    expect((await http('GET', '/api/v1/catalogue', subject)).status).toBe(200);
    expect((await http('GET', '/api/v1/catalogue')).status).toBe(401);
  });

  it('lets only the operator publish a new version, validates it, and checks submissions against the version in force', async () => {
    const items = INITIAL_CATALOGUE.items.map((i) =>
      i.kind === 'administrative_penalty' ? { ...i, sharingClass: 'conditional' } : i,
    );
    expect((await http('POST', '/api/v1/catalogue', amr, { effectiveFrom: '2026-10-10', items })).status).toBe(403);
    const invalid = await http('POST', '/api/v1/catalogue', operator, {
      effectiveFrom: '2026-10-10',
      items: [{ ...items[0], kind: 'Bad Kind' }, { ...items[8], marketCredit: false }, 5],
    });
    expect(await invalid.json()).toMatchObject({
      status: 400,
      code: 'CATALOGUE.INVALID',
      errors: [
        { field: 'items[0].kind', code: 'FORMAT' },
        { field: 'items[1].marketCredit', code: 'INVALID' },
        { field: 'items[2]', code: 'TYPE' },
      ],
    });
    const published = await http('POST', '/api/v1/catalogue', operator, {
      effectiveFrom: '2026-10-10',
      note: 'penalties conditional',
      items,
    });
    expect(published.status).toBe(201);
    expect(await published.json()).toMatchObject({ version: 2, effectiveFrom: '2026-10-10' });
    const current = (await (await http('GET', '/api/v1/catalogue', amr)).json()) as CatalogueBody;
    expect(current.version).toBe(2);
    expect(current.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(((await (await http('GET', '/api/v1/catalogue?version=1', amr)).json()) as CatalogueBody).version).toBe(1);
    expect((await http('GET', '/api/v1/catalogue?version=9', amr)).status).toBe(404);

    const record = (await (await http('POST', '/api/v1/records', amr, penalty({ decisionDocumentNumber: 'C-1' }))).json()) as {
      sharingClass: string;
      catalogueVersion: number;
    };
    expect(record).toMatchObject({ sharingClass: 'conditional', catalogueVersion: 2 });
  });

  it('counts accepted and rejected rows by error code and timeliness in working days per provider', async () => {
    // Decided Wed 2026-09-30, submitted Sat 2026-10-10 (an adjusted working day after National Day): 3 working days.
    // Decided Fri 2026-09-18: 11 working days (Sun 09-20 and Sat 10-10 work, 09-25 and 10-01..07 holidays) — late.
    const report = await http('POST', '/api/v1/records/batch', amr, {
      records: [
        penalty({ decisionDocumentNumber: 'Q-1', decisionDate: '2026-09-30', validUntil: '2026-10-30' }),
        penalty({ decisionDocumentNumber: 'Q-2', decisionDate: '2026-09-18', validUntil: '2026-10-30' }),
        penalty({ decisionDocumentNumber: 'Q-3', kind: 'honor' }),
        penalty({ decisionDocumentNumber: 'Q-4', subject: { name: 'x', uscc: '91230500MA1B3N1N2X' }, severity: undefined }),
      ],
    });
    expect(await report.json()).toMatchObject({ accepted: 2, rejected: 2 });
    const quality = await http('GET', '/api/v1/data-quality', operator);
    const body = (await quality.json()) as { providers: { org: string }[] };
    const amrQuality = body.providers.find((p) => p.org === ORGS.amr.id);
    expect(amrQuality).toEqual({
      org: ORGS.amr.id,
      accepted: 3,
      rejected: 2,
      validRate: 0.6,
      rejectionsByCode: { NOT_AUTHORISED: 1, NOT_ALLOWED: 1, CHECKSUM: 1, REQUIRED: 1 },
      timeliness: {
        targetWorkingDays: 7,
        measured: 3,
        onTime: 1,
        onTimeRate: 0.3333,
        averageWorkingDays: expect.any(Number),
        notMeasured: 0,
      },
    });
    const own = (await (await http('GET', '/api/v1/data-quality', amr)).json()) as { providers: { org: string }[] };
    expect(own.providers.map((p) => p.org)).toEqual([ORGS.amr.id]);
    const regulator = await t.token({ org: ORGS.amr.id, roles: ['regulator'] });
    expect((await http('GET', '/api/v1/data-quality', regulator)).status).toBe(403);
  });
});
