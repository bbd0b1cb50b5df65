// XLSX (Office Open XML spreadsheet) read as a stream from a file on disk: the ZIP's central directory is read by
// random access (spreadsheet programs write the shared strings after the sheets, so a single forward pass over the
// ZIP cannot resolve cells), then each part is inflated and parsed as a SAX stream. Memory holds the shared-string
// table (capped) and one chunk of sheet XML, never the sheet.
//
// Guards against hostile files: ZIP64 and encryption are refused, every part's inflated size is capped (a ZIP bomb
// stops at the cap), the XML parser expands no entities, column references are bounded.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import type { SheetRow } from './csv-reader';
import { ImportFileError, malformed } from './import-file.error';

export interface XlsxLimits {
  /** Largest inflated size of one part (sheet XML, shared strings). */
  maxPartBytes: number;
  /** Total characters of the shared-string table, which is held in memory. */
  maxSharedStringChars: number;
  maxColumns: number;
  maxCellChars: number;
}

export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxPartBytes: 1024 * 1024 * 1024,
  maxSharedStringChars: 64 * 1024 * 1024,
  maxColumns: 512,
  maxCellChars: 32_768,
};

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MAX_SMALL_PART = 16 * 1024 * 1024;

const broken = (detail: string) =>
  malformed(
    'IMPORT.MALFORMED_XLSX',
    `the file is not a readable XLSX workbook: ${detail}; save it again as "Excel Workbook (.xlsx)"`,
  );

/** Rows of the workbook's first sheet, with their spreadsheet row numbers. */
export async function* readXlsxRows(path: string, limits: XlsxLimits = DEFAULT_XLSX_LIMITS): AsyncGenerator<SheetRow> {
  const file = await open(path, 'r');
  try {
    const entries = await readCentralDirectory(file);
    const workbook = entries.get('xl/workbook.xml');
    if (!workbook) throw broken('it has no xl/workbook.xml');
    const relations = await relationsOf(file, path, entries, 'xl/_rels/workbook.xml.rels');
    const sheetTarget = await firstSheetTarget(file, path, workbook, relations, limits);
    const sheet = entries.get(sheetTarget) ?? entries.get('xl/worksheets/sheet1.xml');
    if (!sheet) throw broken(`its first sheet (${sheetTarget}) is missing`);
    const sharedTarget = [...relations.values()].find((r) => r.type.endsWith('/sharedStrings'))?.target ?? 'xl/sharedStrings.xml';
    const sharedEntry = entries.get(sharedTarget);
    const shared = sharedEntry ? await readSharedStrings(file, path, sharedEntry, limits) : [];
    yield* readSheet(file, path, sheet, shared, limits);
  } finally {
    await file.close();
  }
}

