// `npx credit-share bench alerts`: enforcement coordination's targets (issue 5, docs/benchmarks.md) in the distributed
// mode — a real Apache Kafka broker (KRaft, jars from Maven Central, cached), PostgreSQL (DATABASE_URL or an ephemeral
// embedded server) and enforcement-coordination as its own process from dist/. Progress goes to stderr, the Markdown
// report to stdout.
//
// Joint supervision's ListingDecided events are produced to its topic with the envelope of libs/contracts (the
// benchmark plays joint supervision, so the measured path is exactly the service's: Kafka consumer → inbox → process
// manager → alert feed → NOTIFY → SSE). Each implementing organisation has an enforcer connected to its SSE stream.
//
// 1. Latency: listings decided at a steady rate; for every alert, from the moment its ListingDecided is handed to the
//    producer (before Kafka's acks=all acknowledgement, i.e. including the commit of the decision to the broker) to the
//    moment the alert's event arrives on its organisation's SSE stream.
// 2. Fan-out: a burst of listings produced at once; alerts per second from the first produce to the last alert read
//    on the SSE streams.
import 'reflect-metadata';
import { DevIssuer } from '@credit-share/auth';
import { type IntegrationEvent } from '@credit-share/contracts';
import { freePort, resolveKafkaJars, ServiceProcess, startKafkaBroker, DEFAULT_KAFKA_VERSION } from '@credit-share/local-infra';
import { KafkaTransport } from '@credit-share/messaging';
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  listingDecided,
  messageOf,
  organizationRegistered,
} from '../../../enforcement-coordination/src/alert/integration-event.fixture';
import { openSse, type SseConnection } from '../../../enforcement-coordination/src/delivery/sse-client';
import { readCliConfig } from '../cli.config';
import { formatInteger, formatMs, formatTable, machineInfo, percentile, progress, type MachineInfo } from './bench-harness';
import { BenchServer, type ServerFacts } from './bench-postgres';

export interface AlertsBenchPlan {
  /** Implementing organisations (one measure each, one memorandum naming them all): alerts per listing. */
  organizations: number;
  /** Listings decided at `ratePerSecond` for the latency run. */
  latencyListings: number;
  ratePerSecond: number;
  /** Listings produced at once for the fan-out run. */
  burstListings: number;
}

const FULL_PLAN: AlertsBenchPlan = { organizations: 10, latencyListings: 1_000, ratePerSecond: 10, burstListings: 1_000 };
const QUICK_PLAN: AlertsBenchPlan = { organizations: 10, latencyListings: 200, ratePerSecond: 10, burstListings: 200 };

