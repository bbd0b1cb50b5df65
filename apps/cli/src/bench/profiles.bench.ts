// `npx credit-share bench profiles`: the credit profiles' targets (issue 6, docs/benchmarks.md), on the real code
// paths against a real PostgreSQL. Progress goes to stderr, the Markdown report to stdout.
//
// 1. History: 100,000 subjects with 1,000,000 records (plus registrations, objections, grades) stored as the consumer
//    stores them (IntegrationEventReceived events in the subjects' streams), written in bulk.
// 2. Rebuild: `replay --projection profiles` (rebuildProfiles) from that history, timed: events/s.
// 3. Profile queries over HTTP at a steady 200 queries/s for random subjects (token verified, directory looked up,
//    live row read and cut, AccessLogged event + access_log row committed before the answer): latency per query.
// 4. asOf queries over HTTP at random past instants (the subject's history read and folded): latency per query.
import 'reflect-metadata';
import { DevIssuer, OrganizationDirectory } from '@credit-share/auth';
import { PlatformConfig, configureHttpApp, loadConfig, platformModules } from '@credit-share/bootstrap';
import { ORGANIZATION_EVENTS, SHARING_CLASSES, type IntegrationEvent } from '@credit-share/contracts';
import { uuidv7 } from '@credit-share/event-store';
import { serviceRuntimeOf } from '@credit-share/messaging';
import { JsonLogger } from '@credit-share/observability';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CreditProfilesModule } from '../../../credit-profiles/src/credit-profiles.module';
import {
  gradeChanged,
  objectionFiled,
  recordPublished,
  subjectRegistered,
  type RecordSpec,
} from '../../../credit-profiles/src/profile/profile-events.fixture';
import { RECEIVED, profileStreamOf, rebuildProfiles } from '../../../credit-profiles/src/profile/profile.projection';
import { readCliConfig } from '../cli.config';
import { formatInteger, formatMs, formatTable, machineInfo, percentile, progress, type MachineInfo } from './bench-harness';
import { BenchServer, type ServerFacts } from './bench-postgres';

export interface ProfilesBenchPlan {
  subjects: number;
  recordsPerSubject: number;
  /** Profile queries per second, and for how long. */
  queryRate: number;
  querySeconds: number;
  /** asOf queries per second, and for how long. */
  asOfRate: number;
  asOfSeconds: number;
}

const FULL_PLAN: ProfilesBenchPlan = {
  subjects: 100_000,
  recordsPerSubject: 10,
  queryRate: 200,
  querySeconds: 30,
  asOfRate: 100,
  asOfSeconds: 20,
};
const QUICK_PLAN: ProfilesBenchPlan = {
  subjects: 1_000,
  recordsPerSubject: 10,
  queryRate: 100,
  querySeconds: 3,
  asOfRate: 50,
  asOfSeconds: 2,
};

export interface Latency {
  p50: number;
  p99: number;
  max: number;
  count: number;
  errors: number;
  achievedRate: number;
}

export interface ProfilesBenchmarkReport {
  command: string;
  startedAt: string;
  durationSeconds: number;
  machine: MachineInfo & { loadAverageAtEnd: [number, number, number] };
  server: ServerFacts;
  plan: ProfilesBenchPlan;
  history: { events: number; records: number; subjects: number; seconds: number; eventBytes: number };
  rebuild: { events: number; seconds: number; eventsPerSecond: number };
  profile: Latency;
  asOf: Latency;
  accessLogRows: number;
  targets: { description: string; measured: string; pass: boolean }[];
  markdown: string;
}

const START = Date.parse('2025-01-01T00:00:00Z');
const SPAN = Date.parse('2026-10-01T00:00:00Z') - START;
const usccOf = (n: number) => `91440300MB${String(n).padStart(7, '0')}Y`;

