// `npx credit-share bench grading`: joint supervision's targets (issue 4, docs/benchmarks.md), on the real code paths
// against a real PostgreSQL. Progress goes to stderr, the Markdown report to stdout.
//
// 1. Fill: 100,000 subjects with 1,000,000 record facts (penalties of every severity, court enforcement, honours,
//    licences; some expired, some ended, some disputed), written as the consumer writes them.
// 2. Full regrade: GradingService.regradeAll — every subject's facts folded under the rule set in force, a changed
//    letter appended as GradeChanged with the grades row, in pages of one transaction each. Measured twice: the first
//    grading (every subject gets its first grade, 100,000 events), and after a stricter rule set takes effect.
// 3. Simulation: GradingService.simulate of a new version over the same population (read-only).
// 4. Grade query: GET /api/v1/subjects/{uscc}/grade over HTTP (token verified, organisation checked, facts folded),
//    for random subjects, now and at a random past instant.
import 'reflect-metadata';
import { DevIssuer, OrganizationDirectory } from '@credit-share/auth';
import { PlatformConfig, configureHttpApp, loadConfig, platformModules } from '@credit-share/bootstrap';
import { ORGANIZATION_EVENTS } from '@credit-share/contracts';
import { serviceRuntimeOf } from '@credit-share/messaging';
import { JsonLogger } from '@credit-share/observability';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { GradingService } from '../../../joint-supervision/src/grading/grading.handlers';
import { JointSupervisionModule } from '../../../joint-supervision/src/joint-supervision.module';
import { readCliConfig } from '../cli.config';
import { formatInteger, formatMs, formatTable, machineInfo, percentile, progress, type MachineInfo } from './bench-harness';
import { BenchServer, type ServerFacts } from './bench-postgres';

export interface GradingBenchPlan {
  subjects: number;
  recordsPerSubject: number;
  queries: number;
}

const FULL_PLAN: GradingBenchPlan = { subjects: 100_000, recordsPerSubject: 10, queries: 5_000 };
const QUICK_PLAN: GradingBenchPlan = { subjects: 2_000, recordsPerSubject: 10, queries: 300 };

interface Latency {
  p50: number;
  p99: number;
  max: number;
  count: number;
}

export interface GradingBenchmarkReport {
  command: string;
  quick: boolean;
  startedAt: string;
  durationSeconds: number;
  machine: MachineInfo & { loadAverageAtEnd: [number, number, number] };
  server: ServerFacts;
  plan: GradingBenchPlan;
  fill: { facts: number; seconds: number };
  /** `cpuSeconds`: CPU time of this process (the fold, the driver) in the phase; PostgreSQL's is not in it. */
  firstGrading: { subjects: number; changed: number; seconds: number; cpuSeconds: number };
  regrade: { subjects: number; changed: number; seconds: number; cpuSeconds: number };
  simulation: { subjects: number; changed: number; seconds: number; cpuSeconds: number };
  /** Over HTTP (token, organisation guard, validation, the query), and the query handler alone. */
  query: { now: Latency; asOf: Latency; handler: Latency };
  grades: Record<string, number>;
  targets: { description: string; measured: string; pass: boolean }[];
  markdown: string;
}

const DAY = 86_400_000;

