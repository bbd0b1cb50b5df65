// credit-records as its own process (distributed mode). Tracing starts before anything it instruments is loaded.
import '@credit-share/telemetry';

import { runServiceProcess } from '@credit-share/bootstrap';
import { JsonLogger } from '@credit-share/observability';
import { readCreditRecordsConfig } from './credit-records.config';
import { CreditRecordsModule } from './credit-records.module';

const config = readCreditRecordsConfig();
runServiceProcess(
  'credit-records',
  CreditRecordsModule.forRoot({ platform: { name: config.PLATFORM_NAME, uscc: config.PLATFORM_USCC } }),
  config,
  new JsonLogger('credit-records', config.LOG_LEVEL),
).catch((error) => {
  process.stderr.write(`credit-records failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