export interface Latency {
  samples: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface AlertsBenchmarkReport {
  command: string;
  quick: boolean;
  startedAt: string;
  durationSeconds: number;
  machine: MachineInfo & { loadAverageAtEnd: [number, number, number] };
  server: ServerFacts;
  kafka: string;
  plan: AlertsBenchPlan;
  latency: Latency & { listings: number };
  firstAlertLatency: Latency;
  fanOut: { listings: number; alerts: number; seconds: number; alertsPerSecond: number };
  targets: { description: string; measured: string; pass: boolean }[];
  markdown: string;
}

interface Cluster {
  url: string;
  issuer: DevIssuer;
  producer: KafkaTransport;
  stop(): Promise<void>;
}

export async function runAlertsBenchmark(options: { quick: boolean }): Promise<AlertsBenchmarkReport> {
  const plan = options.quick ? QUICK_PLAN : FULL_PLAN;
  const config = readCliConfig();
  const started = performance.now();
  const startedAt = new Date();
  const machineAtStart = machineInfo();
  progress(`${options.quick ? 'quick' : 'full'} run, PostgreSQL: ${config.DATABASE_URL ? 'DATABASE_URL' : 'ephemeral embedded'}`);
  const server = await BenchServer.open(config.DATABASE_URL);
  const dir = mkdtempSync(join(tmpdir(), 'credit-share-bench-alerts-'));
  chmodSync(dir, 0o755);
  let cluster: Cluster | undefined;
  const streams: SseConnection[] = [];
  try {
    const facts = await server.facts();
    progress(`PostgreSQL ${facts.version} (${facts.origin})`);
    cluster = await startCluster(await server.createDatabase('alerts'), dir);
    const orgs = Array.from({ length: plan.organizations }, (_, i) => `bench-dept-${i + 1}`);
    await setUp(cluster, orgs);

    // Every organisation's enforcer listens on its stream; each alert event is timed on arrival.
    const arrivals = new Map<string, number[]>(); // listingId → arrival times of its alerts
    let alertCount = 0;
    for (const org of orgs) {
      const token = await cluster.issuer.sign({ sub: `${org}:bench`, org, roles: ['enforcer'] });
      const stream = await openSse(`${cluster.url}/api/v1/alerts/stream`, token);
      if (stream.status !== 200) throw new Error(`SSE stream of ${org}: HTTP ${stream.status}`);
      stream.onEvent = (event) => {
        const at = performance.now();
        if (event.event !== 'alert.issued') return;
        const { alert } = JSON.parse(event.data) as { alert: { listingId: string } };
        arrivals.set(alert.listingId, [...(arrivals.get(alert.listingId) ?? []), at]);
        alertCount++;
      };
      streams.push(stream);
    }

    const produce = async (listingId: string, n: number): Promise<number> => {
      const event: IntegrationEvent = listingDecided({ listingId, uscc: usccOf(n) });
      const t0 = performance.now();
      await cluster!.producer.publish([messageOf(event)]);
      return t0;
    };
    const waitForAlerts = async (expected: number, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (alertCount < expected) {
        if (Date.now() > deadline) throw new Error(`only ${alertCount} of ${expected} alerts arrived on the SSE streams`);
        await new Promise((r) => setTimeout(r, 5));
      }
    };

    progress('warm-up: 20 listings');
    for (let i = 0; i < 20; i++) await produce(`warmup-${i}`, 900_000 + i);
    await waitForAlerts(20 * orgs.length, 60_000);

    progress(`latency: ${plan.latencyListings} listings at ${plan.ratePerSecond}/s`);
    const sent = new Map<string, number>();
    const base = alertCount;
    const begin = performance.now();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < plan.latencyListings; i++) {
      const due = begin + (i * 1000) / plan.ratePerSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const listingId = `latency-${i}`;
      sent.set(listingId, performance.now());
      pending.push(produce(listingId, i).then(() => undefined));
    }
    await Promise.all(pending);
    await waitForAlerts(base + plan.latencyListings * orgs.length, 120_000);
    const latencies: number[] = [];
    const firsts: number[] = [];
    for (const [listingId, t0] of sent) {
      const times = arrivals.get(listingId) ?? [];
      latencies.push(...times.map((t) => t - t0));
      if (times.length > 0) firsts.push(Math.min(...times) - t0);
    }

    progress(`fan-out: ${plan.burstListings} listings at once`);
    const burstBase = alertCount;
    const burstStart = performance.now();
    const messages = Array.from({ length: plan.burstListings }, (_, i) =>
      messageOf(listingDecided({ listingId: `burst-${i}`, uscc: usccOf(500_000 + i) })),
    );
    for (let i = 0; i < messages.length; i += 100) await cluster.producer.publish(messages.slice(i, i + 100));
    await waitForAlerts(burstBase + plan.burstListings * orgs.length, 300_000);
    const burstSeconds = (performance.now() - burstStart) / 1000;
    const burstAlerts = plan.burstListings * orgs.length;

    const latency = { ...summarize(latencies), listings: plan.latencyListings };
    const firstAlertLatency = summarize(firsts);
    const fanOut = {
      listings: plan.burstListings,
      alerts: burstAlerts,
      seconds: Math.round(burstSeconds * 100) / 100,
      alertsPerSecond: Math.round(burstAlerts / burstSeconds),
    };
    const targets = [
      {
        description: 'p99 from the listing decision to the alert on the SSE stream ≤ 300 ms',
        measured: `${formatMs(latency.p99)} ms (p50 ${formatMs(latency.p50)} ms) over ${formatInteger(latency.samples)} alerts of ${formatInteger(plan.latencyListings)} listings`,
        pass: latency.p99 <= 300,
      },
      {
        description: 'fan-out ≥ 500 alerts/s',
        measured: `${formatInteger(fanOut.alertsPerSecond)} alerts/s (${formatInteger(burstAlerts)} alerts in ${fanOut.seconds} s)`,
        pass: fanOut.alertsPerSecond >= 500,
      },
    ];
    const report: Omit<AlertsBenchmarkReport, 'markdown'> = {
      command: `npx credit-share bench alerts${options.quick ? ' --quick' : ''}`,
      quick: options.quick,
      startedAt: startedAt.toISOString(),
      durationSeconds: Math.round((performance.now() - started) / 1000),
      machine: { ...machineAtStart, loadAverageAtEnd: machineInfo().loadAverage },
      server: facts,
      kafka: `Apache Kafka ${DEFAULT_KAFKA_VERSION} (KRaft, one broker, local)`,
      plan,
      latency,
      firstAlertLatency,
      fanOut,
      targets,
    };
    const markdown = renderAlertsReport(report);
    process.stdout.write(`${markdown}\n`);
    return { ...report, markdown };
  } finally {
    for (const s of streams) s.close();
    await cluster?.stop();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A pattern-valid USCC per listing (each its own subject, so listings spread over partitions like real ones). */
function usccOf(n: number): string {
  return `91440300MA${String(n).padStart(7, '0')}X`;
}

function summarize(values: number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? 0,
  };
}

async function startCluster(databaseUrl: string, dir: string): Promise<Cluster> {
  progress('resolving the Kafka broker (cached after the first run)');
  resolveKafkaJars(DEFAULT_KAFKA_VERSION, undefined, (line) => progress(line));
  const kafka = await startKafkaBroker({
    dataDir: join(dir, 'kafka'),
    port: await freePort(),
    controllerPort: await freePort(),
    heapMb: 512,
  });
  const dataDir = join(dir, 'data');
  const service = new ServiceProcess({
    app: 'enforcement-coordination',
    port: await freePort(),
    logFile: join(dir, 'enforcement-coordination.log'),
    env: { DATABASE_URL: databaseUrl, KAFKA_BROKERS: kafka.brokers.join(','), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  });
  const producer = new KafkaTransport({ brokers: kafka.brokers, clientId: 'bench-joint-supervision' });
  try {
    progress('starting enforcement-coordination (dist/) against Kafka');
    await service.start();
    await producer.start();
    await connected(producer);
  } catch (error) {
    await service.stop().catch(() => undefined);
    await kafka.stop();
    throw error;
  }
  return {
    url: service.url,
    issuer: await DevIssuer.loadOrCreate(dataDir),
    producer,
    stop: async () => {
      await producer.stop().catch(() => undefined);
      await service.stop();
      await kafka.stop();
    },
  };
}

/** Until the producer is connected (start() connects in the background): an empty topic list is a no-op send. */
async function connected(producer: KafkaTransport): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await producer.probe();
      if ((producer as unknown as { started: boolean }).started) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error('the Kafka producer did not connect');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The directory (as credit-records would publish it), one measure per organisation and a memorandum naming them all. */
async function setUp(cluster: Cluster, orgs: string[]): Promise<void> {
  const registrations = [
    organizationRegistered({ id: 'platform', name: '信用中心', type: 'platform_operator', uscc: '12440300MB2C00013E' }),
    ...orgs.map((id, i) =>
      organizationRegistered({
        id,
        name: `基准测试部门 ${i + 1}`,
        type: 'government_department',
        uscc: `1144030069${String(i).padStart(7, '0')}X`,
      }),
    ),
  ];
  await cluster.producer.publish(registrations.map(messageOf));
  const operator = await cluster.issuer.sign({ sub: 'platform:bench', org: 'platform', roles: ['operator'] });
  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${cluster.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await call('GET', '/organizations');
    const rows = response.status === 200 ? ((await response.json()) as { id: string }[]) : [];
    if (orgs.every((id) => rows.some((r) => r.id === id))) break;
    if (Date.now() > deadline) throw new Error('the organisations did not reach enforcement-coordination’s directory copy');
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const org of orgs) {
    const response = await call('POST', '/measures', {
      id: `measure-${org}`,
      content: '依法限制参与政府采购活动',
      target: '失信主体',
      legalBasis: '《政府采购法》第二十二条',
      implementingOrg: org,
    });
    if (response.status !== 201) throw new Error(`measure of ${org}: HTTP ${response.status} ${await response.text()}`);
  }
  const memorandum = await call('POST', '/memoranda', {
    listType: 'serious_dishonesty',
    measureIds: orgs.map((o) => `measure-${o}`),
  });
  if (memorandum.status !== 201) throw new Error(`memorandum: HTTP ${memorandum.status}`);
}

function renderAlertsReport(r: Omit<AlertsBenchmarkReport, 'markdown'>): string {
  const row = (name: string, l: Latency) => [
    name,
    formatInteger(l.samples),
    formatMs(l.p50),
    formatMs(l.p90),
    formatMs(l.p99),
    formatMs(l.max),
  ];
  return [
    `### Alerts: listing decision → SSE (${r.startedAt.slice(0, 10)})`,
    '',
    `Command: \`${r.command}\` (${r.durationSeconds} s). Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, ` +
      `${r.machine.os}, Node ${r.machine.node}, load ${r.machine.loadAverage.join(' / ')} at start, ${r.machine.loadAverageAtEnd.join(' / ')} at end. ` +
      `PostgreSQL ${r.server.version} (${r.server.origin}; fsync ${r.server.settings['fsync']}, synchronous_commit ${r.server.settings['synchronous_commit']}); ${r.kafka}; ` +
      `enforcement-coordination as its own process; ${r.plan.organizations} implementing organisations, so ${r.plan.organizations} alerts per listing, each on its organisation's SSE stream.`,
    '',
    formatTable(
      ['Target', 'Measured', 'Met'],
      r.targets.map((t) => [t.description, t.measured, t.pass ? 'yes' : 'no']),
    ),
    '',
    `Latency at ${r.plan.ratePerSecond} listings/s (${formatInteger(r.latency.listings)} listings), ms:`,
    '',
    formatTable(
      ['', 'alerts', 'p50', 'p90', 'p99', 'max'],
      [row('every alert', r.latency), row('first alert of a listing', r.firstAlertLatency)],
      ['left', 'right', 'right', 'right', 'right', 'right'],
    ),
    '',
    `Fan-out: ${formatInteger(r.fanOut.listings)} listings produced at once → ${formatInteger(r.fanOut.alerts)} alerts on the SSE streams in ${r.fanOut.seconds} s = ` +
      `${formatInteger(r.fanOut.alertsPerSecond)} alerts/s.`,
  ].join('\n');
}
