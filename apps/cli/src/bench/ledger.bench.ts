// `npx credit-share bench ledger`: the audit ledger's targets (issue 7, docs/benchmarks.md), measured on the real
// code paths against a real PostgreSQL. Progress goes to stderr, the Markdown report to stdout.
//
// 1. Append: entries queued as the consumer queues them, then sequenced by the sequencer into leaves, subtree hashes
//    and one signed checkpoint per batch — in rounds until the log holds 1,000,000 leaves.
// 2. Inclusion proofs at that size: GET /api/v1/audit/proofs/inclusion over HTTP (token verified, organisation
//    checked, proof planned, hashes fetched in one query), and the same query without HTTP.
// 3. Ingest: integration events through the consumer host (inbox, leaf built, queued) with the sequencer running,
//    until a signed checkpoint covers them all.
// 4. Latency: a producing service appends events at a steady rate; its relay publishes them over the in-process
//    transport; the ledger consumes, sequences and signs. For each event, from the commit of its append to the
//    commit of the first signed checkpoint that includes it.
import 'reflect-metadata';
import { DevIssuer } from '@credit-share/auth';
import { OrganizationDirectory } from '@credit-share/auth';
import { PlatformConfig, configureHttpApp, loadConfig, platformModules } from '@credit-share/bootstrap';
import { ORGANIZATION_EVENTS, topicOf } from '@credit-share/contracts';
import type { RecordedEvent } from '@credit-share/event-store';
import { serviceProviders, serviceRuntimeOf, type ServiceDefinition } from '@credit-share/messaging';
import { JsonLogger } from '@credit-share/observability';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AuditLedgerModule } from '../../../audit-ledger/src/audit-ledger.module';
import { auditEntryOf, leafBytesOf } from '../../../audit-ledger/src/ledger/audit-entry';
import { messageOf, syntheticEvent } from '../../../audit-ledger/src/ledger/integration-event.fixture';
import { LedgerSequencer, type CheckpointSigned } from '../../../audit-ledger/src/ledger/ledger-sequencer.scheduler';
import { GetInclusionProofQuery } from '../../../audit-ledger/src/ledger/ledger.handlers';
import { LedgerRepository } from '../../../audit-ledger/src/ledger/ledger.repository';
import { generateNoteKeys } from '../../../audit-ledger/src/ledger/signed-note';
import { readCliConfig } from '../cli.config';
import {
  formatInteger,
  formatMs,
  formatTable,
  machineInfo,
  percentile,
  progress,
  spread,
  type MachineInfo,
  type Spread,
} from './bench-harness';
import { BenchServer, type ServerFacts } from './bench-postgres';

export interface LedgerBenchPlan {
  /** Append rounds, each queueing and then sequencing `leavesPerRound` entries. */
  fillRounds: number;
  leavesPerRound: number;
  /** Entries per sequencing transaction (LEDGER_BATCH_SIZE). */
  batchSize: number;
  /** Inclusion-proof requests at the final size, over HTTP and directly. */
  proofRequests: number;
  /** Messages fed through the consumer host with the sequencer running. */
  ingestMessages: number;
  /** Producer loads for the latency runs, each for `latencySeconds`: events/s, in appends of this many events. */
  latencyRuns: { rate: number; eventsPerAppend: number }[];
  latencySeconds: number;
  checkpointIntervalMs: number;
}

const FULL_PLAN: LedgerBenchPlan = {
  fillRounds: 10,
  leavesPerRound: 100_000,
  batchSize: 10_000,
  proofRequests: 5_000,
  ingestMessages: 100_000,
  latencyRuns: [
    { rate: 1_000, eventsPerAppend: 1 },
    { rate: 2_500, eventsPerAppend: 1 },
    { rate: 5_000, eventsPerAppend: 50 },
  ],
  latencySeconds: 20,
  checkpointIntervalMs: 250,
};
/** For the smoke test: every phase runs, briefly, on a small log; the figures mean little. */
const QUICK_PLAN: LedgerBenchPlan = {
  fillRounds: 3,
  leavesPerRound: 2_000,
  batchSize: 1_000,
  proofRequests: 200,
  ingestMessages: 2_000,
  latencyRuns: [{ rate: 300, eventsPerAppend: 1 }],
  latencySeconds: 2,
  checkpointIntervalMs: 250,
};

