// `npx credit-share bench store`: our PostgreSQL event store against Emmett's and against a raw INSERT … UNNEST
// floor, side by side in one run on one server (methodology and figures: docs/benchmarks.md). Progress goes to
// stderr, the Markdown report to stdout.
// The CLI configuration is a class-validator class; nothing else on this command's import path loads the metadata
// polyfill its decorators need (the other commands get it through NestJS).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { readCliConfig } from '../cli.config';
import {
  interleavedRounds,
  latencySummary,
  machineInfo,
  measureOnce,
  measureThroughput,
  pairedRatios,
  progress,
  spread,
  unitsPerSecond,
  formatInteger,
  type ThroughputSample,
} from './bench-harness';
import { BenchServer, type ServerFacts } from './bench-postgres';
import { CreditRecordEvents } from './credit-record.fixture';
import {
  CreditShareContender,
  EmmettContender,
  RawUnnestContender,
  restoreNodePostgresParsers,
  type ContenderId,
  type StoreContender,
} from './store.contenders';
import {
  renderStoreReport,
  type ContenderFigures,
  type ScenarioReport,
  type StoreBenchmarkReport,
  type TargetVerdict,
} from './store.report';

export type { StoreBenchmarkReport } from './store.report';

export interface BenchPlan {
  /** Measured rounds per scenario; each contender takes one turn per round. */
  rounds: number;
  warmUpRounds: number;
  /** Length of one contender's turn in an append scenario. */
  turnMs: number;
  /** Events in each store before the catch-up read is measured. */
  readEvents: number;
  readPageSize: number;
  /** Connections in each contender's pool (10: node-postgres's default, hence Emmett's). */
  poolSize: number;
}

const FULL_PLAN: BenchPlan = {
  rounds: 7,
  warmUpRounds: 1,
  turnMs: 2_000,
  readEvents: 200_000,
  readPageSize: 5_000,
  poolSize: 10,
};
/** For the smoke test: every scenario runs, briefly, on a small store; the figures mean little. */
const QUICK_PLAN: BenchPlan = { rounds: 3, warmUpRounds: 1, turnMs: 250, readEvents: 10_000, readPageSize: 5_000, poolSize: 10 };

interface AppendScenario {
  id: string;
  title: string;
  eventsPerAppend: number;
  clients: number;
  target: { reference: ContenderId; atLeast: number; description: string };
}

const APPEND_SCENARIOS: AppendScenario[] = [
  {
    id: 'append-1-event-1-client',
    title: 'Append 1 event/tx, 1 client',
    eventsPerAppend: 1,
    clients: 1,
    target: { reference: 'emmett', atLeast: 1.5, description: '≥ 1.5× Emmett' },
  },
  {
    id: 'append-1-event-8-clients',
    title: 'Append 1 event/tx, 8 clients',
    eventsPerAppend: 1,
    clients: 8,
    target: { reference: 'emmett', atLeast: 1.5, description: '≥ 1.5× Emmett' },
  },
  {
    id: 'append-100-events-1-client',
    title: 'Append 100 events/tx, 1 client',
    eventsPerAppend: 100,
    clients: 1,
    target: { reference: 'raw', atLeast: 0.8, description: '≥ 0.80× raw UNNEST' },
  },
  {
    id: 'append-100-events-4-clients',
    title: 'Append 100 events/tx, 4 clients',
    eventsPerAppend: 100,
    clients: 4,
    target: { reference: 'raw', atLeast: 0.8, description: '≥ 0.80× raw UNNEST' },
  },
];

const READ_TARGET = 200_000;
const FILL_BATCH = 100;

export async function runStoreBenchmark(options: { quick: boolean }): Promise<StoreBenchmarkReport> {
  const plan = options.quick ? QUICK_PLAN : FULL_PLAN;
  const config = readCliConfig();
  const started = performance.now();
  const startedAt = new Date();
  const machineAtStart = machineInfo();
  progress(
    `${options.quick ? 'quick' : 'full'} run; ${plan.rounds} rounds per scenario, PostgreSQL: ${config.DATABASE_URL ? 'DATABASE_URL' : 'ephemeral embedded'}`,
  );

  const server = await BenchServer.open(config.DATABASE_URL);
  let serverFacts: ServerFacts;
  let scenarios: ScenarioReport[];
  try {
    serverFacts = await server.facts();
    progress(`PostgreSQL ${serverFacts.version} (${serverFacts.origin})`);
    scenarios = await runScenarios(server, plan);
  } finally {
    restoreNodePostgresParsers();
    await server.close();
  }

  const fixture = new CreditRecordEvents(1);
  const report: Omit<StoreBenchmarkReport, 'markdown'> = {
    command: `npx credit-share bench store${options.quick ? ' --quick' : ''}`,
    quick: options.quick,
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round((performance.now() - started) / 1000),
    machine: { ...machineAtStart, loadAverageAtEnd: machineInfo().loadAverage },
    server: serverFacts,
    plan,
    payloadBytes: fixture.sizes(),
    scenarios,
    allTargetsMet: scenarios.every((s) => s.target.pass),
  };
  const markdown = renderStoreReport(report);
  process.stdout.write(`${markdown}\n`);
  return { ...report, markdown };
}

