// A file that cannot be read as a whole (not UTF-8, an unterminated quote, a broken ZIP, a header of unknown codes).
// Row-level problems are never this: they are field errors in the report. Mapped once to a 4xx problem at the edge.
import type { FieldError } from '@credit-share/contracts';

export type ImportFileStatus = 400 | 413 | 415 | 422;

export class ImportFileError extends Error {
  constructor(
    readonly status: ImportFileStatus,
    readonly code: string,
    message: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export const malformed = (code: string, message: string) => new ImportFileError(400, code, message);
