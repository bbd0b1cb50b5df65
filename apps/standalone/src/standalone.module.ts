// The whole platform in one process (PRODUCT.md §5): every service module with its own schema, the in-process
// transport between them (or Kafka when KAFKA_BROKERS is set), one HTTP server.
import { ledgerSettingsOf, type AuditLedgerConfig } from '../../audit-ledger/src/audit-ledger.config';
import { AuditLedgerModule } from '../../audit-ledger/src/audit-ledger.module';
import { CreditProfilesModule } from '../../credit-profiles/src/credit-profiles.module';
import { personKeysOf, type CreditRecordsConfig } from '../../credit-records/src/credit-records.config';
import { CreditRecordsModule } from '../../credit-records/src/credit-records.module';
import { recordImportSettingsOf } from '../../credit-records/src/import/record-import.config';
import {
  objectionRepairSettingsOf,
  type ObjectionRepairConfig,
} from '../../credit-records/src/objection/objection-repair.config';
import {
  enforcementSettingsOf,
  type EnforcementConfigValues,
} from '../../enforcement-coordination/src/enforcement-coordination.config';
import { EnforcementCoordinationModule } from '../../enforcement-coordination/src/enforcement-coordination.module';
import { JointSupervisionModule } from '../../joint-supervision/src/joint-supervision.module';
import { ConsoleModule } from '../../console/src/console.module';
import { consoleSettings } from '../../console/src/console-settings';
import { platformModules, type PlatformConfig } from '@credit-share/bootstrap';
import type { Clock } from '@credit-share/scheduling';
import { Module, type DynamicModule } from '@nestjs/common';

@Module({})
export class StandaloneModule {
  static forRoot(
    config: PlatformConfig &
      Partial<AuditLedgerConfig> &
      Partial<Pick<CreditRecordsConfig, 'PERSON_ID_ENCRYPTION_KEY' | 'PERSON_ID_LOOKUP_KEY' | 'RECORDS_IMPORT_MAX_BYTES'>> &
      ObjectionRepairConfig &
      EnforcementConfigValues,
    databaseUrl: string,
    options: { startMessaging?: boolean; clock?: Clock } = {},
  ): DynamicModule {
    return {
      module: StandaloneModule,
      imports: [
        ...platformModules(config, {
          databaseUrl,
          clientId: 'credit-share-standalone',
          startMessaging: options.startMessaging,
          clock: options.clock,
        }),
        CreditRecordsModule.forRoot({
          platform: { name: config.PLATFORM_NAME, uscc: config.PLATFORM_USCC },
          objectionRepair: objectionRepairSettingsOf(config),
          personKeys: personKeysOf(config),
          recordImport: recordImportSettingsOf(config),
        }),
        JointSupervisionModule.forRoot({ serveDirectoryCopy: false }),
        EnforcementCoordinationModule.forRoot({ serveDirectoryCopy: false, settings: enforcementSettingsOf(config) }),
        CreditProfilesModule.forRoot({ serveDirectoryCopy: false }),
        AuditLedgerModule.forRoot({ serveDirectoryCopy: false, ledger: ledgerSettingsOf(config) }),
        ConsoleModule.forRoot(consoleSettings(config)),
      ],
    };
  }
}
