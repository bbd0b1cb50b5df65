// credit-profiles as its own process (distributed mode). Tracing starts before anything it instruments is loaded.
import '@credit-share/telemetry';

import { runServiceProcess, startOrExit } from '@credit-share/bootstrap';
import { JsonLogger } from '@credit-share/observability';
import { readCreditProfilesConfig } from './credit-profiles.config';
import { CreditProfilesModule } from './credit-profiles.module';

startOrExit('credit-profiles', async () => {
  const config = readCreditProfilesConfig();
  await runServiceProcess(
    'credit-profiles',
    CreditProfilesModule.forRoot({ serveDirectoryCopy: true }),
    config,
    new JsonLogger('credit-profiles', config.LOG_LEVEL),
  );
});
