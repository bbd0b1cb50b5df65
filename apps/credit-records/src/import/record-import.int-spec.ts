import type { SubmissionReport } from '@credit-share/contracts';
import { FixedClock, startTestApp, type TestApp } from '@credit-share/testing';
import { CreditRecordsModule } from '../credit-records.module';
import { ORGS, PLATFORM, registerOrganizations } from '../record/record.fixture';
import { xlsxWorkbook } from './xlsx.fixture';

const MAX_BYTES = 256 * 1024;

type ImportReport = SubmissionReport & { total: number };

async function upload(
  t: TestApp,
  token: string | undefined,
  file: Buffer | string | undefined,
  options: { filename?: string; severity?: string; fields?: Record<string, string> } = {},
): Promise<Response> {
  const form = new FormData();
  if (file !== undefined) form.append('file', new Blob([file]), options.filename ?? 'records.csv');
  if (options.severity !== undefined) form.append('severity', options.severity);
  for (const [name, value] of Object.entries(options.fields ?? {})) form.append(name, value);
  return fetch(`${t.url}/api/v1/records/import`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
}

const csv = (rows: string[][]) =>
  rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');

/** The 2019+ penalty columns (xzcf_v2 of credit_record_fields.tsv) a provider's export typically has. */
const V2_PENALTY = [
  'CF_XDR_MC',
  'CF_XDR_LB',
  'CF_XDR_SHXYM',
  'CF_XDR_GSZC',
  'CF_XDR_ZZJG',
  'CF_WSH',
  'CF_WFXW',
  'CF_CFLB',
  'CF_SY',
  'CF_YJ',
  'CF_NR',
  'CF_NR_FK',
  'CF_JDRQ',
  'CF_YXQ',
  'CF_CFJG',
  'CF_CFJGDM',
  'CF_SJLY',
  'CF_SJLYDM',
];

/** sample_records.jsonl line 1 (2019+ penalty), re-dated into the platform's calendar years. */
function v2Row(over: Partial<Record<string, string>> = {}): string[] {
  const base: Record<string, string> = {
    CF_XDR_MC: '双鸭山智慧城市运营有限公司',
    CF_XDR_LB: '法人及非法人组织',
    CF_XDR_SHXYM: '91230500MA1B3N1N2M',
    CF_XDR_GSZC: '',
    CF_XDR_ZZJG: '',
    CF_WSH: '市场【2026】1号',
    CF_WFXW: '违反相关产品准入市场规定',
    CF_CFLB: '罚款',
    CF_SY: '违反相关产品准入市场规定',
    CF_YJ: '依据《行业准入规定》',
    CF_NR: '罚款2000元',
    CF_NR_FK: '0.2',
    CF_JDRQ: '2026-02-10',
    CF_YXQ: '2026-02-17',
    CF_CFJG: '深圳市市场监督管理局',
    CF_CFJGDM: '11440300690000015X',
    CF_SJLY: '深圳市市场监督管理局',
    CF_SJLYDM: '11440300690000015X',
    ...over,
  };
  return V2_PENALTY.map((c) => base[c] ?? '');
}

describe('POST /api/v1/records/import (CSV and XLSX of 双公示 codes, real PostgreSQL)', () => {
  let t: TestApp;
  let amr: string;
  const clock = new FixedClock('2026-03-02T10:00:00+08:00');

  beforeAll(async () => {
    t = await startTestApp({
      modules: [CreditRecordsModule.forRoot({ platform: PLATFORM, recordImport: { maxFileBytes: MAX_BYTES } })],
      clock,
    });
    const operator = await t.token({ org: 'platform', roles: ['operator'] });
    await registerOrganizations(t, operator);
    amr = await t.token({ org: ORGS.amr.id, roles: ['provider'] });
  });
  afterAll(() => t.close());

  const db = () => t.runtime('credit-records').db;
  const keysCount = async () => (await db().query(`SELECT count(*)::int AS n FROM record_keys`)).rows[0].n as number;
  const published = async (recordId: string) =>
    (await db().query(`SELECT data FROM events WHERE stream_id = $1 AND type = 'RecordPublished'`, [`record-${recordId}`]))
      .rows[0]?.data as { severity: string; subject: { uscc: string }; details: Record<string, unknown> } | undefined;

  it('imports a 2019+ penalty CSV (BOM, CRLF, quotes): 万元 → yuan, form severity, file row numbers, bad rows by column code', async () => {
    const file =
      '\uFEFF' +
      csv([
        V2_PENALTY,
        v2Row({ CF_XDR_GSZC: '230500100012345', CF_XDR_ZZJG: 'MA1B3N1N2' }),
        v2Row({ CF_WSH: '', CF_XDR_MC: '缺文号公司' }),
        v2Row({ CF_WSH: '市场【2026】3号', CF_XDR_SHXYM: '91230500MA1B3N1N2X', CF_NR_FK: '1,234.5' }),
        v2Row({ CF_WSH: '市场【2026】4号', CF_JDRQ: '2026年02月30日' }),
        v2Row({
          CF_WSH: '市场【2026】5号',
          CF_XDR_SHXYM: '91152201078377449P',
          CF_NR: '罚款"三千"元\r\n并警告',
          CF_NR_FK: '0.3',
          CF_JDRQ: '20260211',
        }),
      ]) +
      '\r\n';
    const response = await upload(t, amr, file, { severity: 'general' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const report = (await response.json()) as ImportReport;
    expect(report).toMatchObject({ total: 5, accepted: 2, rejected: 3 });
    expect(report.rows.map((r) => [r.row, r.status])).toEqual([
      [2, 'accepted'],
      [3, 'rejected'],
      [4, 'rejected'],
      [5, 'rejected'],
      [6, 'accepted'],
    ]);
    expect(report.rows[1]!.errors).toEqual([expect.objectContaining({ field: 'CF_WSH', code: 'REQUIRED' })]);
    expect(report.rows[2]!.errors).toEqual([expect.objectContaining({ field: 'CF_XDR_SHXYM', code: 'CHECKSUM' })]);
    expect(report.rows[3]!.errors).toEqual([expect.objectContaining({ field: 'CF_JDRQ', code: 'DATE_FORMAT' })]);

    const first = await published(report.rows[0]!.recordId!);
    expect(first).toMatchObject({
      severity: 'general',
      subject: { uscc: '91230500MA1B3N1N2M' },
      details: { fineAmountYuan: 2000, decisionDate: '2026-02-10', decisionDocumentNumber: '市场【2026】1号' },
    });
    const fifth = await published(report.rows[4]!.recordId!);
    expect(fifth?.details).toMatchObject({ fineAmountYuan: 3000, decisionDate: '2026-02-11', content: '罚款"三千"元\r\n并警告' });
    const { rows: subjects } = await db().query(`SELECT aliases FROM subjects WHERE subject_key = $1`, ['91230500MA1B3N1N2M']);
    expect(subjects[0].aliases).toEqual(
      expect.arrayContaining([
        { scheme: 'business_registration_number', value: '230500100012345' },
        { scheme: 'organization_code', value: 'MA1B3N1N2' },
      ]),
    );
  });

  it('is idempotent: the same file again answers with the same record ids and stores nothing new', async () => {
    const file = csv([V2_PENALTY, v2Row({ CF_WSH: '市场【2026】9号' })]);
    const once = (await (await upload(t, amr, file, { severity: 'light' })).json()) as ImportReport;
    const before = await keysCount();
    const twice = (await (await upload(t, amr, file, { severity: 'light' })).json()) as ImportReport;
    expect(twice.rows[0]).toEqual(once.rows[0]);
    expect(once.rows[0]).toMatchObject({ status: 'accepted', recordId: expect.any(String) });
    expect(await keysCount()).toBe(before);
  });

  it('imports a c.2016 (v1) penalty file: code_2 is the organisation code, code_3 the registration number', async () => {
    const file = csv([
      [
        'CF_WSH',
        'CF_CFMC',
        'CF_CFLB1',
        'CF_SY',
        'CF_YJ',
        'CF_XDR_MC',
        'CF_XDR_SHXYM',
        'CF_XDR_ZDM',
        'CF_XDR_GSDJ',
        'CF_JG',
        'CF_JDRQ',
        'CF_XZJG',
        'CF_YXQ',
        'CF_ZT',
        'SJC',
      ],
      [
        '深市监罚〔2026〕7号',
        '行政处罚决定书',
        '罚款',
        '无照经营',
        '《无证无照经营查处办法》',
        '深圳甲公司',
        '91310112087994932F',
        '08799493-2',
        '310112000999999',
        '罚款5000元',
        '2026年2月3日',
        ORGS.amr.name,
        '2026-08-03',
        '1',
        '1770000000',
      ],
    ]);
    const report = (await (await upload(t, amr, file, { severity: 'light' })).json()) as ImportReport;
    expect(report).toMatchObject({ total: 1, accepted: 1, rejected: 0 });
    const record = await published(report.rows[0]!.recordId!);
    expect(record?.details).toMatchObject({
      decisionDocumentName: '行政处罚决定书',
      category: '罚款',
      content: '罚款5000元',
      decisionDate: '2026-02-03',
      decidingAuthority: { name: ORGS.amr.name, uscc: ORGS.amr.uscc },
      sourceOrganization: { name: ORGS.amr.name, uscc: ORGS.amr.uscc },
    });
    const { rows } = await db().query(`SELECT aliases FROM subjects WHERE subject_key = $1`, ['91310112087994932F']);
    expect(rows[0].aliases).toEqual(
      expect.arrayContaining([
        { scheme: 'organization_code', value: '08799493-2' },
        { scheme: 'business_registration_number', value: '310112000999999' },
      ]),
    );
  });

  it('imports an XLSX of licences (shared strings after the sheet, date cells as serial numbers)', async () => {
    const rows = [
      [
        'XK_XDR_MC',
        'XK_XDR_SHXYM',
        'XK_XKWS',
        'XK_WSH',
        'XK_XKLB',
        'XK_NR',
        'XK_JDRQ',
        'XK_YXQZ',
        'XK_YXQZI',
        'XK_XKJG',
        'XK_XKJGDM',
      ],
      [
        '深圳乙公司',
        '91152201078377449P',
        '准予许可决定书',
        '深市监许〔2026〕1号',
        '普通',
        '食品经营许可',
        '46063',
        '46063',
        '47889',
        ORGS.amr.name,
        ORGS.amr.uscc,
      ],
      [
        '深圳丙公司',
        '',
        '准予许可决定书',
        '深市监许〔2026〕2号',
        '普通',
        '食品经营许可',
        '46063',
        '',
        '',
        ORGS.amr.name,
        ORGS.amr.uscc,
      ],
    ];
    const numeric = (r: number, c: number) => r > 0 && c >= 6 && c <= 8;
    const response = await upload(t, amr, xlsxWorkbook(rows, { numeric }), { filename: '许可.xlsx' });
    expect(response.status).toBe(200);
    const report = (await response.json()) as ImportReport;
    expect(report).toMatchObject({ total: 2, accepted: 1, rejected: 1 });
    expect(report.rows[1]).toMatchObject({
      row: 3,
      status: 'rejected',
      errors: [expect.objectContaining({ field: 'XK_XDR_SHXYM' })],
    });
    const record = await published(report.rows[0]!.recordId!);
    expect(record?.details).toMatchObject({ decisionDate: '2026-02-10', validFrom: '2026-02-10', validUntil: '2031-02-10' });
  });

  it('refuses a header with unknown codes or mixed generations as a whole (400, nothing stored)', async () => {
    const before = await keysCount();
    const unknown = await upload(
      t,
      amr,
      csv([
        [...V2_PENALTY, 'CF_FOO'],
        [...v2Row(), 'x'],
      ]),
    );
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({
      code: 'IMPORT.UNKNOWN_COLUMNS',
      errors: [expect.objectContaining({ field: 'CF_FOO', code: 'UNKNOWN_COLUMN' })],
    });
    const mixed = await upload(
      t,
      amr,
      csv([
        ['CF_XDR_MC', 'CF_XDR_ZDM', 'CF_XDR_GSZC', 'CF_WSH'],
        ['a', 'b', 'c', 'd'],
      ]),
    );
    expect(await mixed.json()).toMatchObject({ status: 400, code: 'IMPORT.MIXED_GENERATIONS' });
    expect(await keysCount()).toBe(before);
  });

  it('refuses a CSV that breaks half-way as a whole: rows before the break are not stored', async () => {
    const before = await keysCount();
    const file = csv([V2_PENALTY, v2Row({ CF_WSH: '市场【2026】20号' })]) + '\r\n"unterminated,' + v2Row().slice(1).join(',');
    const response = await upload(t, amr, file);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'IMPORT.MALFORMED_CSV', detail: expect.stringMatching(/line 3/) });
    expect(await keysCount()).toBe(before);
  });

  it.each([
    [
      'a GBK-encoded CSV',
      Buffer.from([0x43, 0x46, 0x5f, 0x57, 0x53, 0x48, 0x0a, 0xc4, 0xb3, 0xb9, 0xab, 0xcb, 0xbe, 0x0a]),
      'a.csv',
      400,
      'IMPORT.ENCODING',
    ],
    ['a truncated XLSX', xlsxWorkbook([['CF_WSH'], ['x']]).subarray(0, 300), 'a.xlsx', 400, 'IMPORT.MALFORMED_XLSX'],
    [
      'a legacy .xls',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      'a.xls',
      415,
      'IMPORT.UNSUPPORTED_FORMAT',
    ],
    ['an empty file', Buffer.alloc(0), 'a.csv', 400, 'IMPORT.EMPTY_FILE'],
    ['a header without rows', Buffer.from('CF_XDR_MC,CF_WSH\r\n'), 'a.csv', 400, 'IMPORT.NO_ROWS'],
    ['a file without 双公示 codes', Buffer.from('name,uscc\nx,y\n'), 'a.csv', 400, 'IMPORT.UNKNOWN_RECORD_TYPE'],
  ])('answers %s with a problem, never a 5xx', async (_, bytes, filename, status, code) => {
    const response = await upload(t, amr, bytes, { filename });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status, code });
  });

  it('answers an oversize file with 413, and a bad form with 400/415', async () => {
    const big = csv([V2_PENALTY, ...Array.from({ length: 1200 }, (_, i) => v2Row({ CF_WSH: `大文件【2026】${i}号` }))]);
    expect(Buffer.byteLength(big)).toBeGreaterThan(MAX_BYTES);
    const oversize = await upload(t, amr, big);
    expect(oversize.status).toBe(413);
    expect(await oversize.json()).toMatchObject({
      code: 'IMPORT.FILE_TOO_LARGE',
      errors: [expect.objectContaining({ field: 'file' })],
    });

    const noFile = await upload(t, amr, undefined, { severity: 'light' });
    expect(await noFile.json()).toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ field: 'file', code: 'REQUIRED' })],
    });
    const badSeverity = await upload(t, amr, csv([V2_PENALTY, v2Row()]), { severity: 'severe' });
    expect(await badSeverity.json()).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'severity' })] });
    const extra = await upload(t, amr, csv([V2_PENALTY, v2Row()]), { fields: { kind: 'x' } });
    expect(await extra.json()).toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ field: 'kind', code: 'UNKNOWN_FIELD' })],
    });
    const json = await fetch(`${t.url}/api/v1/records/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${amr}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({ code: 'IMPORT.NOT_MULTIPART' });
  });

  it('admits providers only, each importing as its own organisation (organisation × role)', async () => {
    const file = csv([V2_PENALTY, v2Row({ CF_WSH: '市场【2026】77号' })]);
    const callers = [
      { org: ORGS.amr.id, roles: ['regulator'] },
      { org: ORGS.amr.id, roles: ['enforcer'] },
      { org: ORGS.amr.id, roles: ['auditor'] },
      { org: 'platform', roles: ['operator'] },
      { org: '91230500MA1B3N1N2M', roles: ['subject'], subject: '91230500MA1B3N1N2M' },
    ] as const;
    for (const caller of callers) {
      const token = await t.token({ ...caller, roles: [...caller.roles] });
      const response = await upload(t, token, file);
      expect({ caller, status: response.status }).toEqual({ caller, status: 403 });
    }
    expect((await upload(t, undefined, file)).status).toBe(401);

    const own = (await (await upload(t, amr, file, { severity: 'light' })).json()) as ImportReport;
    const tax = await t.token({ org: ORGS.tax.id, roles: ['provider'] });
    const other = (await (await upload(t, tax, file, { severity: 'light' })).json()) as ImportReport;
    // The same file from another provider is that provider's record, never the first provider's.
    expect(other.rows[0]).toMatchObject({ status: 'accepted' });
    expect(other.rows[0]!.recordId).not.toBe(own.rows[0]!.recordId);
    const { rows } = await db().query(
      `SELECT provider_org FROM record_keys WHERE record_id = ANY($1::text[]) ORDER BY provider_org`,
      [[own.rows[0]!.recordId, other.rows[0]!.recordId]],
    );
    expect(rows.map((r) => r['provider_org'])).toEqual([ORGS.amr.id, ORGS.tax.id]);

    // An association may import only market/industry kinds: its penalty rows are rejected, not stored.
    const bakers = await t.token({ org: ORGS.bakers.id, roles: ['provider'] });
    const refused = (await (await upload(t, bakers, file, { severity: 'light' })).json()) as ImportReport;
    expect(refused).toMatchObject({ accepted: 0, rejected: 1 });
    expect(refused.rows[0]!.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'NOT_MARKET_CREDIT_ITEM' })]),
    );
  });
});
