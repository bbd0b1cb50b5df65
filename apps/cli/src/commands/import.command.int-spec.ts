// `npx credit-share import <file>` against a real credit-records service: the file is streamed up, progress follows
// the upload and the rows as the platform stores them, and the outcome says what was accepted and refused.
import { FixedClock, startTestApp, type TestApp } from '@credit-share/testing';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreditRecordsModule } from '../../../credit-records/src/credit-records.module';
import { ORGS, PLATFORM, registerOrganizations } from '../../../credit-records/src/record/record.fixture';
import { xlsxWorkbook } from '../../../credit-records/src/import/xlsx.fixture';
import { importCommand, importFile, progressDisplay, summarise, type ImportProgress } from './import.command';

const HEADER =
  'CF_XDR_MC,CF_XDR_LB,CF_XDR_SHXYM,CF_WSH,CF_WFXW,CF_CFLB,CF_SY,CF_YJ,CF_NR,CF_NR_FK,CF_JDRQ,CF_YXQ,CF_CFJG,CF_CFJGDM,CF_SJLY,CF_SJLYDM';
const row = (n: number, uscc = '91230500MA1B3N1N2M') =>
  `某公司${n},法人及非法人组织,${uscc},CLI【2026】${n}号,违规,罚款,事实,依据,罚款2000元,0.2,2026-02-10,2026-02-17,深圳市市场监督管理局,11440300690000015X,深圳市市场监督管理局,11440300690000015X`;

describe('npx credit-share import (real PostgreSQL)', () => {
  let t: TestApp;
  let token: string;
  const dir = mkdtempSync(join(tmpdir(), 'cli-import-'));

  beforeAll(async () => {
    t = await startTestApp({
      modules: [CreditRecordsModule.forRoot({ platform: PLATFORM })],
      clock: new FixedClock('2026-03-02T10:00:00+08:00'),
    });
    await registerOrganizations(t, await t.token({ org: 'platform', roles: ['operator'] }));
    token = await t.token({ org: ORGS.amr.id, roles: ['provider'] });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads a CSV with progress through upload and rows, and reports accepted and rejected rows', async () => {
    const file = join(dir, 'penalties.csv');
    const lines = [HEADER, ...Array.from({ length: 2500 }, (_, i) => row(i)), row(9999, '91230500MA1B3N1N2X')];
    writeFileSync(file, lines.join('\r\n'));
    const progress: ImportProgress[] = [];
    const outcome = await importFile({ url: t.url, token, file, severity: 'general', onProgress: (p) => progress.push(p) });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.report).toMatchObject({ total: 2501, accepted: 2500, rejected: 1 });
    expect(outcome.report.rows.at(-1)).toMatchObject({
      row: 2502,
      status: 'rejected',
      errors: [expect.objectContaining({ field: 'CF_XDR_SHXYM', code: 'CHECKSUM' })],
    });
    const uploads = progress.filter((p) => p.phase === 'upload');
    const rows = progress.filter((p) => p.phase === 'rows');
    expect(uploads.at(-1)).toEqual({ phase: 'upload', done: uploads.at(-1)!.total, total: uploads.at(-1)!.total });
    expect(rows.at(-1)).toEqual({ phase: 'rows', done: 2501, total: 2501 });
    expect(rows.map((p) => p.done)).toEqual([...rows.map((p) => p.done)].sort((a, b) => a - b));
    expect(summarise(outcome, 'penalties.csv')).toMatch(
      /penalties\.csv: 2501 rows — 2500 accepted, 1 rejected\n {2}row 2502: CF_XDR_SHXYM CHECKSUM/,
    );
  });

  it('uploads an XLSX, and reports a refused file with its problem', async () => {
    const xlsx = join(dir, 'p.xlsx');
    writeFileSync(xlsx, xlsxWorkbook([HEADER.split(','), row(50_000).split(',')]));
    const good = await importFile({ url: t.url, token, file: xlsx, severity: 'light' });
    expect(good).toMatchObject({ ok: true, report: { accepted: 1, rejected: 0 } });

    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, `${HEADER},CF_NOPE\r\n${row(1)},x`);
    const refused = await importFile({ url: t.url, token, file: broken });
    expect(refused).toMatchObject({ ok: false, status: 400, problem: { code: 'IMPORT.UNKNOWN_COLUMNS' } });
    expect(summarise(refused, 'broken.csv')).toMatch(
      /refused \(HTTP 400, IMPORT\.UNKNOWN_COLUMNS\)[\s\S]*CF_NOPE: UNKNOWN_COLUMN/,
    );
  });

  it('exits 0 when every row is accepted and 1 when a row is rejected or the file refused, printing the summary', async () => {
    const run = async (file: string, extra: string[] = []) => {
      let printed = '';
      const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        printed += String(chunk);
        return true;
      });
      const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      const saved = process.exitCode;
      try {
        await importCommand([file, '--url', t.url, '--token', token, ...extra]);
        return { exitCode: process.exitCode, printed };
      } finally {
        process.exitCode = saved;
        out.mockRestore();
        err.mockRestore();
      }
    };
    const good = join(dir, 'good.csv');
    writeFileSync(good, `${HEADER}\r\n${row(60_000)}`);
    const report = join(dir, 'report.json');
    expect(await run(good, ['--severity', 'serious', '--report', report])).toEqual({
      exitCode: 0,
      printed: 'good.csv: 1 rows — 1 accepted, 0 rejected\n',
    });
    expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({ accepted: 1, rows: [{ row: 2, status: 'accepted' }] });
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${HEADER}\r\n${row(60_001, '91230500MA1B3N1N2X')}`);
    expect(await run(bad, ['--severity', 'serious'])).toMatchObject({
      exitCode: 1,
      printed: expect.stringMatching(/1 rejected/),
    });
    const refused = join(dir, 'refused.csv');
    writeFileSync(refused, 'not,a,header\r\n1,2,3');
    expect(await run(refused)).toMatchObject({ exitCode: 1, printed: expect.stringMatching(/refused \(HTTP 400/) });
    await expect(importCommand([good, '--severity', 'severe', '--url', t.url, '--token', token])).rejects.toThrow(/--severity/);
  });

  it('draws a bar on a terminal and plain lines elsewhere', () => {
    const written: string[] = [];
    const sink = (isTTY: boolean) => ({ isTTY, write: (s: string) => written.push(s) !== 0 }) as unknown as NodeJS.WritableStream;
    const plain = progressDisplay(sink(false));
    for (let done = 0; done <= 100; done += 5) plain.update({ phase: 'rows', done, total: 100 });
    expect(written).toHaveLength(11);
    expect(written[10]).toBe('import: 100% (rows 100 of 100)\n');
    written.length = 0;
    const bar = progressDisplay(sink(true));
    bar.update({ phase: 'rows', done: 50, total: 100 });
    bar.finish();
    expect(written[0]).toMatch(/^\r\[#{15}\.{15}\]  50% rows 50 of 100/);
    expect(written[1]).toBe('\n');
  });
});
