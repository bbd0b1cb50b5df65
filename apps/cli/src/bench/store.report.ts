// The store benchmark's result, and its Markdown rendering (the form docs/benchmarks.md quotes).
import {
  formatInteger,
  formatMs,
  formatRatio,
  formatSpread,
  formatTable,
  type LatencySummary,
  type MachineInfo,
  type Spread,
} from './bench-harness';
import type { ServerFacts } from './bench-postgres';
import type { BenchPlan } from './store.bench';
import type { ContenderId } from './store.contenders';

export interface ContenderFigures {
  id: ContenderId;
  label: string;
  /** Median and min–max over the measured rounds. */
  eventsPerSecond: Spread;
  /** events/s of every measured round, in round order. */
  rounds: number[];
  /** Per-append latency over all measured rounds (append scenarios only). */
  latencyMs: LatencySummary | null;
}

export interface TargetVerdict {
  description: string;
  /** `ratio`: median and min–max of per-round ratios credit-share / reference; `events/s`: credit-share's rate. */
  unit: 'ratio' | 'events/s';
  measured: Spread;
  required: number;
  pass: boolean;
}

export interface ScenarioReport {
  id: string;
  title: string;
  figures: ContenderFigures[];
  target: TargetVerdict;
}

export interface StoreBenchmarkReport {
  command: string;
  quick: boolean;
  startedAt: string;
  durationSeconds: number;
  machine: MachineInfo & { loadAverageAtEnd: [number, number, number] };
  server: ServerFacts;
  plan: BenchPlan;
  payloadBytes: { data: number; metadata: number };
  scenarios: ScenarioReport[];
  allTargetsMet: boolean;
  markdown: string;
}

export function renderStoreReport(report: Omit<StoreBenchmarkReport, 'markdown'>): string {
  const labels = report.scenarios[0]?.figures.map((f) => f.label) ?? [];
  const lines = [
    `## Event store benchmark (${report.startedAt.slice(0, 16).replace('T', ' ')} UTC)`,
    '',
    `Command: \`${report.command}\`${report.quick ? ' — **quick run: too short for the targets; verdicts are indicative only**' : ''}`,
    '',
    ...facts(report).map((f) => `- ${f}`),
    '',
    '### Throughput (events/s, median of rounds, min–max in brackets)',
    '',
    formatTable(
      ['Scenario', ...labels, 'Target', 'Measured', 'Result'],
      report.scenarios.map((s) => [
        s.title,
        ...s.figures.map((f) => formatSpread(f.eventsPerSecond)),
        s.target.description,
        s.target.unit === 'ratio' ? formatRatio(s.target.measured) : formatInteger(s.target.measured.median),
        s.target.pass ? 'PASS' : 'FAIL',
      ]),
      ['left', ...labels.map(() => 'right' as const), 'left', 'right', 'left'],
    ),
    '',
    'Ratios are medians (min–max) of per-round ratios: each round ran the contenders back to back.',
    '',
    '### Append latency (ms per append, p50 / p99 over all measured rounds)',
    '',
    formatTable(
      ['Scenario', ...labels],
      report.scenarios
        .filter((s) => s.figures.some((f) => f.latencyMs))
        .map((s) => [
          s.title,
          ...s.figures.map((f) => (f.latencyMs ? `${formatMs(f.latencyMs.p50)} / ${formatMs(f.latencyMs.p99)}` : '—')),
        ]),
      ['left', ...labels.map(() => 'right' as const)],
    ),
    '',
    `All targets met: ${report.allTargetsMet ? 'yes' : 'no'}.`,
  ];
  return lines.join('\n');
}

function facts(report: Omit<StoreBenchmarkReport, 'markdown'>): string[] {
  const m = report.machine;
  const s = report.server.settings;
  const p = report.plan;
  return [
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB RAM, ${m.os}; load average (1/5/15 min) ${m.loadAverage.join(' / ')} at start, ${m.loadAverageAtEnd.join(' / ')} at end`,
    `Node ${m.node}; PostgreSQL ${report.server.version} (${report.server.origin}) on the same machine`,
    `PostgreSQL settings: fsync=${s['fsync']}, synchronous_commit=${s['synchronous_commit']}, full_page_writes=${s['full_page_writes']}, ` +
      `wal_level=${s['wal_level']}, shared_buffers=${s['shared_buffers']}, jit=${s['jit']}`,
    `Method: ${p.rounds} measured rounds per scenario after ${p.warmUpRounds} warm-up round; in each round every contender takes one ` +
      `${formatInteger(p.turnMs)} ms turn (append scenarios) or one full read, in an order that rotates every round; ` +
      `each contender has its own database and a pool of ${p.poolSize} connections; run took ${report.durationSeconds} s`,
    `Catch-up read: each store first receives ${formatInteger(p.readEvents)} events through its own append (100 per stream, one writer), ` +
      `then VACUUM (ANALYZE); credit-share reads with PgEventStore.readAll, Emmett with readMessagesBatch (its consumers' global read), ` +
      `raw with readAll's query without mapping rows to events; pages of ${formatInteger(p.readPageSize)}`,
    `Payload: one credit-record event, ${report.payloadBytes.data} bytes of JSON data and ${report.payloadBytes.metadata} bytes of JSON metadata; ` +
      `every append starts a new stream with its expected version checked (raw: no check)`,
  ];
}
