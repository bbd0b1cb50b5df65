// joint-supervision as its own process (distributed mode). Tracing starts before anything it instruments is loaded.
import '@credit-share/telemetry';

import { runServiceProcess, startOrExit } from '@credit-share/bootstrap';
import { JsonLogger } from '@credit-share/observability';
import { readJointSupervisionConfig } from './joint-supervision.config';
import { JointSupervisionModule } from './joint-supervision.module';

startOrExit('joint-supervision', async () => {
  const config = readJointSupervisionConfig();
  await runServiceProcess(
    'joint-supervision',
    JointSupervisionModule.forRoot({ serveDirectoryCopy: true }),
    config,
    new JsonLogger('joint-supervision', config.LOG_LEVEL),
  );
});
