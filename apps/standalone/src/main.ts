// Tracing starts before anything it instruments (http, express, pg, kafkajs) is loaded.
import '@credit-share/telemetry';

import { JsonLogger } from '@credit-share/observability';
import { readStandaloneConfig } from './standalone.config';
import { startStandalone } from './standalone';

async function main() {
  const config = readStandaloneConfig();
  await startStandalone(config, new JsonLogger('standalone', config.LOG_LEVEL));
}

main().catch((error) => {
  process.stderr.write(`credit-share failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
