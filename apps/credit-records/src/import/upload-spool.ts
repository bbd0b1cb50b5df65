// Receives a `multipart/form-data` upload into a temporary file, streaming (never the whole file in memory), with the
// configured size limit. Spooling to disk lets the import read the file twice (check, then submit), lets an XLSX be
// read by random access, and makes the form fields known before the first row is read, whatever their order.
import busboy from 'busboy';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportFileError } from './import-file.error';

export interface SpooledUpload {
  path: string;
  filename: string;
  mimeType: string;
  bytes: number;
  fields: Record<string, string>;
  /** Removes the temporary file; safe to call more than once. */
  dispose(): Promise<void>;
}

export interface SpoolOptions {
  maxBytes: number;
  fileField: string;
  fields: readonly string[];
}

/** Room for the multipart boundaries and the small form fields around the file. */
const ENVELOPE_BYTES = 64 * 1024;

const tooLarge = (maxBytes: number) =>
  new ImportFileError(413, 'IMPORT.FILE_TOO_LARGE', `the file is larger than the ${maxBytes} bytes an import accepts; split it`, [
    { field: 'file', code: 'TOO_LARGE', message: `at most ${maxBytes} bytes` },
  ]);

export async function spoolUpload(request: IncomingMessage, options: SpoolOptions): Promise<SpooledUpload> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > options.maxBytes + ENVELOPE_BYTES) throw tooLarge(options.maxBytes);
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: request.headers,
      limits: { fileSize: options.maxBytes, files: 1, fields: options.fields.length + 4, fieldSize: 1024, parts: 16 },
    });
  } catch {
    throw new ImportFileError(
      415,
      'IMPORT.NOT_MULTIPART',
      `an import is sent as multipart/form-data with the file in the field "${options.fileField}"`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'credit-share-import-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  const path = join(dir, 'upload');
  const fields: Record<string, string> = {};
  const problems: ImportFileError[] = [];
  let file: { filename: string; mimeType: string; bytes: number; written: Promise<void> } | undefined;

  try {
    await new Promise<void>((resolve, reject) => {
      let received = 0;
      // A client that keeps sending far beyond the limit is cut off rather than drained for ever.
      const guard = (chunk: Buffer) => {
        received += chunk.length;
        if (received > 4 * options.maxBytes + ENVELOPE_BYTES) {
          request.unpipe(parser);
          request.destroy();
          reject(tooLarge(options.maxBytes));
        }
      };
      request.on('data', guard);
      request.on('aborted', () => reject(new ImportFileError(400, 'IMPORT.ABORTED', 'the upload was interrupted')));
      parser.on('field', (name, value, info) => {
        if (!options.fields.includes(name)) {
          problems.push(
            new ImportFileError(400, 'REQUEST.VALIDATION_FAILED', 'the form has an unknown field', [
              { field: name, code: 'UNKNOWN_FIELD', message: `${name} is not a field of an import` },
            ]),
          );
        } else if (info.valueTruncated) {
          problems.push(
            new ImportFileError(400, 'REQUEST.VALIDATION_FAILED', `the form field ${name} is too long`, [
              { field: name, code: 'TOO_LONG', message: 'at most 1024 bytes' },
            ]),
          );
        } else fields[name] = value;
      });
      parser.on('file', (name, stream, info) => {
        if (name !== options.fileField || file) {
          stream.resume();
          problems.push(
            new ImportFileError(400, 'REQUEST.VALIDATION_FAILED', 'the form has an unexpected file', [
              {
                field: name,
                code: file ? 'TOO_MANY_FILES' : 'UNKNOWN_FIELD',
                message: `one file, in the field "${options.fileField}"`,
              },
            ]),
          );
          return;
        }
        const out = createWriteStream(path);
        const current = { filename: info.filename ?? '', mimeType: info.mimeType ?? '', bytes: 0, written: Promise.resolve() };
        file = current;
        stream.on('data', (chunk: Buffer) => (current.bytes += chunk.length));
        stream.on('limit', () => problems.push(tooLarge(options.maxBytes)));
        current.written = new Promise<void>((done, fail) => {
          out.on('finish', done);
          out.on('error', fail);
        });
        stream.pipe(out);
      });
      parser.on('filesLimit', () =>
        problems.push(
          new ImportFileError(400, 'REQUEST.VALIDATION_FAILED', 'an import takes one file', [
            { field: options.fileField, code: 'TOO_MANY_FILES', message: 'one file per import' },
          ]),
        ),
      );
      parser.on('partsLimit', () =>
        problems.push(new ImportFileError(400, 'IMPORT.MALFORMED_MULTIPART', 'the form has too many parts')),
      );
      parser.on('error', (error: Error) =>
        reject(new ImportFileError(400, 'IMPORT.MALFORMED_MULTIPART', `the multipart body is malformed: ${error.message}`)),
      );
      parser.on('close', () => resolve());
      request.pipe(parser);
    });
    const uploaded = file as { filename: string; mimeType: string; bytes: number; written: Promise<void> } | undefined;
    if (uploaded) await uploaded.written;
    const problem = problems.find((p) => p.status === 413) ?? problems[0];
    if (problem) throw problem;
    if (!uploaded) {
      throw new ImportFileError(400, 'REQUEST.VALIDATION_FAILED', `the form has no file in the field "${options.fileField}"`, [
        { field: options.fileField, code: 'REQUIRED', message: 'the CSV or XLSX file to import' },
      ]);
    }
    if (uploaded.bytes === 0) {
      throw new ImportFileError(400, 'IMPORT.EMPTY_FILE', 'the uploaded file is empty', [
        { field: options.fileField, code: 'EMPTY', message: 'the file has no content' },
      ]);
    }
    return { path, filename: uploaded.filename, mimeType: uploaded.mimeType, bytes: uploaded.bytes, fields, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
