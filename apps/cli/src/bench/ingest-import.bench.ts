// The file-import scenario of `npx credit-share bench ingest` (issue 3: "CSV import of 100,000 rows in ≤ 20 s with
// flat memory"). The ingest benchmark starts the platform and calls `benchCsvImport` with its URL and a provider
// token. A 2019+ 双公示 penalty CSV is generated on disk (distinct subjects with valid USCCs, fines in 万元, the three
// date spellings), then uploaded through POST /api/v1/records/import exactly as `npx credit-share import` does, and
// the import's wall time is measured from the first byte sent to the last row stored.
//
// Memory: the platform runs in this process. At every tenth of the rows stored, a full garbage collection is forced
// and the live heap and RSS are read: flat memory means these do not grow with the rows imported (V8 collects lazily,
// so the peak RSS without forced collections is reported too, but says little about what is retained). The client
// keeps only the totals of the report.
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { organizationCodeCheckCharacter, usccCheckCharacter } from '../../../credit-records/src/subject/uscc';
import { importFile } from '../commands/import.command';
import { formatInteger, formatTable, progress } from './bench-harness';

/** The ingest benchmark's context (ingest.bench.ts `IngestBenchContext`), of which this scenario needs these fields. */
export interface ImportBenchContext {
  /** Base URL of a running platform serving credit-records. */
  url: string;
  /** Token of a provider whose organisation may submit `administrative_penalty`. */
  providerToken: string;
  /** An operator token, to look up the provider's name and USCC when `provider` is not given. */
  operatorToken?: string;
  /** The provider organisation, written as the deciding authority and data source of every row. */
  provider?: { name: string; uscc: string };
  quick?: boolean;
  /** Rows of the measured import (default 100,000; 5,000 when quick). */
  rows?: number;
}

export interface MemorySample {
  rowsStored: number;
  liveHeapMiB: number;
  rssMiB: number;
}

export interface ImportBenchResult {
  rows: number;
  fileMiB: number;
  seconds: number;
  rowsPerSecond: number;
  accepted: number;
  rejected: number;
  /** Before the import and at every tenth of the rows, each after a forced full collection. */
  memory: MemorySample[];
  peakRssMiB: number;
  targets: { description: string; measured: string; pass: boolean }[];
  markdown: string;
}

const MIB = 1024 * 1024;
const HEADER = [
  'CF_XDR_MC',
  'CF_XDR_LB',
  'CF_XDR_SHXYM',
  'CF_XDR_ZZJG',
  'CF_WSH',
  'CF_WFXW',
  'CF_CFLB',
  'CF_SY',
  'CF_YJ',
  'CF_NR',
  'CF_NR_FK',
  'CF_JDRQ',
  'CF_YXQ',
  'CF_CFJG',
  'CF_CFJGDM',
  'CF_SJLY',
  'CF_SJLYDM',
  'SEVERITY',
];
const SEVERITY_WORDS = ['轻微', '一般', '严重'];

/** A well-formed USCC of a Shenzhen enterprise (91 4403 00 + organisation code with its GB 11714 check). */
export function syntheticUscc(n: number): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '';
  let v = n;
  for (let i = 0; i < 8; i++) {
    body = alphabet[v % 10]! + body;
    v = Math.floor(v / 10);
  }
  body = 'MA' + body.slice(2);
  const organizationCode = body + organizationCodeCheckCharacter(body);
  const first17 = `91440300${organizationCode}`;
  return first17 + usccCheckCharacter(first17);
}

/** Writes the CSV (CRLF, UTF-8 with BOM, as Excel's "CSV UTF-8" does) and returns its size. */
export async function writePenaltyCsv(path: string, rows: number, provider: { name: string; uscc: string }, tag: string) {
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write('\uFEFF' + HEADER.join(',') + '\r\n');
  for (let i = 0; i < rows; i++) {
    const uscc = syntheticUscc(i % 50_000);
    const day = 1 + (i % 28);
    const date =
      i % 3 === 0
        ? `2026-02-${String(day).padStart(2, '0')}`
        : i % 3 === 1
          ? `202602${String(day).padStart(2, '0')}`
          : `2026年2月${day}日`;
    const fine = ((i % 500) / 100).toFixed(2); // 0.00–4.99 万元
    await write(
      [
        `深圳市基准测试${i % 50_000}有限公司`,
        '法人及非法人组织',
        uscc,
        uscc.slice(8, 17),
        `"深市监罚〔2026〕${tag}-${i}号"`,
        '违反市场监督管理规定',
        '罚款',
        '"经查，当事人存在违法行为，事实清楚，证据确凿。"',
        '《中华人民共和国行政处罚法》第二十八条',
        `罚款${Number(fine) * 10_000}元`,
        fine,
        date,
        '2026-12-31',
        provider.name,
        provider.uscc,
        provider.name,
        provider.uscc,
        SEVERITY_WORDS[i % 3],
      ].join(',') + '\r\n',
    );
  }
  out.end();
  await once(out, 'finish');
  return statSync(path).size;
}

