// `npx credit-share bench ingest`: credit-records' submission targets (issue 3, docs/benchmarks.md), measured over
// HTTP on the real code path (token, organisation guard, validation, idempotency keys, subject registration,
// set-based append, read model, expiry timers, data quality, relay) against a real PostgreSQL. Progress goes to
// stderr, the Markdown report to stdout.
//
// 1. Batch JSON: closed-loop clients each POST /api/v1/records/batch with 1,000 new records at a time; the rate is
//    accepted records per second over the whole run, with the rate of every 5-second window to show it is sustained.
// 2. Single JSON: POST /api/v1/records at a fixed rate (open loop: requests are sent on schedule whether or not the
//    earlier ones have answered, so a slow answer cannot hide the requests queued behind it); latency per request.
// 3. CSV import: `benchCsvImport(ctx)` of ./ingest-import.bench when that file exists (the import channel's own
//    scenario); otherwise the section is skipped.
import 'reflect-metadata';
import { DevIssuer } from '@credit-share/auth';
import { PlatformConfig, configureHttpApp, loadConfig, platformModules } from '@credit-share/bootstrap';
import type { RecordSubmissionV1 } from '@credit-share/contracts';
import { JsonLogger } from '@credit-share/observability';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CreditRecordsModule } from '../../../credit-records/src/credit-records.module';
import { organizationCodeCheckCharacter, usccCheckCharacter } from '../../../credit-records/src/subject/uscc';
import { readCliConfig } from '../cli.config';
import { formatInteger, formatMs, formatTable, machineInfo, percentile, progress, spread } from './bench-harness';
import { BenchServer } from './bench-postgres';

export interface IngestBenchPlan {
  batchClients: number;
  batchSize: number;
  batchSeconds: number;
  singleRate: number;
  singleSeconds: number;
  subjects: number;
}

const FULL_PLAN: IngestBenchPlan = {
  batchClients: 2,
  batchSize: 1_000,
  batchSeconds: 30,
  singleRate: 200,
  singleSeconds: 30,
  subjects: 20_000,
};
const QUICK_PLAN: IngestBenchPlan = {
  batchClients: 2,
  batchSize: 200,
  batchSeconds: 3,
  singleRate: 50,
  singleSeconds: 2,
  subjects: 500,
};

/** What the CSV scenario (ingest-import.bench.ts, `benchCsvImport`) gets: a running platform and a provider. */
export interface IngestBenchContext {
  app: INestApplication;
  url: string;
  /** Bearer token of a provider authorised for administrative_penalty and administrative_license. */
  providerToken: string;
  operatorToken: string;
  quick: boolean;
  /** Valid, distinct USCCs to use as subjects. */
  subjects: readonly string[];
}

export interface IngestTarget {
  description: string;
  measured: string;
  pass: boolean;
}

/** The CSV scenario's answer: its targets and a Markdown section for the report. */
export interface CsvImportBenchResult {
  targets: IngestTarget[];
  markdown: string;
}

export interface IngestBenchmarkReport {
  command: string;
  targets: IngestTarget[];
  markdown: string;
}

@Module({})
class IngestBenchModule {}

const PROVIDER = {
  id: 'bench-amr',
  name: '基准测试市场监督管理局',
  type: 'government_department',
  uscc: '11440300690000015X',
  catalogueItems: ['administrative_penalty', 'administrative_license'],
  sharingClasses: ['public', 'conditional'],
};

