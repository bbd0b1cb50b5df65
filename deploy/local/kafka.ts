// `npm run kafka`: a local Apache Kafka broker (KRaft) in the foreground, for running services against it by hand
// (KAFKA_BROKERS=127.0.0.1:19092 npm start). Ctrl-C stops it.
import { startKafkaBroker } from '@credit-share/local-infra';
import { join, resolve } from 'node:path';
import { readClusterConfig } from './cluster.config';

async function main(): Promise<void> {
  const config = readClusterConfig();
  const kafka = await startKafkaBroker({
    dataDir: join(resolve(config.DATA_DIR), 'kafka'),
    port: config.KAFKA_PORT,
    controllerPort: config.KAFKA_CONTROLLER_PORT,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`Kafka broker at ${kafka.brokers.join(',')} (pid ${kafka.pid}); Ctrl-C stops it.\n`);
  const stop = () => void kafka.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`kafka failed to start: ${error.message}\n`);
  process.exit(1);
});