/** The provider's name and USCC from the directory, for the token's organisation. */
async function providerOf(context: ImportBenchContext): Promise<{ name: string; uscc: string }> {
  const payload = JSON.parse(Buffer.from(context.providerToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    org?: string;
  };
  if (!context.operatorToken || !payload.org) throw new Error('benchCsvImport needs `provider` or an operator token');
  const response = await fetch(new URL('/api/v1/organizations', context.url), {
    headers: { authorization: `Bearer ${context.operatorToken}` },
  });
  const organizations = (await response.json()) as { id: string; name: string; uscc: string }[];
  const found = organizations.find((o) => o.id === payload.org);
  if (!found) throw new Error(`organisation ${payload.org} is not registered`);
  return { name: found.name, uscc: found.uscc };
}

/** A full garbage collection on demand, without starting Node with --expose-gc. */
function forcedGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export async function benchCsvImport(context: ImportBenchContext): Promise<ImportBenchResult> {
  const rows = context.rows ?? (context.quick ? 5_000 : 100_000);
  const provider = context.provider ?? (await providerOf(context));
  const dir = mkdtempSync(join(tmpdir(), 'credit-share-bench-import-'));
  const gc = forcedGc();
  try {
    progress(`CSV import: writing a ${formatInteger(rows)}-row 双公示 penalty file`);
    const file = join(dir, 'penalties.csv');
    const bytes = await writePenaltyCsv(file, rows, provider, `B${Date.now()}`);
    const sample = (rowsStored: number): MemorySample => {
      gc();
      const m = process.memoryUsage();
      return { rowsStored, liveHeapMiB: m.heapUsed / MIB, rssMiB: m.rss / MIB };
    };
    const memory: MemorySample[] = [sample(0)];
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const step = Math.max(1, Math.round(rows / 10));
    let nextSample = step;
    progress(`CSV import: ${formatInteger(rows)} rows, ${(bytes / MIB).toFixed(1)} MiB`);
    const started = performance.now();
    let paused = 0;
    let outcome;
    try {
      outcome = await importFile({
        url: context.url,
        token: context.providerToken,
        file,
        keepRows: false,
        onProgress: (p) => {
          if (p.phase !== 'rows' || (p.done < nextSample && p.done < p.total)) return;
          while (nextSample <= p.done) nextSample += step;
          const before = performance.now();
          memory.push(sample(p.done));
          paused += performance.now() - before; // the forced collections are not the import's time
          progress(`  ${formatInteger(p.done)} of ${formatInteger(p.total)} rows stored`);
        },
      });
    } finally {
      clearInterval(sampler);
    }
    const seconds = (performance.now() - started - paused) / 1000;
    if (!outcome.ok) throw new Error(`the import was refused: HTTP ${outcome.status} ${JSON.stringify(outcome.problem)}`);
    const during = memory.slice(1);
    const heapRange = Math.max(...during.map((m) => m.liveHeapMiB)) - Math.min(...during.map((m) => m.liveHeapMiB));
    const rssRange = Math.max(...during.map((m) => m.rssMiB)) - Math.min(...during.map((m) => m.rssMiB));
    const targets = [
      {
        description: `CSV import of ${formatInteger(rows)} rows ≤ 20 s`,
        measured: `${seconds.toFixed(1)} s (${formatInteger(rows / seconds)} rows/s)`,
        pass: seconds <= 20,
      },
      {
        description: 'flat memory: live heap after GC varies by ≤ 32 MiB from the first to the last tenth of the rows',
        measured: `${heapRange.toFixed(1)} MiB (RSS ${rssRange.toFixed(0)} MiB)`,
        pass: heapRange <= 32,
      },
    ];
    const table = formatTable(
      ['rows stored', 'live heap after GC (MiB)', 'RSS after GC (MiB)'],
      memory.map((m) => [formatInteger(m.rowsStored), m.liveHeapMiB.toFixed(1), m.rssMiB.toFixed(0)]),
      ['right', 'right', 'right'],
    );
    const markdown = [
      `CSV import, POST /api/v1/records/import: ${formatInteger(rows)} rows (${(bytes / MIB).toFixed(1)} MiB), ` +
        `${formatInteger(outcome.report.accepted)} accepted, ${formatInteger(outcome.report.rejected)} rejected, ` +
        `${seconds.toFixed(1)} s; peak RSS ${(peakRss / MIB).toFixed(0)} MiB.`,
      '',
      table,
      '',
      ...targets.map((t) => `- ${t.pass ? 'met' : 'NOT met'}: ${t.description} — ${t.measured}`),
      '',
    ].join('\n');
    return {
      rows,
      fileMiB: bytes / MIB,
      seconds,
      rowsPerSecond: rows / seconds,
      accepted: outcome.report.accepted,
      rejected: outcome.report.rejected,
      memory,
      peakRssMiB: peakRss / MIB,
      targets,
      markdown,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