export async function runGradingBenchmark(options: { quick: boolean }): Promise<GradingBenchmarkReport> {
  const plan = options.quick ? QUICK_PLAN : FULL_PLAN;
  const config = readCliConfig();
  const started = performance.now();
  const startedAt = new Date();
  const machineAtStart = machineInfo();
  progress(`${options.quick ? 'quick' : 'full'} run, PostgreSQL: ${config.DATABASE_URL ? 'DATABASE_URL' : 'ephemeral embedded'}`);
  const server = await BenchServer.open(config.DATABASE_URL);
  const dataDir = mkdtempSync(join(tmpdir(), 'credit-share-bench-grading-'));
  try {
    const facts = await server.facts();
    progress(`PostgreSQL ${facts.version} (${facts.origin})`);
    const app = await startApp(await server.createDatabase('grading'), dataDir);
    try {
      const runtime = serviceRuntimeOf(app.app, 'joint-supervision');
      const grading = app.app.get(GradingService);
      const now = new Date();

      const fill = await fillFacts(runtime.db, plan, now.getTime());
      await runtime.db.query('VACUUM ANALYZE record_facts');
      await runtime.db.query('VACUUM ANALYZE subjects');

      let t0 = performance.now();
      let cpu0 = process.cpuUsage();
      const first = await grading.regradeAll(now);
      const firstGrading = { ...first, seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSince(cpu0) };
      progress(
        `first grading: ${formatInteger(first.changed)} of ${formatInteger(first.subjects)} graded in ${firstGrading.seconds.toFixed(1)} s`,
      );
      await runtime.db.query('VACUUM ANALYZE grades');

      const stricter = { deductions: { light: 8, general: 20, serious: 50 }, bands: { A: 92, B: 75, C: 45 } };
      t0 = performance.now();
      cpu0 = process.cpuUsage();
      const simulated = await grading.simulate(2, stricter, now);
      const simulation = {
        subjects: simulated.subjects,
        changed: simulated.changed,
        seconds: (performance.now() - t0) / 1000,
        cpuSeconds: cpuSince(cpu0),
      };
      progress(
        `simulation: ${formatInteger(simulated.changed)} of ${formatInteger(simulated.subjects)} would change, ${simulation.seconds.toFixed(1)} s`,
      );

      // Adopted with effect from the present instant (the service's clock), then everyone is regraded under it.
      const adopted = await grading.adoptRuleSet(
        { rules: stricter, effectiveFrom: new Date() },
        { user: 'bench', org: 'platform' },
        '12440300MB2C00013E',
      );
      t0 = performance.now();
      cpu0 = process.cpuUsage();
      const again = await grading.regradeAll(new Date(Date.parse(adopted.ruleSet.effectiveFrom)));
      const regrade = { ...again, seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSince(cpu0) };
      progress(
        `regrade under version 2: ${formatInteger(again.changed)} of ${formatInteger(again.subjects)} changed in ${regrade.seconds.toFixed(1)} s`,
      );
      if (again.changed !== simulated.changed)
        throw new Error(`simulation said ${simulated.changed} would change, regrade changed ${again.changed}`);

      const query = await measureQueries(app, plan, dataDir, now.getTime());
      const { rows } = await runtime.db.query<{ grade: string; n: string }>(
        `SELECT grade, count(*)::text AS n FROM grades GROUP BY grade ORDER BY grade`,
      );
      const grades = Object.fromEntries(rows.map((r) => [r.grade, Number(r.n)]));

      const worstRegrade = Math.max(firstGrading.seconds, regrade.seconds);
      const worstQuery = Math.max(query.now.p99, query.asOf.p99);
      const targets = [
        {
          description: `full regrade of ${formatInteger(plan.subjects)} subjects / ${formatInteger(fill.facts)} records ≤ 30 s`,
          measured: `${firstGrading.seconds.toFixed(1)} s first grading, ${regrade.seconds.toFixed(1)} s under a new rule set`,
          pass: worstRegrade <= 30,
        },
        {
          description: 'simulation of a new rule set over the same ≤ 30 s',
          measured: `${simulation.seconds.toFixed(1)} s`,
          pass: simulation.seconds <= 30,
        },
        {
          description: 'grade query p99 ≤ 10 ms',
          measured: `${formatMs(query.now.p99)} ms now, ${formatMs(query.asOf.p99)} ms asOf (over HTTP); ${formatMs(query.handler.p99)} ms in the handler`,
          pass: worstQuery <= 10,
        },
      ];
      const report: Omit<GradingBenchmarkReport, 'markdown'> = {
        command: `npx credit-share bench grading${options.quick ? ' --quick' : ''}`,
        quick: options.quick,
        startedAt: startedAt.toISOString(),
        durationSeconds: Math.round((performance.now() - started) / 1000),
        machine: { ...machineAtStart, loadAverageAtEnd: machineInfo().loadAverage },
        server: facts,
        plan,
        fill,
        firstGrading,
        regrade,
        simulation,
        query,
        grades,
        targets,
      };
      const markdown = renderGradingReport(report);
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

/** A deterministic, varied population: the same plan always yields the same facts. */
async function fillFacts(
  db: { query(text: string, values?: unknown[]): Promise<unknown> },
  plan: GradingBenchPlan,
  now: number,
): Promise<{ facts: number; seconds: number }> {
  const t0 = performance.now();
  const chunk = 5_000; // subjects per statement
  let facts = 0;
  for (let start = 0; start < plan.subjects; start += chunk) {
    const cols: unknown[][] = Array.from({ length: 11 }, () => []);
    const usccs: string[] = [];
    const names: string[] = [];
    let message = 0;
    const push = (row: unknown[]) => {
      // One fact per message, keyed as the consumer keys it (a time-ordered message id, position 0).
      cols[0]!.push(`00000000-0000-7000-8000-${(start * 100 + message++).toString(16).padStart(12, '0')}`);
      row.forEach((v, i) => cols[i + 1]!.push(v));
    };
    for (let s = start; s < Math.min(plan.subjects, start + chunk); s++) {
      const uscc = benchUscc(s);
      usccs.push(uscc);
      names.push(`基准测试企业 ${s}`);
      for (let r = 0; r < plan.recordsPerSubject; r++) {
        const k = (s * 31 + r * 7) % 100;
        const kind =
          k < 55 ? 'administrative_license' : k < 85 ? 'administrative_penalty' : k < 90 ? 'court_enforcement' : 'honor';
        const severity = kind === 'administrative_penalty' ? (k < 70 ? 'light' : k < 80 ? 'general' : 'serious') : null;
        const publicFrom = now - ((s + r * 13) % 900) * DAY;
        const publicUntil =
          kind === 'administrative_license' || kind === 'honor' ? null : publicFrom + (k % 2 === 0 ? 365 : 1_095) * DAY;
        push([uscc, 'record', publicFrom, `rec-${s}-${r}`, kind, severity, publicFrom, publicUntil, k % 17 === 0, null]);
        facts++;
        // Some records ended early (withdrawn or repaired) a few days after publication.
        if (k % 23 === 0)
          push([
            uscc,
            'record-ended',
            publicFrom + 5 * DAY,
            `rec-${s}-${r}`,
            null,
            null,
            null,
            null,
            null,
            k % 2 ? 'repaired' : 'withdrawn',
          ]);
      }
    }
    await db.query(`INSERT INTO subjects (uscc, name) SELECT * FROM unnest($1::text[], $2::text[])`, [usccs, names]);
    await db.query(
      `INSERT INTO record_facts (message_id, ord, uscc, fact, at_ms, record_id, kind, severity, public_from_ms, public_until_ms, disputed, cause)
       SELECT m, 0, u, f, a, r, k, s, pf, pu, d, c FROM unnest($1::uuid[], $2::text[], $3::text[], $4::float8[], $5::text[], $6::text[],
         $7::text[], $8::float8[], $9::float8[], $10::boolean[], $11::text[]) AS t(m, u, f, a, r, k, s, pf, pu, d, c)`,
      cols,
    );
    progress(`fill: ${formatInteger(Math.min(plan.subjects, start + chunk))} subjects, ${formatInteger(facts)} records`);
  }
  return { facts, seconds: (performance.now() - t0) / 1000 };
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A USCC-shaped identifier (format only; joint supervision does not re-check the credit records' checksum). */
function benchUscc(n: number): string {
  let body = '';
  let x = n;
  for (let i = 0; i < 6; i++) {
    body = USCC_CHARS[x % 31]! + body;
    x = Math.floor(x / 31);
  }
  return `91440300MA${body}0X`;
}

interface BenchApp {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

@Module({})
class GradingBenchModule {}

async function startApp(databaseUrl: string, dataDir: string): Promise<BenchApp> {
  const config = loadConfig(PlatformConfig, { DATA_DIR: dataDir, LOG_LEVEL: 'error', DATABASE_POOL_SIZE: '10' });
  const root: DynamicModule = {
    module: GradingBenchModule,
    imports: [
      ...platformModules(config, { databaseUrl, clientId: 'bench', startMessaging: false }),
      JointSupervisionModule.forRoot({ serveDirectoryCopy: false }),
    ],
  };
  const app = await NestFactory.create(root, {
    logger: new JsonLogger('bench', 'error'),
    bodyParser: false,
    abortOnError: false,
  });
  configureHttpApp(app, { title: 'credit-share (bench)', description: 'grading benchmark' });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

async function measureQueries(
  app: BenchApp,
  plan: GradingBenchPlan,
  dataDir: string,
  now: number,
): Promise<GradingBenchmarkReport['query']> {
  const runtime = serviceRuntimeOf(app.app, 'joint-supervision');
  await new OrganizationDirectory(runtime.db).apply(
    {
      type: ORGANIZATION_EVENTS.registered,
      data: {
        id: 'sz-amr',
        name: '深圳市市场监督管理局',
        type: 'government_department',
        uscc: '11440300690000015X',
        catalogueItems: [],
        sharingClasses: ['public'],
      },
      at: new Date().toISOString(),
    },
    runtime.db,
  );
  const token = await (await DevIssuer.loadOrCreate(dataDir)).sign({ sub: 'bench', org: 'sz-amr', roles: ['regulator'] });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const warmUp = Math.min(200, Math.floor(plan.queries / 5));
  const run = async (asOf: boolean): Promise<Latency> => {
    const samples: number[] = [];
    for (let i = 0; i < plan.queries + warmUp; i++) {
      const uscc = benchUscc(Math.floor(Math.random() * plan.subjects));
      const at = asOf ? `?asOf=${new Date(now - Math.floor(Math.random() * 900) * DAY).toISOString()}` : '';
      const t0 = performance.now();
      const { status, body } = await get(agent, `${app.url}/api/v1/subjects/${uscc}/grade${at}`, token);
      if (i >= warmUp) samples.push(performance.now() - t0);
      if (status !== 200 || !(JSON.parse(body) as { grade?: string }).grade)
        throw new Error(`grade query: HTTP ${status} ${body}`);
    }
    return latencyOf(samples);
  };
  try {
    const grading = app.app.get(GradingService);
    const handler: number[] = [];
    for (let i = 0; i < plan.queries + warmUp; i++) {
      const uscc = benchUscc(Math.floor(Math.random() * plan.subjects));
      const t0 = performance.now();
      await grading.gradeOf(uscc, new Date(now - Math.floor(Math.random() * 900) * DAY));
      if (i >= warmUp) handler.push(performance.now() - t0);
    }
    const result = { now: await run(false), asOf: await run(true), handler: latencyOf(handler) };
    progress(
      `grade queries: p99 ${formatMs(result.now.p99)} ms now, ${formatMs(result.asOf.p99)} ms asOf, ${formatMs(result.handler.p99)} ms handler`,
    );
    return result;
  } finally {
    agent.destroy();
  }
}

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

function cpuSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
}

function latencyOf(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? 0, count: sorted.length };
}

function renderGradingReport(r: Omit<GradingBenchmarkReport, 'markdown'>): string {
  const lat = (l: Latency) =>
    `p50 ${formatMs(l.p50)} ms, p99 ${formatMs(l.p99)} ms, max ${formatMs(l.max)} ms (${formatInteger(l.count)} requests)`;
  const lines = [
    `## Grading (joint supervision) — \`${r.command}\``,
    '',
    `Run ${r.startedAt} for ${r.durationSeconds} s on ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, load ${r.machine.loadAverage.join(' / ')} at start, ${r.machine.loadAverageAtEnd.join(' / ')} at end; PostgreSQL ${r.server.version} (${r.server.origin}).`,
    '',
    formatTable(
      ['Target', 'Measured', 'Met'],
      r.targets.map((t) => [t.description, t.measured, t.pass ? 'yes' : 'no']),
      ['left', 'left', 'left'],
    ),
    '',
    formatTable(
      ['Phase', 'Figure'],
      [
        [
          `Fill: ${formatInteger(r.plan.subjects)} subjects, ${formatInteger(r.fill.facts)} records (bulk insert)`,
          `${r.fill.seconds.toFixed(1)} s`,
        ],
        [
          `First grading (every subject: ${formatInteger(r.firstGrading.changed)} GradeChanged)`,
          `${r.firstGrading.seconds.toFixed(1)} s (${r.firstGrading.cpuSeconds.toFixed(1)} s CPU in Node)`,
        ],
        [
          `Simulation of version 2 (${formatInteger(r.simulation.changed)} would change)`,
          `${r.simulation.seconds.toFixed(1)} s (${r.simulation.cpuSeconds.toFixed(1)} s CPU in Node)`,
        ],
        [
          `Regrade when version 2 takes effect (${formatInteger(r.regrade.changed)} GradeChanged)`,
          `${r.regrade.seconds.toFixed(1)} s (${r.regrade.cpuSeconds.toFixed(1)} s CPU in Node)`,
        ],
        ['Grade query now, over HTTP', lat(r.query.now)],
        ['Grade query, the handler alone (one round trip, the fold), random instants', lat(r.query.handler)],
        ['Grade query at a random past instant (asOf), over HTTP', lat(r.query.asOf)],
        [
          'Grades after the run',
          Object.entries(r.grades)
            .map(([g, n]) => `${g} ${formatInteger(n)}`)
            .join(', '),
        ],
      ],
      ['left', 'right'],
    ),
  ];
  return lines.join('\n');
}