export async function runIngestBenchmark(options: { quick: boolean }): Promise<IngestBenchmarkReport> {
  const plan = options.quick ? QUICK_PLAN : FULL_PLAN;
  const config = readCliConfig();
  const startedAt = new Date();
  const machineAtStart = machineInfo();
  progress(`${options.quick ? 'quick' : 'full'} run, PostgreSQL: ${config.DATABASE_URL ? 'DATABASE_URL' : 'ephemeral embedded'}`);
  const server = await BenchServer.open(config.DATABASE_URL);
  const dataDir = mkdtempSync(join(tmpdir(), 'credit-share-bench-ingest-'));
  try {
    const facts = await server.facts();
    progress(`PostgreSQL ${facts.version} (${facts.origin})`);
    const databaseUrl = await server.createDatabase('ingest');
    const app = await startApp(databaseUrl, dataDir);
    try {
      const { port } = app.getHttpServer().address() as { port: number };
      const url = `http://127.0.0.1:${port}`;
      const issuer = await DevIssuer.loadOrCreate(dataDir);
      const operatorToken = await issuer.sign({ sub: 'bench:operator', org: 'platform', roles: ['operator'] });
      const providerToken = await issuer.sign({ sub: 'bench:provider', org: PROVIDER.id, roles: ['provider'] });
      const registered = await post(url, '/api/v1/organizations', operatorToken, PROVIDER);
      if (registered.status !== 201) throw new Error(`registering the provider: HTTP ${registered.status}`);
      const subjects = generateUsccs(plan.subjects);
      const ctx: IngestBenchContext = { app, url, providerToken, operatorToken, quick: options.quick, subjects };

      const batch = await measureBatch(ctx, plan);
      const single = await measureSingle(ctx, plan);
      const sequential = await measureSequential(ctx, plan);
      const csv = await runCsvScenario(ctx);

      const targets: IngestTarget[] = [
        {
          description: 'batch JSON ingest ≥ 10,000 records/s sustained',
          measured: `${formatInteger(batch.recordsPerSecond)} records/s over ${batch.seconds.toFixed(1)} s (5-s windows: ${formatInteger(batch.windows.min)}–${formatInteger(batch.windows.max)})`,
          pass: batch.recordsPerSecond >= 10_000,
        },
        {
          description: `single-record submission p99 ≤ 20 ms at ${plan.singleRate} requests/s`,
          measured: `p99 ${formatMs(single.p99)} ms (p50 ${formatMs(single.p50)}, max ${formatMs(single.max)}) over ${formatInteger(single.count)} requests, achieved ${formatInteger(single.achievedRate)}/s`,
          pass: single.p99 <= 20 && single.errors === 0,
        },
        ...(csv?.targets ?? []),
      ];
      const machine = { ...machineAtStart, loadAverageAtEnd: machineInfo().loadAverage };
      const markdown = [
        `### Ingest (\`npx credit-share bench ingest${options.quick ? ' --quick' : ''}\`)`,
        '',
        `Run ${startedAt.toISOString()}, ${machine.cpus} × ${machine.cpuModel}, load average ${machine.loadAverage.join(' / ')} → ${machine.loadAverageAtEnd.join(' / ')}; PostgreSQL ${facts.version} (${facts.origin}).`,
        '',
        formatTable(
          ['target', 'measured', 'met'],
          targets.map((t) => [t.description, t.measured, t.pass ? 'yes' : 'no']),
        ),
        '',
        `Batch: ${plan.batchClients} clients × ${plan.batchSize} records per request, ${formatInteger(batch.records)} records accepted in ${formatInteger(batch.requests)} requests; request latency p50 ${formatMs(batch.latency.p50)} ms, p99 ${formatMs(batch.latency.p99)} ms.`,
        `Single: ${formatInteger(single.count)} requests at ${plan.singleRate}/s (open loop), ${single.errors} errors.`,
        `Single, one request at a time (service time without queueing): ${formatInteger(sequential.count)} requests, p50 ${formatMs(sequential.p50)} ms, p99 ${formatMs(sequential.p99)} ms, ${formatInteger(sequential.rate)} requests/s.`,
        csv ? `\n${csv.markdown}` : '\nCSV import: skipped (no ingest-import.bench.ts in this build).',
      ].join('\n');
      process.stdout.write(`${markdown}\n`);
      return { command: `npx credit-share bench ingest${options.quick ? ' --quick' : ''}`, targets, markdown };
    } finally {
      await app.close();
    }
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function startApp(databaseUrl: string, dataDir: string): Promise<INestApplication> {
  const config = loadConfig(PlatformConfig, { DATA_DIR: dataDir, LOG_LEVEL: 'error', DATABASE_POOL_SIZE: '10' });
  const root: DynamicModule = {
    module: IngestBenchModule,
    imports: [
      ...platformModules(config, { databaseUrl, clientId: 'bench', startMessaging: true }),
      CreditRecordsModule.forRoot({ platform: { name: config.PLATFORM_NAME, uscc: config.PLATFORM_USCC } }),
    ],
  };
  const app = await NestFactory.create(root, {
    logger: new JsonLogger('bench', 'error'),
    bodyParser: false,
    abortOnError: false,
  });
  configureHttpApp(app, { title: 'credit-share (bench)', description: 'ingest benchmark' });
  await app.listen(0, '127.0.0.1');
  return app;
}

// ---- 1. batch ----------------------------------------------------------------------------------------------------

let documentCounter = 0;

function record(subjects: readonly string[]): RecordSubmissionV1 {
  const n = documentCounter++;
  const uscc = subjects[n % subjects.length]!;
  return {
    kind: 'administrative_penalty',
    subject: { name: `基准企业${n % subjects.length}有限公司`, uscc },
    decisionDocumentNumber: `深市监罚〔2026〕${n}号`,
    legalBasis: '《中华人民共和国食品安全法》第一百二十四条',
    content: '罚款2000元',
    category: '罚款',
    decisionDate: '2026-02-27',
    validUntil: '2026-03-06',
    decidingAuthority: { name: PROVIDER.name, uscc: PROVIDER.uscc },
    sourceOrganization: { name: PROVIDER.name, uscc: PROVIDER.uscc },
    severity: n % 3 === 0 ? 'light' : n % 3 === 1 ? 'general' : 'serious',
    fineAmountYuan: 2000,
  };
}

async function measureBatch(ctx: IngestBenchContext, plan: IngestBenchPlan) {
  progress(`batch: ${plan.batchClients} clients × ${plan.batchSize} records for ${plan.batchSeconds} s`);
  // Warm-up: plans, pools, JIT.
  for (let i = 0; i < 3; i++) await submitBatch(ctx, plan.batchSize);
  const started = performance.now();
  const deadline = started + plan.batchSeconds * 1000;
  const completions: { at: number; records: number }[] = [];
  const latencies: number[] = [];
  const loop = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const accepted = await submitBatch(ctx, plan.batchSize);
      const t1 = performance.now();
      latencies.push(t1 - t0);
      completions.push({ at: t1 - started, records: accepted });
    }
  };
  await Promise.all(Array.from({ length: plan.batchClients }, loop));
  const elapsed = performance.now() - started;
  const records = completions.reduce((s, c) => s + c.records, 0);
  const windowMs = 5_000;
  const windows: number[] = [];
  for (let from = 0; from + windowMs <= elapsed; from += windowMs) {
    const n = completions.filter((c) => c.at >= from && c.at < from + windowMs).reduce((s, c) => s + c.records, 0);
    windows.push((n * 1000) / windowMs);
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const result = {
    records,
    requests: latencies.length,
    seconds: elapsed / 1000,
    recordsPerSecond: (records * 1000) / elapsed,
    windows: spread(windows.length > 0 ? windows : [(records * 1000) / elapsed]),
    latency: { p50: percentile(sorted, 50), p99: percentile(sorted, 99) },
  };
  progress(`batch: ${formatInteger(result.recordsPerSecond)} records/s`);
  return result;
}

async function submitBatch(ctx: IngestBenchContext, size: number): Promise<number> {
  const records = Array.from({ length: size }, () => record(ctx.subjects));
  const response = await post(ctx.url, '/api/v1/records/batch', ctx.providerToken, { records });
  if (response.status !== 200) throw new Error(`batch: HTTP ${response.status} ${await response.text()}`);
  const report = (await response.json()) as { accepted: number; rejected: number };
  if (report.rejected > 0) throw new Error(`batch: ${report.rejected} rows rejected`);
  return report.accepted;
}

// ---- 2. single ---------------------------------------------------------------------------------------------------

async function measureSingle(ctx: IngestBenchContext, plan: IngestBenchPlan) {
  progress(`single: ${plan.singleRate} requests/s for ${plan.singleSeconds} s (open loop)`);
  for (let i = 0; i < 200; i++) await post(ctx.url, '/api/v1/records', ctx.providerToken, record(ctx.subjects));
  const total = plan.singleRate * plan.singleSeconds;
  const interval = 1000 / plan.singleRate;
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const body = record(ctx.subjects);
    inFlight.push(
      (async () => {
        // Latency counts from the instant the request was due, so a request held up by a slow one still counts its wait.
        try {
          const response = await post(ctx.url, '/api/v1/records', ctx.providerToken, body);
          await response.arrayBuffer();
          if (response.status !== 201) errors++;
        } catch {
          // Refused or timed out under overload: counted, with the time it took to fail.
          errors++;
        }
        latencies.push(performance.now() - due);
      })(),
    );
  }
  await Promise.all(inFlight);
  const elapsed = performance.now() - started;
  const sorted = [...latencies].sort((a, b) => a - b);
  const result = {
    count: latencies.length,
    errors,
    achievedRate: (latencies.length * 1000) / elapsed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? 0,
  };
  progress(`single: p99 ${formatMs(result.p99)} ms`);
  return result;
}