async function readCentralDirectory(file: FileHandle): Promise<Map<string, ZipEntry>> {
  const { size } = await file.stat();
  if (size < 22) throw broken('it is too short to be a ZIP archive');
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = Buffer.alloc(tailLength);
  await file.read(tail, 0, tailLength, size - tailLength);
  let eocd = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken('the ZIP end-of-directory record is missing (a truncated upload?)');
  const count = tail.readUInt16LE(eocd + 10);
  const directorySize = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw broken('ZIP64 archives are not supported');
  if (directoryOffset + directorySize > size || directorySize > MAX_SMALL_PART)
    throw broken('the ZIP directory is out of bounds');
  const directory = Buffer.alloc(directorySize);
  await file.read(directory, 0, directorySize, directoryOffset);
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > directorySize || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw broken('the ZIP directory is corrupt');
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    if (at + 46 + nameLength > directorySize) throw broken('the ZIP directory is corrupt');
    const name = directory.toString('utf8', at + 46, at + 46 + nameLength).replace(/^\//, '');
    entries.set(name, {
      name,
      flags: directory.readUInt16LE(at + 8),
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      localHeaderOffset: directory.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The inflated bytes of one part, as a stream, stopped at the size cap. */
async function* partBytes(file: FileHandle, path: string, entry: ZipEntry, maxBytes: number): AsyncGenerator<Buffer> {
  if (entry.flags & 0x1) throw broken(`${entry.name} is encrypted`);
  if (entry.method !== 0 && entry.method !== 8) throw broken(`${entry.name} uses an unsupported compression method`);
  const header = Buffer.alloc(30);
  const { bytesRead } = await file.read(header, 0, 30, entry.localHeaderOffset);
  if (bytesRead < 30 || header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw broken(`the ZIP entry ${entry.name} is corrupt`);
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const { size } = await file.stat();
  if (start + entry.compressedSize > size) throw broken(`the ZIP entry ${entry.name} is truncated`);
  if (entry.compressedSize === 0) return;
  const raw = createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 64 * 1024 });
  const stream = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  raw.on('error', (error) => stream.destroy(error));
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) {
        throw new ImportFileError(413, 'IMPORT.PART_TOO_LARGE', `${entry.name} inflates to more than ${maxBytes} bytes`);
      }
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw broken(`${entry.name} cannot be inflated (${(error as Error).message})`);
  } finally {
    raw.destroy();
    stream.destroy();
  }
}

/** Feeds a part through a SAX parser; `afterChunk` runs after each chunk (to hand out finished rows). */
async function* parseXml<T>(
  file: FileHandle,
  path: string,
  entry: ZipEntry,
  maxBytes: number,
  setup: (parser: SaxesParser) => void,
  afterChunk: () => T[],
): AsyncGenerator<T> {
  const parser = new SaxesParser({ position: false });
  parser.on('error', (error) => {
    throw broken(`${entry.name} is not well-formed XML (${error.message})`);
  });
  setup(parser);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const write = (text: string) => {
    try {
      parser.write(text);
    } catch (error) {
      if (error instanceof ImportFileError) throw error;
      throw broken(`${entry.name} is not well-formed XML (${(error as Error).message})`);
    }
  };
  for await (const chunk of partBytes(file, path, entry, maxBytes)) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw broken(`${entry.name} is not UTF-8`);
    }
    write(text);
    yield* afterChunk();
  }
  write(decoder.decode());
  try {
    parser.close();
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw broken(`${entry.name} ends early (${(error as Error).message})`);
  }
  yield* afterChunk();
}

async function collect<T>(items: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);

interface Relation {
  target: string;
  type: string;
}

async function relationsOf(
  file: FileHandle,
  path: string,
  entries: Map<string, ZipEntry>,
  name: string,
): Promise<Map<string, Relation>> {
  const entry = entries.get(name);
  const relations = new Map<string, Relation>();
  if (!entry) return relations;
  await collect(
    parseXml(
      file,
      path,
      entry,
      MAX_SMALL_PART,
      (parser) =>
        parser.on('opentag', (tag: SaxesTagPlain) => {
          if (local(tag.name) !== 'Relationship') return;
          const { Id: id, Target: target, Type: type } = tag.attributes;
          if (id && target) relations.set(id, { target: resolveTarget(target), type: type ?? '' });
        }),
      () => [],
    ),
  );
  return relations;
}

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl'];
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

async function firstSheetTarget(
  file: FileHandle,
  path: string,
  workbook: ZipEntry,
  relations: Map<string, Relation>,
  limits: XlsxLimits,
): Promise<string> {
  let relationId: string | undefined;
  await collect(
    parseXml(
      file,
      path,
      workbook,
      Math.min(limits.maxPartBytes, MAX_SMALL_PART),
      (parser) =>
        parser.on('opentag', (tag: SaxesTagPlain) => {
          if (relationId !== undefined || local(tag.name) !== 'sheet') return;
          relationId = Object.entries(tag.attributes).find(([key]) => local(key) === 'id')?.[1] ?? '';
        }),
      () => [],
    ),
  );
  if (relationId === undefined) throw broken('the workbook has no sheet');
  return relations.get(relationId)?.target ?? 'xl/worksheets/sheet1.xml';
}

async function readSharedStrings(file: FileHandle, path: string, entry: ZipEntry, limits: XlsxLimits): Promise<string[]> {
  const strings: string[] = [];
  let chars = 0;
  let current: string | undefined;
  let inText = false;
  let phonetic = 0;
  await collect(
    parseXml(
      file,
      path,
      entry,
      limits.maxPartBytes,
      (parser) => {
        parser.on('opentag', (tag: SaxesTagPlain) => {
          const name = local(tag.name);
          if (name === 'si') current = '';
          else if (name === 'rPh') phonetic++;
          else if (name === 't' && !tag.isSelfClosing) inText = true;
        });
        parser.on('closetag', (tag: SaxesTagPlain) => {
          const name = local(tag.name);
          if (name === 'si') {
            strings.push(current ?? '');
            current = undefined;
          } else if (name === 'rPh') phonetic--;
          else if (name === 't') inText = false;
        });
        const text = (value: string) => {
          if (!inText || phonetic > 0 || current === undefined) return;
          chars += value.length;
          if (chars > limits.maxSharedStringChars) {
            throw new ImportFileError(
              413,
              'IMPORT.SHARED_STRINGS_TOO_LARGE',
              `the workbook's shared strings exceed ${limits.maxSharedStringChars} characters; split the file or export it as CSV`,
            );
          }
          current += value;
        };
        parser.on('text', text);
        parser.on('cdata', text);
      },
      () => [],
    ),
  );
  return strings;
}

