import fc from 'fast-check';
import { readCsvRows, type SheetRow } from './csv-reader';
import { ImportFileError } from './import-file.error';

const bytes = (text: string) => new TextEncoder().encode(text);

async function rows(chunks: Array<Uint8Array | string>, limits?: { maxCellChars: number; maxColumns: number }) {
  const out: SheetRow[] = [];
  for await (const row of readCsvRows(
    (async function* () {
      yield* chunks;
    })(),
    limits,
  )) {
    out.push(row);
  }
  return out;
}

async function failure(chunks: Array<Uint8Array | string>): Promise<ImportFileError> {
  try {
    await rows(chunks);
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('expected an ImportFileError');
}

/** Every way of cutting the bytes into two chunks gives the same records (multi-byte characters split included). */
async function everySplit(text: string): Promise<SheetRow[]> {
  const all = bytes(text);
  const whole = await rows([all]);
  for (let cut = 1; cut < all.length; cut++) {
    expect(await rows([all.slice(0, cut), all.slice(cut)])).toEqual(whole);
  }
  return whole;
}

describe('streaming CSV reader (RFC 4180, UTF-8)', () => {
  it('reads quoted fields with escaped quotes, commas and line breaks, CRLF and LF, and a BOM', async () => {
    const text = '\uFEFFCF_XDR_MC,CF_WSH,CF_NR\r\n"某公司,深圳","市场""2019""1号","第一行\r\n第二行"\r\n乙公司,x号,罚款\n';
    expect(await everySplit(text)).toEqual([
      { row: 1, cells: ['CF_XDR_MC', 'CF_WSH', 'CF_NR'] },
      { row: 2, cells: ['某公司,深圳', '市场"2019"1号', '第一行\r\n第二行'] },
      { row: 3, cells: ['乙公司', 'x号', '罚款'] },
    ]);
  });

  it('skips blank lines but counts them, keeps empty cells, and reads a last line without a line end', async () => {
    expect(await everySplit('a,b\n\n,\n"",x\r\nlast,"q"')).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 3, cells: ['', ''] },
      { row: 4, cells: ['', 'x'] },
      { row: 5, cells: ['last', 'q'] },
    ]);
  });

  it('keeps a quote in the middle of an unquoted field as a character', async () => {
    expect(await rows(['a,市场"2019"1号\n'])).toEqual([{ row: 1, cells: ['a', '市场"2019"1号'] }]);
  });

  it('refuses bytes that are not UTF-8 (a GBK export), naming the fix', async () => {
    const gbk = Uint8Array.from([0x43, 0x46, 0x2c, 0xc4, 0xb3, 0xb9, 0xab, 0xcb, 0xbe, 0x0a]); // "CF,某公司" in GBK
    const error = await failure([gbk]);
    expect(error).toMatchObject({ status: 400, code: 'IMPORT.ENCODING' });
    expect(error.message).toMatch(/CSV UTF-8/);
  });

  it('refuses an unterminated quote and text after a closing quote, with the line', async () => {
    expect(await failure(['a,b\n"open,c\n'])).toMatchObject({
      code: 'IMPORT.MALFORMED_CSV',
      message: expect.stringMatching(/line 3/),
    });
    expect(await failure(['a,b\n"x"y,c\n'])).toMatchObject({
      code: 'IMPORT.MALFORMED_CSV',
      message: expect.stringMatching(/line 2/),
    });
  });

  it('refuses binary content, oversized cells and too many columns', async () => {
    expect(await failure([Uint8Array.from([0x50, 0x00, 0x41])])).toMatchObject({ code: 'IMPORT.NOT_TEXT' });
    await expect(rows(['a,' + 'x'.repeat(11) + '\n'], { maxCellChars: 10, maxColumns: 5 })).rejects.toMatchObject({
      code: 'IMPORT.CELL_TOO_LONG',
    });
    await expect(rows(['a,b,c,d,e,f\n'], { maxCellChars: 10, maxColumns: 5 })).rejects.toMatchObject({
      code: 'IMPORT.TOO_MANY_COLUMNS',
    });
  });

  it('reads back what an RFC 4180 writer wrote, for any cells and any chunking', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '某', ',', '"', '\n', '\r\n', ' ', '😀'), maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 7 }),
        async (records, chunkSize) => {
          const text = records.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n');
          const all = bytes(text);
          const chunks: Uint8Array[] = [];
          for (let i = 0; i < all.length; i += chunkSize) chunks.push(all.slice(i, i + chunkSize));
          expect((await rows(chunks)).map((r) => r.cells)).toEqual(records);
        },
      ),
    );
  });
});
