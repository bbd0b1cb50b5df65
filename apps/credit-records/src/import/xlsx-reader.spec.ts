import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type { SheetRow } from './csv-reader';
import { ImportFileError } from './import-file.error';
import { xlsxWorkbook, zip } from './xlsx.fixture';
import { readXlsxRows, type XlsxLimits } from './xlsx-reader';

const dir = mkdtempSync(join(tmpdir(), 'xlsx-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function rowsOf(bytes: Buffer, limits?: XlsxLimits): Promise<SheetRow[]> {
  const path = join(dir, `f${n++}.xlsx`);
  writeFileSync(path, bytes);
  const out: SheetRow[] = [];
  for await (const row of readXlsxRows(path, limits)) out.push(row);
  return out;
}

async function failure(bytes: Buffer, limits?: XlsxLimits): Promise<ImportFileError> {
  try {
    await rowsOf(bytes, limits);
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('expected an ImportFileError');
}

const sheet = (rowsXml: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rowsXml}</sheetData></worksheet>`;
const workbook = '<workbook xmlns:r="r"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>';
const rels =
  '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="x/sharedStrings" Target="sharedStrings.xml"/></Relationships>';
const book = (sheetXml: string, shared = '<sst></sst>') =>
  zip([
    ['xl/workbook.xml', Buffer.from(workbook)],
    ['xl/_rels/workbook.xml.rels', Buffer.from(rels)],
    ['xl/worksheets/sheet1.xml', Buffer.from(sheetXml)],
    ['xl/sharedStrings.xml', Buffer.from(shared)],
  ]);

describe('streaming XLSX reader', () => {
  it('reads shared strings written after the sheet, inline strings and numbers, deflated or stored', async () => {
    const rows = [
      ['CF_XDR_MC', 'CF_NR_FK', 'CF_JDRQ'],
      ['双鸭山智慧城市运营有限公司', '0.2', '43748'],
      ['<乙&公司>', '', '2019-10-10'],
    ];
    const numeric = (r: number, c: number) => r > 0 && c > 0 && /^[\d.]+$/.test(rows[r]![c]!);
    const expected = [
      { row: 1, cells: rows[0] },
      { row: 2, cells: rows[1] },
      { row: 3, cells: ['<乙&公司>', '', '2019-10-10'] },
    ];
    expect(await rowsOf(xlsxWorkbook(rows, { numeric }))).toEqual(expected);
    expect(await rowsOf(xlsxWorkbook(rows, { inlineStrings: true, stored: true }))).toEqual(expected);
  });

  it('places cells by their reference, keeps spreadsheet row numbers, skips empty rows and reads rich text without phonetics', async () => {
    const shared = '<sst><si><r><t>某</t></r><r><t>公司</t></r><rPh><t>ムウ</t></rPh></si><si><t>x</t></si></sst>';
    const xml = sheet(
      '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="C1" t="str"><v>f</v></c></row>' +
        '<row r="2"></row><row r="3"/>' +
        '<row r="5"><c r="B5" t="s"><v>0</v></c><c r="D5" t="b"><v>1</v></c></row>',
    );
    expect(await rowsOf(book(xml, shared))).toEqual([
      { row: 1, cells: ['x', '', 'f'] },
      { row: 5, cells: ['', '某公司', '', '1'] },
    ]);
  });

  it.each([
    ['not a ZIP at all', Buffer.from('CF_XDR_MC,CF_WSH\n')],
    ['a truncated ZIP', xlsxWorkbook([['a']]).subarray(0, 200)],
    ['a ZIP without a workbook', zip([['hello.txt', Buffer.from('hi')]])],
    ['a sheet that is not XML', book('<worksheet><sheetData><row><c><v>1</v></row></sheetData>')],
    ['a reference to a missing shared string', book(sheet('<row r="1"><c r="A1" t="s"><v>7</v></c></row>'))],
  ])('refuses %s with a 400 problem', async (_, bytes) => {
    const error = await failure(bytes);
    expect(error).toMatchObject({ status: 400, code: 'IMPORT.MALFORMED_XLSX' });
    expect(error.message).toMatch(/XLSX/);
  });

  it('refuses a corrupt deflate stream', async () => {
    const good = xlsxWorkbook([['CF_XDR_MC'], ['某公司']]);
    const corrupt = Buffer.from(good);
    // Overwrite the middle of the sheet's compressed bytes (the 4th local entry).
    const at = corrupt.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) + 'xl/worksheets/sheet1.xml'.length;
    corrupt.fill(0xff, at, at + 12);
    expect(await failure(corrupt)).toMatchObject({ code: 'IMPORT.MALFORMED_XLSX' });
  });

  it('stops a ZIP bomb at the inflated-size cap with 413', async () => {
    const huge = `<worksheet><sheetData>${'<row></row>'.repeat(200_000)}</sheetData></worksheet>`;
    expect(deflateRawSync(huge).length).toBeLessThan(huge.length / 100);
    const limits = { maxPartBytes: 100_000, maxSharedStringChars: 1000, maxColumns: 50, maxCellChars: 100 };
    expect(await failure(book(huge), limits)).toMatchObject({ status: 413, code: 'IMPORT.PART_TOO_LARGE' });
  });

  it('refuses cells beyond the column limit and shared strings beyond their cap', async () => {
    const limits = { maxPartBytes: 1_000_000, maxSharedStringChars: 10, maxColumns: 50, maxCellChars: 100 };
    expect(await failure(book(sheet('<row r="1"><c r="XFD1"><v>1</v></c></row>')), limits)).toMatchObject({
      code: 'IMPORT.TOO_MANY_COLUMNS',
    });
    expect(await failure(book(sheet(''), '<sst><si><t>01234567890</t></si></sst>'), limits)).toMatchObject({
      status: 413,
      code: 'IMPORT.SHARED_STRINGS_TOO_LARGE',
    });
  });

  it('does not expand entities declared in the file', async () => {
    const bomb =
      '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><worksheet><sheetData><row r="1"><c r="A1" t="str"><v>&a;</v></c></row></sheetData></worksheet>';
    expect(await failure(book(bomb))).toMatchObject({ code: 'IMPORT.MALFORMED_XLSX' });
  });
});
