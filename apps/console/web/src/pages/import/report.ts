// The import report (SubmissionReport, PRODUCT.md §4) as the provider needs it: the rejected rows of the file they
// uploaded, as a CSV with the same header, to fix and upload again, and the list of errors, as a CSV to work
// through. Rows are numbered as in the file (the header is row 1, so the first data row is row 2), the numbering
// spreadsheet programs show. Pure, unit-tested.
import type { SubmissionReport, SubmissionRowReport } from '../../../../../../libs/contracts/src/records/submission.contract';

export type { SubmissionReport, SubmissionRowReport };

/** The row number the report gives the first data row. */
export const FIRST_DATA_ROW = 2;

/** RFC 4180 CSV (quotes, doubled quotes, CRLF or LF, a UTF-8 BOM) into records of fields. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endRecord();
      i++;
    } else if (c === '\n' || c === '\r') endRecord();
    else field += c;
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/** Fields quoted where RFC 4180 needs it; CRLF line ends; a BOM so spreadsheet programs read UTF-8. */
export function toCsv(records: readonly (readonly string[])[]): string {
  const quote = (value: string) => (/[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return '\uFEFF' + records.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

export function rejectedRows(report: SubmissionReport): SubmissionRowReport[] {
  return report.rows.filter((r) => r.status === 'rejected');
}

/**
 * The header and the rejected rows of the uploaded CSV, unchanged, ready to be fixed and uploaded again. Undefined
 * when the file has no header row.
 */
export function rejectedRowsCsv(fileText: string, report: SubmissionReport): string | undefined {
  const [header, ...data] = parseCsv(fileText);
  if (!header) return undefined;
  const rows = rejectedRows(report)
    .map((r) => data[r.row - FIRST_DATA_ROW])
    .filter((r): r is string[] => r !== undefined);
  return toCsv([header, ...rows]);
}

/** One line per field error of the rejected rows: row, field, code, message. */
export function errorsCsv(report: SubmissionReport, header: readonly [string, string, string, string]): string {
  const lines = rejectedRows(report).flatMap((r) =>
    (r.errors?.length ? r.errors : [{ field: '', code: '', message: '' }]).map((e) => [
      String(r.row),
      e.field,
      e.code,
      e.message,
    ]),
  );
  return toCsv([header, ...lines]);
}
