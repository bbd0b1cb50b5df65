// The file import's settings (docs/configuration.md), mixed into every configuration class of a process that serves
// credit-records: the credit-records service process and the standalone platform.
import type { PlatformConfig } from '@credit-share/bootstrap';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export interface RecordImportSettings {
  /** Largest file `POST /api/v1/records/import` accepts (bytes); larger uploads get 413. */
  maxFileBytes: number;
}

export const DEFAULT_IMPORT_MAX_BYTES = 50 * 1024 * 1024;
export const RECORD_IMPORT_SETTINGS = Symbol('RecordImportSettings');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the TypeScript mixin pattern requires any[]
type ConfigClass = new (...args: any[]) => PlatformConfig;

export function withRecordImportSettings<TBase extends ConfigClass>(Base: TBase) {
  class WithRecordImportSettings extends Base {
    /** Largest CSV/XLSX upload to POST /api/v1/records/import, in bytes (default 50 MiB; about 150,000 rows). */
    @Type(() => Number)
    @IsInt()
    @Min(1024)
    @Max(2 * 1024 * 1024 * 1024)
    RECORDS_IMPORT_MAX_BYTES = DEFAULT_IMPORT_MAX_BYTES;
  }
  return WithRecordImportSettings;
}

export function recordImportSettingsOf(config: Partial<{ RECORDS_IMPORT_MAX_BYTES: number }>): RecordImportSettings {
  return { maxFileBytes: config.RECORDS_IMPORT_MAX_BYTES ?? DEFAULT_IMPORT_MAX_BYTES };
}
