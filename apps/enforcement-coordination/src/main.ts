// enforcement-coordination as its own process (distributed mode). Tracing starts before anything it instruments is loaded.
import '@credit-share/telemetry';

import { runServiceProcess, startOrExit } from '@credit-share/bootstrap';
import { JsonLogger } from '@credit-share/observability';
import { enforcementSettingsOf, readEnforcementCoordinationConfig } from './enforcement-coordination.config';
import { EnforcementCoordinationModule } from './enforcement-coordination.module';

startOrExit('enforcement-coordination', async () => {
  const config = readEnforcementCoordinationConfig();
  await runServiceProcess(
    'enforcement-coordination',
    EnforcementCoordinationModule.forRoot({ serveDirectoryCopy: true, settings: enforcementSettingsOf(config) }),
    config,
    new JsonLogger('enforcement-coordination', config.LOG_LEVEL),
  );
});
