// CSV (RFC 4180) in UTF-8, read as a stream: quoted fields with "" escapes and line breaks inside, CRLF or LF line
// ends, an optional byte-order mark. Memory is bounded by one record (cells are capped), never by the file.
//
// Strict where a mistake would shift data between columns (an unterminated quote, text after a closing quote, bytes
// that are not UTF-8); lenient where the meaning is unambiguous (a quote in the middle of an unquoted field is kept
// as a character — common in document numbers such as 市场"2019"1号).
import { TextDecoder } from 'node:util';
import { malformed } from './import-file.error';

export interface SheetRow {
  /** 1-based record number in the file, the header being 1: what a spreadsheet shows as the row number. */
  row: number;
  cells: string[];
}

export interface CsvLimits {
  maxCellChars: number;
  maxColumns: number;
}

export const DEFAULT_CSV_LIMITS: CsvLimits = { maxCellChars: 32_768, maxColumns: 512 };

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/** Records of a CSV byte stream; blank lines are skipped but counted. */
export async function* readCsvRows(
  source: AsyncIterable<Uint8Array | string>,
  limits: CsvLimits = DEFAULT_CSV_LIMITS,
): AsyncGenerator<SheetRow> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parser = new CsvParser(limits);
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decode(decoder, chunk, true, parser.line);
    yield* parser.push(text);
  }
  yield* parser.push(decode(decoder, new Uint8Array(0), false, parser.line));
  yield* parser.end();
}

function decode(decoder: TextDecoder, bytes: Uint8Array, stream: boolean, line: number): string {
  try {
    return decoder.decode(bytes, { stream });
  } catch {
    throw malformed('IMPORT.ENCODING', `the file is not UTF-8 text (near line ${line}); save the CSV as "CSV UTF-8"`);
  }
}

class CsvParser {
  private state = State.FieldStart;
  private cell = '';
  private cells: string[] = [];
  private record = 1;
  /** Physical line, for messages. */
  line = 1;
  private first = true;
  private lastWasCr = false;

  constructor(private readonly limits: CsvLimits) {}

  *push(text: string): Generator<SheetRow> {
    let start = 0;
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) start = 1;
    }
    // Plain runs of an unquoted or quoted field are appended in one slice, not character by character.
    let runStart = -1;
    const flush = (end: number) => {
      if (runStart >= 0) {
        this.append(text.slice(runStart, end));
        runStart = -1;
      }
    };
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0)
        throw malformed('IMPORT.NOT_TEXT', `the file contains a NUL byte (line ${this.line}): it is not a CSV text file`);
      if (this.lastWasCr) {
        this.lastWasCr = false;
        if (c === LF) continue; // the LF of a CRLF already ended the record
      }
      if (this.state === State.FieldStart) {
        if (c === QUOTE) {
          this.state = State.Quoted;
          continue;
        }
        this.state = State.Unquoted;
      }
      switch (this.state) {
        case State.Unquoted:
          if (c === COMMA) {
            flush(i);
            this.endCell();
          } else if (c === CR || c === LF) {
            flush(i);
            this.lastWasCr = c === CR;
            const row = this.endRecord();
            if (row) yield row;
          } else if (runStart < 0) runStart = i;
          continue;
        case State.Quoted:
          if (c === QUOTE) {
            flush(i);
            this.state = State.QuoteInQuoted;
          } else {
            if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) this.line++;
            if (runStart < 0) runStart = i;
          }
          continue;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            this.append('"');
            this.state = State.Quoted;
          } else if (c === COMMA) {
            this.endCell();
          } else if (c === CR || c === LF) {
            this.lastWasCr = c === CR;
            const row = this.endRecord();
            if (row) yield row;
          } else {
            throw malformed(
              'IMPORT.MALFORMED_CSV',
              `line ${this.line}: unexpected ${JSON.stringify(text[i])} after a closing quote; a quote inside a quoted field is written ""`,
            );
          }
          continue;
      }
    }
    flush(text.length);
  }

  *end(): Generator<SheetRow> {
    if (this.state === State.Quoted) {
      throw malformed('IMPORT.MALFORMED_CSV', `line ${this.line}: a quoted field is never closed before the end of the file`);
    }
    if (this.state !== State.FieldStart || this.cells.length > 0) {
      const row = this.endRecord();
      if (row) yield row;
    }
  }

  private append(text: string) {
    if (this.cell.length + text.length > this.limits.maxCellChars) {
      throw malformed('IMPORT.CELL_TOO_LONG', `line ${this.line}: a cell is longer than ${this.limits.maxCellChars} characters`);
    }
    this.cell += text;
  }

  private endCell() {
    if (this.cells.length >= this.limits.maxColumns) {
      throw malformed('IMPORT.TOO_MANY_COLUMNS', `line ${this.line}: more than ${this.limits.maxColumns} columns`);
    }
    this.cells.push(this.cell);
    this.cell = '';
    this.state = State.FieldStart;
  }

  private endRecord(): SheetRow | undefined {
    this.endCell();
    const cells = this.cells;
    const row = this.record;
    this.cells = [];
    this.record++;
    this.line++;
    if (cells.length === 1 && cells[0] === '') return undefined; // a blank line
    return { row, cells };
  }
}
