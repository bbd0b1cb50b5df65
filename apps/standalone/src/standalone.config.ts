import { PlatformConfig, loadConfig } from '@credit-share/bootstrap';
import { withLedgerSettings } from '../../audit-ledger/src/audit-ledger.config';
import { withObjectionRepairSettings } from '../../credit-records/src/objection/objection-repair.config';
import { withPersonKeySettings } from '../../credit-records/src/credit-records.config';
import { withRecordImportSettings } from '../../credit-records/src/import/record-import.config';
import { withEnforcementSettings } from '../../enforcement-coordination/src/enforcement-coordination.config';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';

/** Every platform setting: the audit ledger's, credit-records' and enforcement coordination's (one process runs them), and the embedded PostgreSQL's. */
export class StandaloneConfig extends withEnforcementSettings(
  withObjectionRepairSettings(withRecordImportSettings(withPersonKeySettings(withLedgerSettings(PlatformConfig)))),
) {
  /** Port of the embedded PostgreSQL started when DATABASE_URL is not set. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_POSTGRES_PORT = 54329;

  @IsString()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/)
  EMBEDDED_POSTGRES_DATABASE = 'credit_share';
}

export function readStandaloneConfig(): StandaloneConfig {
  return loadConfig(StandaloneConfig, process.env);
}