export interface Latency {
  p50: number;
  p99: number;
  max: number;
  count: number;
}

export interface LedgerBenchmarkReport {
  command: string;
  quick: boolean;
  startedAt: string;
  durationSeconds: number;
  machine: MachineInfo & { loadAverageAtEnd: [number, number, number] };
  server: ServerFacts;
  plan: LedgerBenchPlan;
  leafBytes: number;
  append: { rounds: number[]; leavesPerSecond: Spread; treeSize: number; checkpoints: number };
  proofs: { treeSize: number; http: Latency; query: Latency };
  ingest: { messages: number; leavesPerSecond: number; seconds: number };
  latency: {
    rate: number;
    eventsPerAppend: number;
    achievedRate: number;
    latencyMs: Latency;
    /** Where a backlog built up, if any: the most events waiting at once in the relay, and in the ledger's queue. */
    maxBacklog: { relay: number; ledgerQueue: number };
  }[];
  targets: { description: string; measured: string; pass: boolean }[];
  markdown: string;
}

export async function runLedgerBenchmark(options: { quick: boolean }): Promise<LedgerBenchmarkReport> {
  const plan = options.quick ? QUICK_PLAN : FULL_PLAN;
  const config = readCliConfig();
  const started = performance.now();
  const startedAt = new Date();
  const machineAtStart = machineInfo();
  progress(`${options.quick ? 'quick' : 'full'} run, PostgreSQL: ${config.DATABASE_URL ? 'DATABASE_URL' : 'ephemeral embedded'}`);
  const server = await BenchServer.open(config.DATABASE_URL);
  const dataDir = mkdtempSync(join(tmpdir(), 'credit-share-bench-ledger-'));
  try {
    const facts = await server.facts();
    progress(`PostgreSQL ${facts.version} (${facts.origin})`);
    const ledgerUrl = await server.createDatabase('ledger');
    const pipelineUrl = await server.createDatabase('pipeline');
    const keys = generateNoteKeys('bench.credit-share/audit-ledger');

    const ledger = await startLedgerApp(ledgerUrl, dataDir, keys.signerKey, plan, []);
    let append: LedgerBenchmarkReport['append'];
    let proofs: LedgerBenchmarkReport['proofs'];
    let ingest: LedgerBenchmarkReport['ingest'];
    try {
      append = await measureAppend(ledger, plan);
      proofs = await measureProofs(ledger, plan, dataDir);
      ingest = await measureIngest(ledger, plan);
    } finally {
      await ledger.close();
    }
    const pipeline = await startLedgerApp(pipelineUrl, dataDir, keys.signerKey, plan, [BenchProducerModule.forRoot()], true);
    const latency: LedgerBenchmarkReport['latency'] = [];
    try {
      for (const run of plan.latencyRuns) latency.push(await measureLatency(pipeline, run, plan));
    } finally {
      await pipeline.close();
    }

    const worstLatency = Math.max(...latency.map((l) => l.latencyMs.p99));
    const targets = [
      {
        description: '≥ 10,000 leaves/s appended',
        measured: `${formatInteger(append.leavesPerSecond.median)} leaves/s (median of ${append.rounds.length} rounds)`,
        pass: append.leavesPerSecond.median >= 10_000,
      },
      {
        description: 'p99 from an event’s commit to its inclusion in a signed checkpoint ≤ 1 s',
        measured: `${formatMs(worstLatency)} ms (worst of the rates measured)`,
        pass: worstLatency <= 1_000,
      },
      {
        description: `inclusion proof p99 ≤ 5 ms at ${formatInteger(proofs.treeSize)} leaves`,
        measured: `${formatMs(proofs.http.p99)} ms over HTTP, ${formatMs(proofs.query.p99)} ms without HTTP`,
        pass: proofs.http.p99 <= 5,
      },
    ];
    const report: Omit<LedgerBenchmarkReport, 'markdown'> = {
      command: `npx credit-share bench ledger${options.quick ? ' --quick' : ''}`,
      quick: options.quick,
      startedAt: startedAt.toISOString(),
      durationSeconds: Math.round((performance.now() - started) / 1000),
      machine: { ...machineAtStart, loadAverageAtEnd: machineInfo().loadAverage },
      server: facts,
      plan,
      leafBytes: leafBytesOf(auditEntryOf(topicOf('credit-records'), syntheticEvent(1))).length,
      append,
      proofs,
      ingest,
      latency,
      targets,
    };
    const markdown = renderLedgerReport(report);
    process.stdout.write(`${markdown}\n`);
    return { ...report, markdown };
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---- the applications ------------------------------------------------------------------------------------------

interface LedgerApp {
  app: INestApplication;
  url: string;
  sequencer: LedgerSequencer;
  repository: LedgerRepository;
  close(): Promise<void>;
}

/** A producing service for the latency run: it publishes every event it stores, on credit-records' topic. */
const BENCH_PRODUCER: ServiceDefinition = {
  name: 'credit-records',
  schema: 'bench_producer',
  migrations: [],
  publish: (event: RecordedEvent) => ({
    type: event.type,
    version: 1,
    subject: (event.data as { subject: string }).subject,
    data: event.data,
  }),
  consumes: [],
  relay: { batchSize: 1_000 },
};

@Module({})
class LedgerBenchModule {}

@Module({})
class BenchProducerModule {
  static forRoot(): DynamicModule {
    return { module: BenchProducerModule, providers: [...serviceProviders(BENCH_PRODUCER)] };
  }
}

async function startLedgerApp(
  databaseUrl: string,
  dataDir: string,
  signingKey: string,
  plan: LedgerBenchPlan,
  extra: DynamicModule[],
  startMessaging = false,
): Promise<LedgerApp> {
  const config = loadConfig(PlatformConfig, { DATA_DIR: dataDir, LOG_LEVEL: 'error', DATABASE_POOL_SIZE: '10' });
  const root: DynamicModule = {
    module: LedgerBenchModule,
    imports: [
      ...platformModules(config, { databaseUrl, clientId: 'bench', startMessaging }),
      ...extra,
      AuditLedgerModule.forRoot({
        serveDirectoryCopy: false,
        ledger: {
          signingKey,
          keyName: 'unused',
          dataDir,
          checkpointIntervalMs: plan.checkpointIntervalMs,
          batchSize: plan.batchSize,
        },
      }),
    ],
  };
  const app = await NestFactory.create(root, {
    logger: new JsonLogger('bench', 'error'),
    bodyParser: false,
    abortOnError: false,
  });
  configureHttpApp(app, { title: 'credit-share (bench)', description: 'ledger benchmark' });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const sequencer = app.get(LedgerSequencer);
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    sequencer,
    repository: app.get(LedgerRepository),
    close: async () => {
      await sequencer.stop();
      await app.close();
    },
  };
}

// ---- 1. append -------------------------------------------------------------------------------------------------

async function measureAppend(ledger: LedgerApp, plan: LedgerBenchPlan): Promise<LedgerBenchmarkReport['append']> {
  const db = serviceRuntimeOf(ledger.app, 'audit-ledger').db;
  await ledger.sequencer.sequencePending(); // the empty tree's checkpoint
  const rates: number[] = [];
  let n = 0;
  for (let round = 0; round < plan.fillRounds; round++) {
    for (let queued = 0; queued < plan.leavesPerRound; queued += 10_000) {
      const events = Array.from({ length: Math.min(10_000, plan.leavesPerRound - queued) }, () => syntheticEvent(n++));
      const leaves = events.map((e) => leafBytesOf(auditEntryOf(topicOf(e.producer as never), e)));
      const lengths = leaves.map((l) => l.length);
      const offsets: number[] = [];
      lengths.reduce((offset, length) => (offsets.push(offset), offset + length), 0);
      await db.query(
        `INSERT INTO ledger_queue (message_id, subject, leaf)
         SELECT t.m, t.s, substring($3::bytea FROM t.o + 1 FOR t.l) FROM unnest($1::uuid[], $2::text[], $4::int[], $5::int[]) AS t(m, s, o, l)`,
        [events.map((e) => e.id), events.map((e) => e.subject), Buffer.concat(leaves), offsets, lengths],
      );
    }
    await db.query('VACUUM ANALYZE ledger_queue');
    const t0 = performance.now();
    const added = await ledger.sequencer.sequencePending();
    const seconds = (performance.now() - t0) / 1000;
    if (added !== plan.leavesPerRound) throw new Error(`sequenced ${added} leaves, expected ${plan.leavesPerRound}`);
    rates.push(added / seconds);
    progress(
      `append round ${round + 1}/${plan.fillRounds}: ${formatInteger(added / seconds)} leaves/s (log: ${formatInteger(n)} leaves)`,
    );
  }
  const head = await ledger.repository.head();
  return { rounds: rates, leavesPerSecond: spread(rates), treeSize: head.treeSize, checkpoints: head.checkpointSeq };
}

// ---- 2. inclusion proofs ---------------------------------------------------------------------------------------

async function measureProofs(
  ledger: LedgerApp,
  plan: LedgerBenchPlan,
  dataDir: string,
): Promise<LedgerBenchmarkReport['proofs']> {
  const runtime = serviceRuntimeOf(ledger.app, 'audit-ledger');
  await new OrganizationDirectory(runtime.db).apply(
    {
      type: ORGANIZATION_EVENTS.registered,
      data: {
        id: 'platform',
        name: '信用中心',
        type: 'platform_operator',
        uscc: '12440300MB2C00013E',
        catalogueItems: [],
        sharingClasses: ['public'],
      },
      at: new Date().toISOString(),
    },
    runtime.db,
  );
  await runtime.db.query('VACUUM ANALYZE ledger_nodes');
  const token = await (await DevIssuer.loadOrCreate(dataDir)).sign({ sub: 'bench', org: 'platform', roles: ['auditor'] });
  const { treeSize } = await ledger.repository.head();
  const queries = ledger.app.get(QueryBus);
  const indexes = Array.from({ length: plan.proofRequests }, () => Math.floor(Math.random() * treeSize));
  const warmUp = Math.min(200, plan.proofRequests);

  const query: number[] = [];
  for (const [i, index] of indexes.entries()) {
    const t0 = performance.now();
    const proof = await queries.execute(new GetInclusionProofQuery(index, treeSize));
    if (i >= warmUp || plan.proofRequests <= warmUp) query.push(performance.now() - t0);
    if (proof.hashes.length === 0 && treeSize > 1) throw new Error('empty proof');
  }
  const http: number[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (const [i, index] of indexes.entries()) {
      const t0 = performance.now();
      const { status, body } = await get(
        agent,
        `${ledger.url}/api/v1/audit/proofs/inclusion?index=${index}&treeSize=${treeSize}`,
        token,
      );
      if (i >= warmUp || plan.proofRequests <= warmUp) http.push(performance.now() - t0);
      if (status !== 200 || !(JSON.parse(body) as { hashes?: string[] }).hashes)
        throw new Error(`inclusion proof: HTTP ${status}`);
    }
  } finally {
    agent.destroy();
  }
  const result = { treeSize, http: latencyOf(http), query: latencyOf(query) };
  progress(
    `inclusion proofs at ${formatInteger(treeSize)} leaves: p99 ${formatMs(result.http.p99)} ms over HTTP, ${formatMs(result.query.p99)} ms without`,
  );
  return result;
}

/** A plain keep-alive HTTP GET: the client's own overhead stays small next to what is measured. */
function get(agent: Agent, url: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

// ---- 3. ingest through the consumer host -----------------------------------------------------------------------

async function measureIngest(ledger: LedgerApp, plan: LedgerBenchPlan): Promise<LedgerBenchmarkReport['ingest']> {
  const consumers = serviceRuntimeOf(ledger.app, 'audit-ledger').consumers;
  const start = (await ledger.repository.head()).treeSize;
  const target = start + plan.ingestMessages;
  const events = Array.from({ length: plan.ingestMessages }, (_, i) => syntheticEvent(2_000_000 + i));
  // Two producers' topics at once, in batches of 500 as the relay hands them over.
  const byTopic = [events.filter((_, i) => i % 2 === 0), events.filter((_, i) => i % 2 === 1)];
  const covered = new Promise<void>((resolve) => {
    const listener = (signed: CheckpointSigned) => {
      if (signed.checkpoint.treeSize >= target) {
        ledger.sequencer.signals.off('checkpoint', listener);
        resolve();
      }
    };
    ledger.sequencer.signals.on('checkpoint', listener);
  });
  ledger.sequencer.start();
  const t0 = performance.now();
  await Promise.all(
    byTopic.map(async (list, k) => {
      const topic = topicOf(k === 0 ? 'credit-records' : 'joint-supervision');
      for (let i = 0; i < list.length; i += 500) {
        await consumers.handle({ topic, partition: 0, messages: list.slice(i, i + 500).map(messageOf) });
      }
    }),
  );
  await covered;
  const seconds = (performance.now() - t0) / 1000;
  await ledger.sequencer.stop();
  progress(`ingest: ${formatInteger(plan.ingestMessages / seconds)} leaves/s through the consumer host, checkpoint included`);
  return { messages: plan.ingestMessages, leavesPerSecond: plan.ingestMessages / seconds, seconds };
}

// ---- 4. latency from commit to signed checkpoint ---------------------------------------------------------------

async function measureLatency(
  pipeline: LedgerApp,
  run: { rate: number; eventsPerAppend: number },
  plan: LedgerBenchPlan,
): Promise<LedgerBenchmarkReport['latency'][number]> {
  const producer = serviceRuntimeOf(pipeline.app, 'credit-records');
  const committedAt = new Map<string, number>();
  const latencies: number[] = [];
  const listener = (signed: CheckpointSigned) => {
    const now = performance.now();
    for (const id of signed.messageIds) {
      const t0 = committedAt.get(id);
      if (t0 !== undefined) {
        latencies.push(now - t0);
        committedAt.delete(id);
      }
    }
  };
  pipeline.sequencer.signals.on('checkpoint', listener);
  const tickMs = 20;
  const appendsPerTick = Math.max(1, Math.round((run.rate * tickMs) / 1000 / run.eventsPerAppend));
  const metadata = {
    correlationId: randomUUID(),
    causationId: null,
    actor: { user: 'bench', org: 'platform' },
    traceparent: null,
  };
  const inFlight = new Set<Promise<void>>();
  let appended = 0;
  const maxBacklog = { relay: 0, ledgerQueue: 0 };
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const [relay, queue] = await Promise.all([producer.relay!.lag(), pipeline.repository.queueDepth()]);
      maxBacklog.relay = Math.max(maxBacklog.relay, relay);
      maxBacklog.ledgerQueue = Math.max(maxBacklog.ledgerQueue, queue);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  const t0 = performance.now();
  const end = t0 + plan.latencySeconds * 1_000;
  // Open loop: every tick starts its share of appends (one command each), whatever the previous ones did.
  for (let tick = 0; performance.now() < end; tick++) {
    for (let i = 0; i < appendsPerTick; i++) {
      const events = Array.from({ length: run.eventsPerAppend }, () => ({
        type: 'RecordPublished',
        data: { ...(syntheticEvent(appended++).data as Record<string, unknown>), subject: '91440300MA5FQ2XK3B' },
      }));
      const append = producer.store.append(`BenchRecord-${randomUUID()}`, 0, events, metadata).then((result) => {
        const committed = performance.now();
        for (const event of result.events) committedAt.set(event.eventId, committed);
      });
      inFlight.add(append);
      void append.finally(() => inFlight.delete(append));
    }
    const next = t0 + (tick + 1) * tickMs;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
  }
  await Promise.all(inFlight);
  const achievedRate = appended / ((performance.now() - t0) / 1000);
  const deadline = performance.now() + 60_000;
  while (committedAt.size > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  pipeline.sequencer.signals.off('checkpoint', listener);
  sampling = false;
  await sampler;
  if (committedAt.size > 0) throw new Error(`${committedAt.size} events never reached a signed checkpoint`);
  const result = { ...run, achievedRate, latencyMs: latencyOf(latencies), maxBacklog };
  progress(
    `latency at ${formatInteger(run.rate)} events/s (appends of ${run.eventsPerAppend}): ` +
      `p50 ${formatMs(result.latencyMs.p50)} ms, p99 ${formatMs(result.latencyMs.p99)} ms`,
  );
  return result;
}

// ---- report ------------------------------------------------------------------------------------------------------

function latencyOf(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? 0, count: sorted.length };
}

function renderLedgerReport(r: Omit<LedgerBenchmarkReport, 'markdown'>): string {
  const m = r.machine;
  const settings = Object.entries(r.server.settings)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return [
    `### \`${r.command}\` — ${r.startedAt.slice(0, 10)}`,
    '',
    `${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}; load ${m.loadAverage.join(' ')} at start, ` +
      `${m.loadAverageAtEnd.join(' ')} at end. PostgreSQL ${r.server.version} (${r.server.origin}; ${settings}). ` +
      `Run took ${r.durationSeconds} s. Leaves of ${r.leafBytes} bytes (a realistic envelope, Chinese text).`,
    '',
    formatTable(
      ['Target', 'Measured', 'Met'],
      r.targets.map((t) => [t.description, t.measured, t.pass ? 'yes' : '**no**']),
      ['left', 'right', 'left'],
    ),
    '',
    formatTable(
      ['Phase', 'Figure'],
      [
        [
          `Append: ${r.plan.fillRounds} rounds of ${formatInteger(r.plan.leavesPerRound)} queued entries sequenced (batches of ${formatInteger(r.plan.batchSize)}, one signed checkpoint each)`,
          `${formatInteger(r.append.leavesPerSecond.median)} leaves/s median (${formatInteger(r.append.leavesPerSecond.min)}–${formatInteger(r.append.leavesPerSecond.max)}); log ${formatInteger(r.append.treeSize)} leaves, ${formatInteger(r.append.checkpoints)} checkpoints`,
        ],
        [
          `Inclusion proof at ${formatInteger(r.proofs.treeSize)} leaves, HTTP (JWT, directory, query), ${formatInteger(r.proofs.http.count)} requests, 1 keep-alive client`,
          `p50 ${formatMs(r.proofs.http.p50)} ms, p99 ${formatMs(r.proofs.http.p99)} ms, max ${formatMs(r.proofs.http.max)} ms`,
        ],
        [
          'Inclusion proof, query handler only (plan, one indexed query, fold)',
          `p50 ${formatMs(r.proofs.query.p50)} ms, p99 ${formatMs(r.proofs.query.p99)} ms, max ${formatMs(r.proofs.query.max)} ms`,
        ],
        [
          `Ingest: ${formatInteger(r.ingest.messages)} events through the consumer host (2 topics, batches of 500), until signed`,
          `${formatInteger(r.ingest.leavesPerSecond)} leaves/s (${r.ingest.seconds.toFixed(1)} s)`,
        ],
        ...r.latency.map((l) => [
          `Commit → signed checkpoint at ${formatInteger(l.rate)} events/s in appends of ${l.eventsPerAppend} for ${r.plan.latencySeconds} s (achieved ${formatInteger(l.achievedRate)}/s; relay, in-process transport, consumer, sequencer; checkpoint every ${r.plan.checkpointIntervalMs} ms)`,
          `p50 ${formatMs(l.latencyMs.p50)} ms, p99 ${formatMs(l.latencyMs.p99)} ms, max ${formatMs(l.latencyMs.max)} ms (${formatInteger(l.latencyMs.count)} events); ` +
            `backlog at most ${formatInteger(l.maxBacklog.relay)} in the relay, ${formatInteger(l.maxBacklog.ledgerQueue)} in the ledger's queue`,
        ]),
      ],
      ['left', 'right'],
    ),
  ].join('\n');
}
