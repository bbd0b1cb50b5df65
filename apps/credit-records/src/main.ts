// credit-records as its own process (distributed mode). Tracing starts before anything it instruments is loaded.
import '@credit-share/telemetry';

import { runServiceProcess, startOrExit } from '@credit-share/bootstrap';
import { JsonLogger } from '@credit-share/observability';
import { personKeysOf, readCreditRecordsConfig } from './credit-records.config';
import { CreditRecordsModule } from './credit-records.module';
import { recordImportSettingsOf } from './import/record-import.config';
import { objectionRepairSettingsOf } from './objection/objection-repair.config';

startOrExit('credit-records', async () => {
  const config = readCreditRecordsConfig();
  await runServiceProcess(
    'credit-records',
    CreditRecordsModule.forRoot({
      platform: { name: config.PLATFORM_NAME, uscc: config.PLATFORM_USCC },
      objectionRepair: objectionRepairSettingsOf(config),
      personKeys: personKeysOf(config),
      recordImport: recordImportSettingsOf(config),
    }),
    config,
    new JsonLogger('credit-records', config.LOG_LEVEL),
  );
});
