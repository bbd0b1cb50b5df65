// credit-profiles as its own process (distributed mode). Tracing starts before anything it instruments is loaded.
import '@credit-share/telemetry';

import { runServiceProcess } from '@credit-share/bootstrap';
import { JsonLogger } from '@credit-share/observability';
import { readCreditProfilesConfig } from './credit-profiles.config';
import { CreditProfilesModule } from './credit-profiles.module';

const config = readCreditProfilesConfig();
runServiceProcess(
  'credit-profiles',
  CreditProfilesModule.forRoot({ serveDirectoryCopy: true }),
  config,
  new JsonLogger('credit-profiles', config.LOG_LEVEL),
).catch((error) => {
  process.stderr.write(`credit-profiles failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
