// Timing, statistics and report formatting shared by the `npx credit-share bench <suite>` benchmarks. Benchmarks on
// the 2-core, shared machines we run on are noisy, so every comparison is made side by side in one run: contenders
// take turns in rounds, and figures are medians of rounds with their min–max spread.
import { cpus, freemem, loadavg, release, totalmem, type } from 'node:os';
import { performance } from 'node:perf_hooks';

export interface ThroughputSample {
  /** Operations completed (each one a call of the measured operation). */
  operations: number;
  /** Units of work those operations reported (events, rows…). */
  units: number;
  elapsedMs: number;
  /** Duration of every operation, in completion order. */
  latenciesMs: number[];
}

export interface ThroughputOptions {
  /** Concurrent callers, each awaiting its operation before starting the next one. */
  clients: number;
  durationMs: number;
  /** Does one unit of work for `client` and resolves to how many units it did. */
  operation: (client: number) => Promise<number>;
}

/**
 * Runs `clients` closed loops of `operation` until `durationMs` has passed. Operations started before the deadline
 * finish and count, and the elapsed time runs until the last of them, so the rate is never flattered by cutting off
 * work in flight.
 */
export async function measureThroughput(options: ThroughputOptions): Promise<ThroughputSample> {
  const latenciesMs: number[] = [];
  let units = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const loop = async (client: number): Promise<void> => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      // Not `units += await …`: that reads `units` before the await and loses the other clients' additions.
      const done = await options.operation(client);
      latenciesMs.push(performance.now() - t0);
      units += done;
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, client) => loop(client)));
  return { operations: latenciesMs.length, units, elapsedMs: performance.now() - started, latenciesMs };
}

/** Times one run of `work`, which resolves to the units it processed. */
export async function measureOnce(work: () => Promise<number>): Promise<ThroughputSample> {
  const t0 = performance.now();
  const units = await work();
  const elapsedMs = performance.now() - t0;
  return { operations: 1, units, elapsedMs, latenciesMs: [elapsedMs] };
}

export function unitsPerSecond(sample: ThroughputSample): number {
  return sample.elapsedMs > 0 ? (sample.units * 1000) / sample.elapsedMs : 0;
}

export interface Contender {
  readonly id: string;
}

export interface RoundsOptions<C extends Contender> {
  contenders: readonly C[];
  rounds: number;
  /** Unmeasured turns per contender before round 1 (JIT, plan caches, pool connections, hint bits). */
  warmUpRounds: number;
  run: (contender: C, round: number) => Promise<ThroughputSample>;
  onRound?: (round: number, samples: ReadonlyMap<string, ThroughputSample>) => void;
}

/**
 * Contenders take turns, one at a time, in every round; the order rotates each round (A,B,C then B,C,A then C,A,B…)
 * so that neither drift on the machine nor the after-effects of the previous turn (autovacuum, checkpoints, GC) land
 * on the same contender every time. Returns each contender's samples, one per measured round.
 */
export async function interleavedRounds<C extends Contender>(
  options: RoundsOptions<C>,
): Promise<Map<string, ThroughputSample[]>> {
  const byContender = new Map<string, ThroughputSample[]>(options.contenders.map((c) => [c.id, []]));
  for (let w = 0; w < options.warmUpRounds; w++) {
    for (const contender of rotate(options.contenders, w)) await options.run(contender, -1);
  }
  for (let round = 0; round < options.rounds; round++) {
    const samples = new Map<string, ThroughputSample>();
    for (const contender of rotate(options.contenders, round)) {
      const sample = await options.run(contender, round);
      samples.set(contender.id, sample);
      byContender.get(contender.id)!.push(sample);
    }
    options.onRound?.(round, samples);
  }
  return byContender;
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const k = items.length === 0 ? 0 : by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { median: 0, min: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** Percentile by linear interpolation between closest ranks; `sorted` must be ascending. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export interface LatencySummary {
  p50: number;
  p99: number;
}

export function latencySummary(samples: readonly ThroughputSample[]): LatencySummary {
  const all = samples.flatMap((s) => s.latenciesMs).sort((a, b) => a - b);
  return { p50: percentile(all, 50), p99: percentile(all, 99) };
}

/**
 * Paired ratios a/b of the same round: both sides ran back to back, so a ratio per round cancels drift that a ratio
 * of overall medians would carry.
 */
export function pairedRatios(a: readonly ThroughputSample[], b: readonly ThroughputSample[]): number[] {
  return a.map((sample, i) => unitsPerSecond(sample) / unitsPerSecond(b[i]!)).filter((r) => Number.isFinite(r));
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  freeMemoryGiB: number;
  os: string;
  node: string;
  loadAverage: [number, number, number];
}

export function machineInfo(): MachineInfo {
  const cores = cpus();
  const [one, five, fifteen] = loadavg() as [number, number, number];
  return {
    cpus: cores.length,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    freeMemoryGiB: round(freemem() / 2 ** 30, 1),
    os: `${type()} ${release()}`,
    node: process.version,
    loadAverage: [round(one, 2), round(five, 2), round(fifteen, 2)],
  };
}

export type Alignment = 'left' | 'right';

/** A GitHub-flavoured Markdown table; cells are used as given (escape `|` yourself). */
export function formatTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  align: readonly Alignment[] = [],
): string {
  const rule = headers.map((_, i) => (align[i] === 'right' ? '---:' : '---'));
  return [headers, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export function formatInteger(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** `12,345 (11,900–12,800)`: a median with the min–max of its rounds. */
export function formatSpread(s: Spread): string {
  return `${formatInteger(s.median)} (${formatInteger(s.min)}–${formatInteger(s.max)})`;
}

export function formatRatio(s: Spread): string {
  return `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
}

export function formatMs(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

/** Progress goes to stderr so that stdout carries only the report. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
