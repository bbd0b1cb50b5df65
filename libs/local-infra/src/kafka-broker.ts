// A single-node Apache Kafka broker in combined KRaft mode for the local cluster and the tests. The jars come from
// Maven Central through deploy/local/kafka/pom.xml into a cache (first run only); the storage is formatted once;
// readiness is an admin round trip, never a sleep; stop is SIGTERM with a bounded wait, then SIGKILL.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { projectRoot } from './project-root';

export const DEFAULT_KAFKA_VERSION = '4.1.1';

export interface KafkaBrokerOptions {
  /** Log directory of the broker (formatted on first start, reused afterwards). */
  dataDir: string;
  port: number;
  controllerPort: number;
  version?: string;
  /** Where resolved jars are cached (default ~/.cache/credit-share/kafka-<version>). */
  cacheDir?: string;
  heapMb?: number;
  log?: (line: string) => void;
}

export interface RunningKafka {
  brokers: string[];
  pid: number;
  stop(): Promise<void>;
}

/** Downloads (once) the broker's jars with Maven and returns the directory holding them. */
export function resolveKafkaJars(
  version: string = DEFAULT_KAFKA_VERSION,
  cacheDir?: string,
  log: (l: string) => void = () => undefined,
): string {
  const dir = resolve(cacheDir ?? join(homedir(), '.cache', 'credit-share', `kafka-${version}`));
  const marker = join(dir, '.complete');
  if (existsSync(marker)) return dir;
  log(`resolving Apache Kafka ${version} jars from Maven Central into ${dir} (first run only)…`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pom = join(projectRoot(), 'deploy', 'local', 'kafka', 'pom.xml');
  const result = spawnSync(
    'mvn',
    [
      '-B',
      '-q',
      '-f',
      pom,
      'dependency:copy-dependencies',
      `-Dkafka.version=${version}`,
      `-DoutputDirectory=${dir}`,
      '-DincludeScope=runtime',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 15 * 60_000 },
  );
  if (result.error || result.status !== 0) {
    throw new Error(
      `could not resolve Kafka ${version} with Maven (is Maven installed and Maven Central reachable?): ` +
        (result.error?.message ?? `${result.stdout}\n${result.stderr}`.trim().slice(-2_000)),
    );
  }
  if (!readdirSync(dir).some((f) => f.startsWith('kafka_2.13-'))) throw new Error(`Maven did not deliver kafka_2.13 into ${dir}`);
  writeFileSync(marker, new Date().toISOString());
  return dir;
}

export async function startKafkaBroker(options: KafkaBrokerOptions): Promise<RunningKafka> {
  const log = options.log ?? (() => undefined);
  const version = options.version ?? DEFAULT_KAFKA_VERSION;
  const libs = resolveKafkaJars(version, options.cacheDir, log);
  const dataDir = resolve(options.dataDir);
  const home = resolve(dataDir, '..');
  mkdirSync(dataDir, { recursive: true });
  const properties = join(home, `kafka-${options.port}.properties`);
  writeFileSync(properties, serverProperties(dataDir, options.port, options.controllerPort));
  const classpath = `${libs}/*`;
  if (!existsSync(join(dataDir, 'meta.properties'))) {
    const formatted = spawnSync(
      'java',
      ['-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', kraftClusterId(), '-c', properties],
      {
        encoding: 'utf8',
      },
    );
    if (formatted.status !== 0) throw new Error(`Kafka storage format failed: ${formatted.stderr || formatted.stdout}`);
  }
  const logFile = join(home, `kafka-${options.port}.log`);
  const out = openSync(logFile, 'a');
  const child: ChildProcess = spawn(
    'java',
    [
      `-Xms${Math.min(256, options.heapMb ?? 512)}m`,
      `-Xmx${options.heapMb ?? 512}m`,
      '-XX:+UseSerialGC',
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${writeLog4jConfig(home, logFile)}`,
      '-cp',
      classpath,
      'kafka.Kafka',
      properties,
    ],
    { stdio: ['ignore', out, out], detached: false },
  );
  closeSync(out);
  let exited = false;
  child.once('exit', () => (exited = true));
  const brokers = [`127.0.0.1:${options.port}`];
  try {
    await waitUntilReady(brokers, () => exited, 90_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`Kafka did not become ready on port ${options.port}; see ${logFile}: ${(error as Error).message}`);
  }
  log(`Kafka ${version} ready on ${brokers[0]} (pid ${child.pid})`);
  return {
    brokers,
    pid: child.pid!,
    stop: () => stopProcess(child, 30_000),
  };
}

function serverProperties(dataDir: string, port: number, controllerPort: number): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${dataDir}`,
    'num.partitions=3',
    // A single broker: small internal topics, replication factor 1, no rebalance delay.
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=3',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=3',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}

function writeLog4jConfig(home: string, logFile: string): string {
  const file = join(home, 'kafka-log4j2.properties');
  writeFileSync(
    file,
    [
      'status = warn',
      'appender.file.type = File',
      'appender.file.name = FILE',
      `appender.file.fileName = ${logFile}`,
      'appender.file.layout.type = PatternLayout',
      'appender.file.layout.pattern = [%d] %p %m (%c)%n',
      'rootLogger.level = warn',
      'rootLogger.appenderRef.file.ref = FILE',
      'logger.server.name = kafka.server.KafkaRaftServer',
      'logger.server.level = info',
      '',
    ].join('\n'),
  );
  return file;
}

/** KRaft cluster ids are 16 random bytes in URL-safe base64 without padding. */
/** A KRaft cluster id (base64url of 16 random bytes). Like Kafka's own Uuid.randomUuid, never one that starts with
 * '-': the storage tool would read it as an option and refuse to format. */
export function kraftClusterId(): string {
  for (;;) {
    const id = Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

async function waitUntilReady(brokers: string[], hasExited: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error('the broker process exited');
    const admin = new Kafka({ clientId: 'readiness-probe', brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length > 0 && cluster.controller !== null) return;
    } catch (error) {
      lastError = error;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out after ${timeoutMs} ms (${(lastError as Error)?.message ?? 'no answer'})`);
}

export function stopProcess(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
}