/** One subject's history: registration, its records (a tenth disputed), a grade. Deterministic per subject. */
function subjectHistory(n: number, records: number): IntegrationEvent[] {
  const uscc = usccOf(n);
  let t = START + ((n * 7_919) % 1_000) * 60_000;
  const step = Math.floor(SPAN / (records + 3));
  const iso = () => new Date(t).toISOString();
  const events: IntegrationEvent[] = [subjectRegistered(uscc, `深圳市基准测试第${n}号有限公司`, iso())];
  const specs: RecordSpec[] = [];
  for (let r = 0; r < records; r++) {
    t += step;
    const spec: RecordSpec = {
      recordId: `${uscc}-${r}`,
      uscc,
      name: `深圳市基准测试第${n}号有限公司`,
      kind: r % 3 === 0 ? 'administrative_license' : 'administrative_penalty',
      severity: r % 3 === 0 ? null : (['light', 'general', 'serious'] as const)[r % 3],
      sharingClass: SHARING_CLASSES[(n + r) % 3]!,
      providerOrg: r % 2 === 0 ? 'sz-market' : 'sz-tax',
      publicFrom: iso(),
      publicUntil: r % 4 === 0 ? null : new Date(t + 365 * 86_400_000).toISOString(),
    };
    specs.push(spec);
    events.push(recordPublished(spec, iso()));
  }
  t += step;
  if (n % 10 === 0) events.push(objectionFiled(specs[1]!, `${uscc}-o`, iso()));
  events.push(
    gradeChanged(
      uscc,
      'B',
      85,
      new Date(t + 1).toISOString(),
      specs.slice(0, 3).map((s) => ({ recordId: s.recordId, rule: 'penalty.general', points: -5 })),
    ),
  );
  return events;
}

