// `npm run cluster`: the distributed mode on one machine (PRODUCT.md §5) — embedded PostgreSQL, an Apache Kafka
// broker (KRaft, jars from Maven Central), every service as its own process, and the gateway on PORT. Ctrl-C stops
// everything this script started, in reverse order. Logs go to DATA_DIR/cluster/logs.
import { SERVICES } from '@credit-share/contracts';
import {
  ServiceProcess,
  startEmbeddedPostgres,
  startKafkaBroker,
  type RunningKafka,
  type RunningPostgres,
} from '@credit-share/local-infra';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readClusterConfig } from './cluster.config';

const SERVICE_URL_VARIABLES = {
  'credit-records': 'CREDIT_RECORDS_URL',
  'joint-supervision': 'JOINT_SUPERVISION_URL',
  'enforcement-coordination': 'ENFORCEMENT_COORDINATION_URL',
  'credit-profiles': 'CREDIT_PROFILES_URL',
  'audit-ledger': 'AUDIT_LEDGER_URL',
} as const;

async function main(): Promise<void> {
  const config = readClusterConfig();
  const dataDir = resolve(config.DATA_DIR);
  const home = join(dataDir, 'cluster');
  const logs = join(home, 'logs');
  mkdirSync(logs, { recursive: true });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const stops: Array<() => Promise<void>> = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping the cluster…');
    for (const stop of stops.reverse()) await stop().catch((error: Error) => say(`  ${error.message}`));
    process.exit(code);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  try {
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      say(`starting embedded PostgreSQL on port ${config.EMBEDDED_POSTGRES_PORT} (data in ${join(home, 'postgres')})`);
      const postgres: RunningPostgres = await startEmbeddedPostgres({
        dataDir: join(home, 'postgres'),
        port: config.EMBEDDED_POSTGRES_PORT,
        database: 'credit_share',
      });
      stops.push(() => postgres.stop());
      databaseUrl = postgres.url;
    }
    let brokers = config.KAFKA_BROKERS;
    if (!brokers) {
      say(`starting Apache Kafka on port ${config.KAFKA_PORT} (data in ${join(home, 'kafka')})`);
      const kafka: RunningKafka = await startKafkaBroker({
        dataDir: join(home, 'kafka'),
        port: config.KAFKA_PORT,
        controllerPort: config.KAFKA_CONTROLLER_PORT,
        log: (line) => say(`  ${line}`),
      });
      stops.push(() => kafka.stop());
      brokers = kafka.brokers.join(',');
    }
    const env = { DATABASE_URL: databaseUrl, KAFKA_BROKERS: brokers, DATA_DIR: dataDir, LOG_LEVEL: config.LOG_LEVEL };
    const services = SERVICES.map(
      (service, i) =>
        new ServiceProcess({ app: service, port: config.SERVICE_BASE_PORT + i + 1, env, logFile: join(logs, `${service}.log`) }),
    );
    for (const process of services) stops.push(() => process.stop());
    say(`starting ${services.length} services…`);
    await Promise.all(services.map(async (p) => (await p.start(), say(`  ${p.options.app.padEnd(26)} ${p.url}`))));
    const gateway = new ServiceProcess({
      app: 'gateway',
      port: config.PORT,
      env: Object.fromEntries(SERVICES.map((s, i) => [SERVICE_URL_VARIABLES[s], services[i]!.url])),
      logFile: join(logs, 'gateway.log'),
    });
    stops.push(() => gateway.stop());
    await gateway.start();
    say(
      [
        '',
        `credit-share (distributed mode) is running at http://localhost:${config.PORT}`,
        `  web console http://localhost:${config.PORT}/`,
        `  API docs   http://localhost:${config.PORT}/api/docs`,
        `  Kafka      ${brokers}`,
        `  logs       ${logs}`,
        '',
        'Get a token: npx credit-share token --org platform --roles operator',
        'Stop with Ctrl-C.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    say(`cluster failed to start: ${(error as Error).message}`);
    await stopAll(1);
  }
}

void main();
