// enforcement-coordination as its own process (distributed mode). Tracing starts before anything it instruments is loaded.
import '@credit-share/telemetry';

import { runServiceProcess } from '@credit-share/bootstrap';
import { JsonLogger } from '@credit-share/observability';
import { readEnforcementCoordinationConfig } from './enforcement-coordination.config';
import { EnforcementCoordinationModule } from './enforcement-coordination.module';

const config = readEnforcementCoordinationConfig();
runServiceProcess(
  'enforcement-coordination',
  EnforcementCoordinationModule.forRoot({ serveDirectoryCopy: true }),
  config,
  new JsonLogger('enforcement-coordination', config.LOG_LEVEL),
).catch((error) => {
  process.stderr.write(`enforcement-coordination failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
