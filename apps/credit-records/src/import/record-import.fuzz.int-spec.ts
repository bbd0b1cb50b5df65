// Fuzzing POST /api/v1/records/import over HTTP against a real PostgreSQL: random and mutated CSV and XLSX bytes
// (flipped, inserted, deleted and truncated bytes in valid files — compressed and stored workbooks, so both the ZIP
// layer and the XML parser get garbage — and random headers and cells) with random form fields. Whatever arrives,
// the answer is never a 5xx: either a report whose rows add up, or a problem document with a code.
import { FixedClock, startTestApp, type TestApp } from '@credit-share/testing';
import fc from 'fast-check';
import { CreditRecordsModule } from '../credit-records.module';
import { ORGS, PLATFORM, registerOrganizations } from '../record/record.fixture';
import { xlsxWorkbook } from './xlsx.fixture';

const HEADER = [
  'CF_XDR_MC',
  'CF_XDR_LB',
  'CF_XDR_SHXYM',
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
const ROW = [
  '双鸭山智慧城市运营有限公司',
  '法人及非法人组织',
  '91230500MA1B3N1N2M',
  '市场【2026】1号',
  '违规',
  '罚款',
  '事实',
  '依据',
  '罚款2000元',
  '0.2',
  '2026-02-10',
  '2026-02-17',
  '深圳市市场监督管理局',
  '11440300690000015X',
  '深圳市市场监督管理局',
  '11440300690000015X',
];
const rowsOf = (n: number) => [
  HEADER,
  ...Array.from({ length: n }, (_, i) => ROW.map((c, j) => (j === 3 ? `FUZZ【2026】${i}号` : c))),
];
const VALID_CSV = Buffer.from(
  '\uFEFF' +
    rowsOf(4)
      .map((r) => r.join(','))
      .join('\r\n') +
    '\r\n',
);
const VALID_XLSX = xlsxWorkbook(rowsOf(3));
const STORED_XLSX = xlsxWorkbook(rowsOf(3), { stored: true, inlineStrings: true });

type Mutation = { kind: 'flip' | 'insert' | 'delete' | 'truncate'; at: number; bytes: number[] };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('flip', 'insert', 'delete', 'truncate'),
  at: fc.nat(),
  bytes: fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x22, 0x2c, 0x0d, 0x0a, 0x3c, 0x3e, 0x26, 0x00)), {
    minLength: 1,
    maxLength: 8,
  }),
});

function mutate(base: Buffer, mutations: readonly Mutation[]): Buffer {
  let bytes = Buffer.from(base);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length;
    if (m.kind === 'flip') for (let i = 0; i < m.bytes.length && at + i < bytes.length; i++) bytes[at + i] = m.bytes[i]!;
    else if (m.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)]);
    else if (m.kind === 'delete') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.bytes.length * 7)]);
    else bytes = bytes.subarray(0, at);
  }
  return bytes;
}

const cell = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', '某', '"', ',', '\r', '\n', ' ', '0', '9', '-', '年', '.', 'E'), maxLength: 12 }),
  fc.constantFrom(
    '',
    '0.2',
    '-1',
    '1e400',
    '2026-02-30',
    '20260210',
    '2026年2月10日',
    '1770000000',
    '91230500MA1B3N1N2M',
    '轻微',
    '自然人',
  ),
);
const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
const randomCsv = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom(...HEADER, 'CF_XDR_ZDM', 'CF_XDR_GSZC', 'XK_WSH', 'SEVERITY', 'BZ', 'isinvalid'), cell), {
      minLength: 1,
      maxLength: 10,
    }),
    fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 6 }),
  )
  .map(([header, rows]) => Buffer.from([header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n')));

const upload = fc.record({
  file: fc.oneof(
    fc.array(mutation, { minLength: 1, maxLength: 4 }).map((m) => ({ bytes: mutate(VALID_CSV, m), name: 'fuzz.csv' })),
    fc.array(mutation, { minLength: 1, maxLength: 3 }).map((m) => ({ bytes: mutate(VALID_XLSX, m), name: 'fuzz.xlsx' })),
    fc.array(mutation, { minLength: 1, maxLength: 3 }).map((m) => ({ bytes: mutate(STORED_XLSX, m), name: 'fuzz.xlsx' })),
    randomCsv.map((bytes) => ({ bytes, name: 'random.csv' })),
    fc
      .uint8Array({ maxLength: 512 })
      .map((b) => ({ bytes: Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from(b)]), name: 'x.xlsx' })),
    fc.uint8Array({ maxLength: 512 }).map((b) => ({ bytes: Buffer.from(b), name: 'x.bin' })),
  ),
  severity: fc.option(fc.oneof(fc.constantFrom('light', 'general', 'serious', '严重'), fc.string({ maxLength: 8 })), {
    nil: undefined,
  }),
});

describe('fuzzing POST /api/v1/records/import: never a 5xx', () => {
  let t: TestApp;
  let token: string;
  const seen = new Map<number, number>();

  beforeAll(async () => {
    t = await startTestApp({
      modules: [CreditRecordsModule.forRoot({ platform: PLATFORM, recordImport: { maxFileBytes: 64 * 1024 } })],
      clock: new FixedClock('2026-03-02T10:00:00+08:00'),
    });
    await registerOrganizations(t, await t.token({ org: 'platform', roles: ['operator'] }));
    token = await t.token({ org: ORGS.amr.id, roles: ['provider'] });
  });
  afterAll(() => t.close());

  it('answers every random or mutated CSV/XLSX upload with a report or a 4xx problem', async () => {
    await fc.assert(
      fc.asyncProperty(upload, async ({ file, severity }) => {
        const form = new FormData();
        if (severity !== undefined) form.append('severity', severity);
        form.append('file', new Blob([file.bytes]), file.name);
        const response = await fetch(`${t.url}/api/v1/records/import`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: form,
        });
        const text = await response.text();
        seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
        expect(response.status).toBeLessThan(500);
        const body = JSON.parse(text) as Record<string, unknown>;
        if (response.status === 200) {
          const report = body as { total: number; accepted: number; rejected: number; rows: { status: string }[] };
          expect(report.rows).toHaveLength(report.total);
          expect(report.accepted + report.rejected).toBe(report.total);
          expect(report.rows.filter((r) => r.status === 'accepted')).toHaveLength(report.accepted);
        } else {
          expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
          expect(body).toMatchObject({ status: response.status, code: expect.any(String), detail: expect.any(String) });
        }
      }),
      { numRuns: 150 },
    );
    // The fuzzer reached both outcomes: imports that ran and files that were refused.
    expect(seen.get(200)).toBeGreaterThan(0);
    expect([...seen.keys()].some((s) => s >= 400 && s < 500)).toBe(true);
  }, 300_000);
});