async function runScenarios(server: BenchServer, plan: BenchPlan): Promise<ScenarioReport[]> {
  const urls = {
    'credit-share': await server.createDatabase('credit_share'),
    emmett: await server.createDatabase('emmett'),
    raw: await server.createDatabase('raw'),
  } satisfies Record<ContenderId, string>;
  const contenders: StoreContender[] = [];
  try {
    contenders.push(await CreditShareContender.open(urls['credit-share'], plan.poolSize));
    contenders.push(await EmmettContender.open(urls.emmett));
    contenders.push(await RawUnnestContender.open(urls.raw, plan.poolSize));
    const events = new CreditRecordEvents();

    for (const contender of contenders) await fill(contender, plan.readEvents, events);
    // The tables just took every event in one burst; let each settle as autovacuum would before reading them.
    for (const contender of contenders) await server.vacuumAnalyze(urls[contender.id]);

    const reports = [await runCatchUpRead(contenders, plan)];
    for (const scenario of APPEND_SCENARIOS) reports.push(await runAppendScenario(scenario, contenders, plan, events));
    return reports;
  } finally {
    for (const contender of contenders) await contender.close();
  }
}

/**
 * Writes `total` events through the contender's own append, 100 per stream: the catch-up read's fixture. One writer,
 * because Emmett 0.42.0's global read pages on global_position while ordering by transaction id, and returns some
 * events twice when concurrent appends interleave their positions (docs/benchmarks.md); with one writer both orders
 * agree and every store reads back exactly what it holds.
 */
async function fill(contender: StoreContender, total: number, events: CreditRecordEvents): Promise<void> {
  contender.activate();
  const t0 = performance.now();
  for (let remaining = total; remaining > 0; remaining -= FILL_BATCH) {
    await contender.appendToNewStream(streamName(), events.take(Math.min(FILL_BATCH, remaining)));
  }
  progress(`filled ${contender.label} with ${formatInteger(total)} events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function runCatchUpRead(contenders: StoreContender[], plan: BenchPlan): Promise<ScenarioReport> {
  const title = `Catch-up read, ${formatInteger(plan.readEvents)} events in pages of ${formatInteger(plan.readPageSize)}`;
  progress(title);
  const samples = await interleavedRounds({
    contenders,
    rounds: plan.rounds,
    warmUpRounds: plan.warmUpRounds,
    run: async (contender) => {
      contender.activate();
      const sample = await measureOnce(() => contender.readAllFromStart(plan.readPageSize));
      if (sample.units !== plan.readEvents) {
        throw new Error(`${contender.label} read ${sample.units} events back, expected ${plan.readEvents}`);
      }
      return sample;
    },
    onRound: (round, byContender) => progress(describeRound(round, plan.rounds, contenders, byContender)),
  });
  const ours = samples.get('credit-share')!;
  const measured = spread(ours.map(unitsPerSecond));
  const target: TargetVerdict = {
    description: `≥ ${formatInteger(READ_TARGET)} events/s`,
    unit: 'events/s',
    measured,
    required: READ_TARGET,
    pass: measured.median >= READ_TARGET,
  };
  return { id: 'catch-up-read', title, figures: figures(contenders, samples, false), target };
}

async function runAppendScenario(
  scenario: AppendScenario,
  contenders: StoreContender[],
  plan: BenchPlan,
  events: CreditRecordEvents,
): Promise<ScenarioReport> {
  progress(scenario.title);
  const samples = await interleavedRounds({
    contenders,
    rounds: plan.rounds,
    warmUpRounds: plan.warmUpRounds,
    run: (contender) => {
      contender.activate();
      return measureThroughput({
        clients: scenario.clients,
        durationMs: plan.turnMs,
        operation: async () => {
          await contender.appendToNewStream(streamName(), events.take(scenario.eventsPerAppend));
          return scenario.eventsPerAppend;
        },
      });
    },
    onRound: (round, byContender) => progress(describeRound(round, plan.rounds, contenders, byContender)),
  });
  const ratios = pairedRatios(samples.get('credit-share')!, samples.get(scenario.target.reference)!);
  const measured = spread(ratios);
  const target: TargetVerdict = {
    description: scenario.target.description,
    unit: 'ratio',
    measured,
    required: scenario.target.atLeast,
    pass: measured.median >= scenario.target.atLeast,
  };
  return { id: scenario.id, title: scenario.title, figures: figures(contenders, samples, true), target };
}

function figures(
  contenders: StoreContender[],
  samples: Map<string, ThroughputSample[]>,
  withLatency: boolean,
): ContenderFigures[] {
  return contenders.map((c) => {
    const own = samples.get(c.id)!;
    const rates = own.map(unitsPerSecond);
    return {
      id: c.id,
      label: c.label,
      eventsPerSecond: spread(rates),
      rounds: rates,
      latencyMs: withLatency ? latencySummary(own) : null,
    };
  });
}

function describeRound(
  round: number,
  rounds: number,
  contenders: StoreContender[],
  samples: ReadonlyMap<string, ThroughputSample>,
): string {
  const parts = contenders.map((c) => `${c.label} ${formatInteger(unitsPerSecond(samples.get(c.id)!))}`);
  return `  round ${round + 1}/${rounds}: ${parts.join(', ')} events/s`;
}

/** Emmett takes the part before the first '-' as the stream type; ours and the raw table store the name as it is. */
function streamName(): string {
  return `CreditRecord-${randomUUID()}`;
}
