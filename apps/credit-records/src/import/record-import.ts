// File import as a pipeline over a spooled upload: rows are read as a stream, mapped from 双公示 codes onto
// RecordSubmissionV1, and handed to the record core in chunks of at most 1,000, so memory stays flat whatever the
// file's length. The file is read twice: a first pass proves the whole file readable (encoding, quoting, ZIP and XML
// structure, header) before anything is stored — a malformed file is refused as a whole with a 4xx, never half
// imported — and the second pass submits. Row-level problems never stop the import: they are rejected rows.
import type { FieldError, SubmissionReport, SubmissionRowReport } from '@credit-share/contracts';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import {
  columnOf,
  HeaderError,
  mapRow,
  resolveHeader,
  type ColumnMapping,
  type MappedRow,
  type RowDefaults,
} from './column-mapping';
import { readCsvRows, type SheetRow } from './csv-reader';
import { ImportFileError } from './import-file.error';
import { readXlsxRows } from './xlsx-reader';

export const IMPORT_CHUNK_ROWS = 1_000;

export type ImportFormat = 'csv' | 'xlsx';

export interface ImportFile {
  path: string;
  /** As uploaded; used with the content to tell XLSX from CSV. */
  filename?: string;
  mimeType?: string;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

/** CSV or XLSX, by the file's first bytes (a ZIP is a workbook), its name and its declared type. */
export async function detectFormat(file: ImportFile): Promise<ImportFormat> {
  const handle = await open(file.path, 'r');
  const head = Buffer.alloc(4);
  try {
    await handle.read(head, 0, 4, 0);
  } finally {
    await handle.close();
  }
  const starts = (magic: number[]) => magic.every((b, i) => head[i] === b);
  if (starts(OLE2_MAGIC)) {
    throw new ImportFileError(
      415,
      'IMPORT.UNSUPPORTED_FORMAT',
      'legacy Excel 97–2003 (.xls) files are not accepted; save the sheet as .xlsx or as CSV UTF-8',
    );
  }
  if (starts(ZIP_MAGIC) || /\.xls[xm]$/i.test(file.filename ?? '') || file.mimeType === XLSX_MIME) return 'xlsx';
  return 'csv';
}

function rowsOf(file: ImportFile, format: ImportFormat): AsyncGenerator<SheetRow> {
  return format === 'xlsx' ? readXlsxRows(file.path) : readCsvRows(createReadStream(file.path, { highWaterMark: 256 * 1024 }));
}

/** The header's mapping and every mapped row; a header that cannot be imported is a 400 for the whole file. */
async function* mappedRows(
  file: ImportFile,
  format: ImportFormat,
  defaults: RowDefaults,
  onHeader: (mapping: ColumnMapping) => void,
): AsyncGenerator<MappedRow> {
  let mapping: ColumnMapping | undefined;
  for await (const { row, cells } of rowsOf(file, format)) {
    if (!mapping) {
      mapping = headerOf(cells);
      onHeader(mapping);
      continue;
    }
    yield mapRow(mapping, row, cells, defaults);
  }
  if (!mapping)
    throw new ImportFileError(400, 'IMPORT.EMPTY_FILE', 'the file is empty: the first row must name the 双公示 columns');
}

export interface ImportPreflight {
  format: ImportFormat;
  mapping: ColumnMapping;
  /** Data rows (blank rows not counted). */
  rows: number;
}

/** The first pass: reads the whole file without storing anything; throws ImportFileError for a malformed file. */
export async function preflightImport(file: ImportFile): Promise<ImportPreflight> {
  const format = await detectFormat(file);
  let mapping: ColumnMapping | undefined;
  let rows = 0;
  for await (const { cells } of rowsOf(file, format)) {
    if (mapping) rows++;
    else mapping = headerOf(cells);
  }
  if (!mapping)
    throw new ImportFileError(400, 'IMPORT.EMPTY_FILE', 'the file is empty: the first row must name the 双公示 columns');
  if (rows === 0) {
    throw new ImportFileError(400, 'IMPORT.NO_ROWS', 'the file has a header but no rows to import', [
      { field: 'file', code: 'NO_ROWS', message: 'no data rows below the header' },
    ]);
  }
  return { format, mapping, rows };
}

export type SubmitRows = (rows: MappedRow[]) => Promise<SubmissionReport>;

/**
 * The second pass: submits the rows in chunks and hands each row's report to `onRow` in file order, with the record
 * core's field errors renamed to the file's 双公示 columns. Returns the totals.
 */
export async function runImport(
  file: ImportFile,
  format: ImportFormat,
  defaults: RowDefaults,
  submit: SubmitRows,
  onRow: (report: SubmissionRowReport) => void | Promise<void>,
  chunkRows = IMPORT_CHUNK_ROWS,
): Promise<{ accepted: number; rejected: number }> {
  let mapping: ColumnMapping | undefined;
  let accepted = 0;
  let rejected = 0;
  const rows = mappedRows(file, format, defaults, (m) => (mapping = m));
  const nextChunk = async (): Promise<MappedRow[]> => {
    const chunk: MappedRow[] = [];
    while (chunk.length < chunkRows) {
      const next = await rows.next();
      if (next.done) break;
      chunk.push(next.value);
    }
    return chunk;
  };
  // The next chunk is read and mapped while the current one is being stored: parsing hides behind the database.
  let pending = nextChunk();
  for (;;) {
    const chunk = await pending;
    if (chunk.length === 0) break;
    pending = nextChunk();
    pending.catch(() => undefined); // surfaces at the next await
    const report = await submit(chunk);
    for (const row of report.rows) {
      const renamed = row.errors ? { ...row, errors: row.errors.map((e) => renameField(mapping!, e)) } : row;
      if (renamed.status === 'accepted') accepted++;
      else rejected++;
      await onRow(renamed);
    }
  }
  return { accepted, rejected };
}

function headerOf(cells: readonly string[]): ColumnMapping {
  try {
    return resolveHeader(cells);
  } catch (error) {
    if (error instanceof HeaderError) throw new ImportFileError(400, error.code, error.message, error.errors);
    throw error;
  }
}

function renameField(mapping: ColumnMapping, error: FieldError): FieldError {
  const field = columnOf(mapping, error.field);
  return field === error.field ? error : { ...error, field };
}