/** One client, one request at a time: what a submission costs when nothing queues in front of it. */
async function measureSequential(ctx: IngestBenchContext, plan: IngestBenchPlan) {
  progress(`single, sequential: ${plan.singleSeconds / 2} s`);
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + (plan.singleSeconds / 2) * 1000;
  while (performance.now() < deadline) {
    const t0 = performance.now();
    const response = await post(ctx.url, '/api/v1/records', ctx.providerToken, record(ctx.subjects));
    await response.arrayBuffer();
    if (response.status !== 201) throw new Error(`single: HTTP ${response.status}`);
    latencies.push(performance.now() - t0);
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: latencies.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    rate: (latencies.length * 1000) / (performance.now() - started),
  };
}

// ---- 3. CSV import (the import channel's scenario, when present) ---------------------------------------------------

async function runCsvScenario(ctx: IngestBenchContext): Promise<CsvImportBenchResult | null> {
  const candidates = [join(__dirname, 'ingest-import.bench.ts'), join(__dirname, 'ingest-import.bench.js')];
  if (!candidates.some((file) => existsSync(file))) {
    progress('csv import: skipped (no ingest-import.bench in this build)');
    return null;
  }
  // A computed path: the scenario is optional, so no static import may require it to exist.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional scenario, present once merged
  const scenario = require(join(__dirname, 'ingest-import.bench')) as {
    benchCsvImport?: (ctx: IngestBenchContext) => Promise<CsvImportBenchResult>;
  };
  if (typeof scenario.benchCsvImport !== 'function') throw new Error('ingest-import.bench exports no benchCsvImport(ctx)');
  progress('csv import: benchCsvImport');
  return scenario.benchCsvImport(ctx);
}

// ---- helpers -----------------------------------------------------------------------------------------------------

function post(url: string, path: string, token: string, body: unknown): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Distinct valid USCCs (registration authority 9 enterprises, Shenzhen), with their embedded organisation codes. */
export function generateUsccs(count: number): string[] {
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    const body = String(10_000_000 + i).slice(-8);
    const first17 = `91440300${body}${organizationCodeCheckCharacter(body)}`;
    codes.push(first17 + usccCheckCharacter(first17));
  }
  return codes;
}