function columnIndex(reference: string, limits: XlsxLimits): number | undefined {
  const letters = /^([A-Z]{1,3})\d*$/.exec(reference)?.[1];
  if (!letters) return undefined;
  let index = 0;
  for (const letter of letters) index = index * 26 + (letter.charCodeAt(0) - 64);
  if (index > limits.maxColumns) {
    throw malformed('IMPORT.TOO_MANY_COLUMNS', `cell ${reference} is beyond the ${limits.maxColumns} columns an import may have`);
  }
  return index - 1;
}

function readSheet(
  file: FileHandle,
  path: string,
  entry: ZipEntry,
  shared: string[],
  limits: XlsxLimits,
): AsyncGenerator<SheetRow> {
  let finished: SheetRow[] = [];
  let rowNumber = 0;
  let cells: string[] | undefined;
  let cell: { index: number; type: string; value: string } | undefined;
  let nextIndex = 0;
  let capture: 'v' | 't' | undefined;
  let phonetic = 0;
  return parseXml(
    file,
    path,
    entry,
    limits.maxPartBytes,
    (parser) => {
      parser.on('opentag', (tag: SaxesTagPlain) => {
        const name = local(tag.name);
        if (name === 'row') {
          const r = Number(tag.attributes['r']);
          rowNumber = Number.isInteger(r) && r > rowNumber ? r : rowNumber + 1;
          cells = [];
          nextIndex = 0;
          if (tag.isSelfClosing) endRow();
        } else if (name === 'c' && cells) {
          const reference = tag.attributes['r'];
          const index = (reference ? columnIndex(reference, limits) : undefined) ?? nextIndex;
          if (index >= limits.maxColumns)
            throw malformed('IMPORT.TOO_MANY_COLUMNS', `row ${rowNumber} has more than ${limits.maxColumns} columns`);
          cell = { index, type: tag.attributes['t'] ?? 'n', value: '' };
          nextIndex = index + 1;
          if (tag.isSelfClosing) endCell();
        } else if (name === 'v' && cell) capture = 'v';
        else if (name === 't' && cell && cell.type === 'inlineStr') capture = 't';
        else if (name === 'rPh') phonetic++;
      });
      parser.on('closetag', (tag: SaxesTagPlain) => {
        const name = local(tag.name);
        if (name === 'row' && cells) endRow();
        else if (name === 'c' && cell) endCell();
        else if (name === 'v' || name === 't') capture = undefined;
        else if (name === 'rPh') phonetic--;
      });
      const text = (value: string) => {
        if (!capture || !cell || phonetic > 0) return;
        if (cell.value.length + value.length > limits.maxCellChars) {
          throw malformed('IMPORT.CELL_TOO_LONG', `row ${rowNumber}: a cell is longer than ${limits.maxCellChars} characters`);
        }
        cell.value += value;
      };
      parser.on('text', text);
      parser.on('cdata', text);
    },
    () => {
      const out = finished;
      finished = [];
      return out;
    },
  );

  function endCell() {
    if (!cell || !cells) return;
    let value = cell.value;
    if (cell.type === 's') {
      const index = Number(value);
      const resolved = Number.isInteger(index) ? shared[index] : undefined;
      if (resolved === undefined)
        throw broken(`row ${rowNumber} refers to shared string ${JSON.stringify(value)}, which does not exist`);
      value = resolved;
    }
    while (cells.length < cell.index) cells.push('');
    cells[cell.index] = value;
    cell = undefined;
  }

  function endRow() {
    if (cells && cells.some((c) => c.trim() !== '')) finished.push({ row: rowNumber, cells });
    cells = undefined;
  }
}