export async function runProfilesBenchmark(options: { quick: boolean }): Promise<ProfilesBenchmarkReport> {
  const plan = options.quick ? QUICK_PLAN : FULL_PLAN;
  const config = readCliConfig();
  const started = performance.now();
  const startedAt = new Date();
  const machineAtStart = machineInfo();
  progress(`${options.quick ? 'quick' : 'full'} run, PostgreSQL: ${config.DATABASE_URL ? 'DATABASE_URL' : 'ephemeral embedded'}`);
  const server = await BenchServer.open(config.DATABASE_URL);
  const dataDir = mkdtempSync(join(tmpdir(), 'credit-share-bench-profiles-'));
  try {
    const facts = await server.facts();
    progress(`PostgreSQL ${facts.version} (${facts.origin})`);
    const app = await startProfilesApp(await server.createDatabase('profiles'), dataDir);
    try {
      const history = await writeHistory(app.app, plan);
      const rebuild = await measureRebuild(app.app, history.events);
      const issuer = await DevIssuer.loadOrCreate(dataDir);
      const token = await issuer.sign({ sub: 'sz-market:bench', org: 'sz-market', roles: ['regulator'] });
      const pick = () => usccOf(Math.floor(Math.random() * plan.subjects));
      const profile = await openLoop(
        app.url,
        token,
        plan.queryRate,
        plan.querySeconds,
        () => `/api/v1/profiles/${pick()}?purpose=inspection`,
      );
      progress(`profile queries at ${plan.queryRate}/s: p50 ${formatMs(profile.p50)} ms, p99 ${formatMs(profile.p99)} ms`);
      const asOf = await openLoop(app.url, token, plan.asOfRate, plan.asOfSeconds, () => {
        const instant = new Date(START + 86_400_000 + Math.floor(Math.random() * (SPAN - 86_400_000))).toISOString();
        return `/api/v1/profiles/${pick()}?purpose=inspection&asOf=${instant}`;
      });
      progress(`asOf queries at ${plan.asOfRate}/s: p50 ${formatMs(asOf.p50)} ms, p99 ${formatMs(asOf.p99)} ms`);
      const { rows } = await serviceRuntimeOf(app.app, 'credit-profiles').db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM access_log`,
      );
      const targets = [
        {
          description: `profile query p99 ≤ 10 ms at ${plan.queryRate} queries/s, access-log write included`,
          measured: `${formatMs(profile.p99)} ms (p50 ${formatMs(profile.p50)} ms, ${formatInteger(profile.achievedRate)}/s achieved)`,
          pass: profile.p99 <= 10 && profile.errors === 0,
        },
        {
          description: 'asOf query p99 ≤ 50 ms',
          measured: `${formatMs(asOf.p99)} ms (p50 ${formatMs(asOf.p50)} ms)`,
          pass: asOf.p99 <= 50 && asOf.errors === 0,
        },
        {
          description: 'full rebuild ≥ 50,000 events/s',
          measured: `${formatInteger(rebuild.eventsPerSecond)} events/s (${formatInteger(rebuild.events)} events in ${rebuild.seconds.toFixed(1)} s)`,
          pass: rebuild.eventsPerSecond >= 50_000,
        },
      ];
      const report: Omit<ProfilesBenchmarkReport, 'markdown'> = {
        command: `npx credit-share bench profiles${options.quick ? ' --quick' : ''}`,
        startedAt: startedAt.toISOString(),
        durationSeconds: Math.round((performance.now() - started) / 1000),
        machine: { ...machineAtStart, loadAverageAtEnd: machineInfo().loadAverage },
        server: facts,
        plan,
        history,
        rebuild,
        profile,
        asOf,
        accessLogRows: rows[0]!.n,
        targets,
      };
      const markdown = renderProfilesReport(report);
      process.stdout.write(`${markdown}\n`);
      return { ...report, markdown };
    } finally {
      await app.close();
    }
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

@Module({})
class ProfilesBenchModule {}

async function startProfilesApp(
  databaseUrl: string,
  dataDir: string,
): Promise<{ app: INestApplication; url: string; close(): Promise<void> }> {
  const config = loadConfig(PlatformConfig, { DATA_DIR: dataDir, LOG_LEVEL: 'error', DATABASE_POOL_SIZE: '10' });
  const root: DynamicModule = {
    module: ProfilesBenchModule,
    imports: [
      ...platformModules(config, { databaseUrl, clientId: 'bench', startMessaging: false }),
      CreditProfilesModule.forRoot({ serveDirectoryCopy: false }),
    ],
  };
  const app = await NestFactory.create(root, {
    logger: new JsonLogger('bench', 'error'),
    bodyParser: false,
    abortOnError: false,
  });
  configureHttpApp(app, { title: 'credit-share (bench)', description: 'profiles benchmark' });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const runtime = serviceRuntimeOf(app, 'credit-profiles');
  await new OrganizationDirectory(runtime.db).apply(
    {
      type: ORGANIZATION_EVENTS.registered,
      data: {
        id: 'sz-market',
        name: '深圳市市场监督管理局',
        type: 'government_department',
        uscc: '11440300007542058Q',
        catalogueItems: [],
        sharingClasses: ['public', 'conditional'],
      },
      at: new Date().toISOString(),
    },
    runtime.db,
  );
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

async function writeHistory(app: INestApplication, plan: ProfilesBenchPlan): Promise<ProfilesBenchmarkReport['history']> {
  const db = serviceRuntimeOf(app, 'credit-profiles').db;
  const metadata = JSON.stringify({
    correlationId: uuidv7(),
    causationId: null,
    actor: { user: 'bench', org: 'platform' },
    traceparent: null,
  });
  const t0 = performance.now();
  let events = 0;
  let bytes = 0;
  const perBatch = 1_000;
  for (let first = 0; first < plan.subjects; first += perBatch) {
    const rows: { s: string; v: number; e: IntegrationEvent }[] = [];
    for (let n = first; n < Math.min(first + perBatch, plan.subjects); n++) {
      subjectHistory(n, plan.recordsPerSubject).forEach((e, i) => rows.push({ s: profileStreamOf(e.subject), v: i + 1, e }));
    }
    // As the consumer's appends store them, in one statement per batch (one JSON array: no array-literal escaping).
    const batch = JSON.stringify(rows);
    await db.query(
      `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, occurred_at)
       SELECT r->>'s', (r->>'v')::int, (r->'e'->>'id')::uuid, $2, 1, r->'e', $3::jsonb, (r->'e'->>'occurredAt')::timestamptz
         FROM jsonb_array_elements($1::jsonb) AS r`,
      [batch, RECEIVED, metadata],
    );
    events += rows.length;
    bytes += batch.length;
    if ((first / perBatch) % 10 === 9)
      progress(`history: ${formatInteger(first + perBatch)} subjects, ${formatInteger(events)} events`);
  }
  await db.query('VACUUM ANALYZE events');
  const seconds = (performance.now() - t0) / 1000;
  progress(`history written: ${formatInteger(events)} events in ${seconds.toFixed(1)} s`);
  return {
    events,
    records: plan.subjects * plan.recordsPerSubject,
    subjects: plan.subjects,
    seconds,
    eventBytes: Math.round(bytes / events),
  };
}

async function measureRebuild(app: INestApplication, expected: number): Promise<ProfilesBenchmarkReport['rebuild']> {
  const db = serviceRuntimeOf(app, 'credit-profiles').db;
  const t0 = performance.now();
  const result = await rebuildProfiles(db, {
    onProgress: (n) => {
      if (n % 200_000 < 20_000) progress(`rebuild: ${formatInteger(n)} events`);
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  if (result.events !== expected) throw new Error(`rebuilt from ${result.events} events, expected ${expected}`);
  await db.query('VACUUM ANALYZE profiles');
  const eventsPerSecond = result.events / seconds;
  progress(`rebuild: ${formatInteger(eventsPerSecond)} events/s`);
  return { events: result.events, seconds, eventsPerSecond };
}

/** Requests at a steady rate whatever the answers' latency (an open loop), each timed from its send to its end. */
async function openLoop(base: string, token: string, rate: number, seconds: number, path: () => string): Promise<Latency> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const total = Math.round(rate * seconds);
  const warmUp = Math.min(rate, Math.floor(total / 10));
  const latencies: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now();
  try {
    for (let i = 0; i < total; i++) {
      const due = t0 + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const sent = performance.now();
      inFlight.push(
        get(agent, `${base}${path()}`, token).then(({ status }) => {
          if (i >= warmUp) latencies.push(performance.now() - sent);
          if (status !== 200) errors++;
        }),
      );
    }
    await Promise.all(inFlight);
  } finally {
    agent.destroy();
  }
  const elapsed = (performance.now() - t0) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? 0,
    count: sorted.length,
    errors,
    achievedRate: total / elapsed,
  };
}

function get(agent: Agent, url: string, token: string): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
      response.on('data', () => undefined);
      response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

function renderProfilesReport(r: Omit<ProfilesBenchmarkReport, 'markdown'>): string {
  const m = r.machine;
  const settings = Object.entries(r.server.settings)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return [
    `### \`${r.command}\` — ${r.startedAt.slice(0, 10)}`,
    '',
    `${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}; load ${m.loadAverage.join(' ')} at start, ` +
      `${m.loadAverageAtEnd.join(' ')} at end. PostgreSQL ${r.server.version} (${r.server.origin}; ${settings}). ` +
      `Run took ${r.durationSeconds} s.`,
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
          `History: ${formatInteger(r.history.subjects)} subjects, ${formatInteger(r.history.records)} records (registrations, objections on a tenth, grades), stored as received`,
          `${formatInteger(r.history.events)} events of ${formatInteger(r.history.eventBytes)} bytes on average, written in ${r.history.seconds.toFixed(1)} s`,
        ],
        [
          'Rebuild (`replay --projection profiles`): truncate, fold every subject stream, write the rows',
          `${formatInteger(r.rebuild.eventsPerSecond)} events/s (${r.rebuild.seconds.toFixed(1)} s)`,
        ],
        [
          `Profile over HTTP at ${r.plan.queryRate}/s for ${r.plan.querySeconds} s, random subjects (JWT, directory, live row, cut, AccessLogged + access_log committed first)`,
          `p50 ${formatMs(r.profile.p50)} ms, p99 ${formatMs(r.profile.p99)} ms, max ${formatMs(r.profile.max)} ms (${formatInteger(r.profile.count)} queries, ${r.profile.errors} errors)`,
        ],
        [
          `asOf over HTTP at ${r.plan.asOfRate}/s for ${r.plan.asOfSeconds} s, random subjects and instants (history read and folded, logged)`,
          `p50 ${formatMs(r.asOf.p50)} ms, p99 ${formatMs(r.asOf.p99)} ms, max ${formatMs(r.asOf.max)} ms (${formatInteger(r.asOf.count)} queries, ${r.asOf.errors} errors)`,
        ],
        ['Access-log entries written during the run', formatInteger(r.accessLogRows)],
      ],
      ['left', 'right'],
    ),
  ].join('\n');
}
