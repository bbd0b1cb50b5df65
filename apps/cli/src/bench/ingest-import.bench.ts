// The file-import scenario of `npx credit-share bench ingest` (issue 3: "CSV import of 100,000 rows in ≤ 20 s with
// flat memory"). The ingest benchmark starts the platform and calls `benchCsvImport` with its URL and a provider
// token. A 2019+ 双公示 penalty CSV is generated on disk (distinct subjects with valid USCCs, fines in 万元, the three
// date spellings), then uploaded through POST /api/v1/records/import exactly as `npx credit-share import` does, and
// the import's wall time is measured from the first byte sent to the last row stored.
//
// Memory: the platform runs in this process, so the process's RSS and V8 heap are sampled every 50 ms during a small
// import and during the full one. Flat memory means the full import's peak is not larger in proportion to its rows:
// the report gives both peaks and their difference. The client keeps only the totals of the report.
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { organizationCodeCheckCharacter, usccCheckCharacter } from '../../../credit-records/src/subject/uscc';
import { importFile } from '../commands/import.command';
import { formatInteger, formatTable, progress } from './bench-harness';

export interface ImportBenchContext {
  /** Base URL of a running platform serving credit-records. */
  url: string;
  /** Token of a provider whose organisation may submit `administrative_penalty`. */
  token: string;
  /** The provider organisation (name and USCC), written as the deciding authority and data source of every row. */
  provider: { name: string; uscc: string };
  quick?: boolean;
  /** Rows of the measured import (default 100,000; 5,000 when quick). */
  rows?: number;
}

export interface MemoryPeak {
  rows: number;
  seconds: number;
  baselineRssMiB: number;
  peakRssMiB: number;
  peakHeapUsedMiB: number;
}

export interface ImportBenchResult {
  rows: number;
  fileMiB: number;
  seconds: number;
  rowsPerSecond: number;
  accepted: number;
  rejected: number;
  small: MemoryPeak;
  full: MemoryPeak;
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

async function measuredImport(context: ImportBenchContext, file: string, rows: number) {
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 50);
  const started = performance.now();
  let lastShown = 0;
  try {
    const outcome = await importFile({
      url: context.url,
      token: context.token,
      file,
      keepRows: false,
      onProgress: (p) => {
        if (p.phase === 'rows' && p.done - lastShown >= 20_000) {
          lastShown = p.done;
          progress(`  ${formatInteger(p.done)} of ${formatInteger(p.total)} rows stored`);
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    if (!outcome.ok) throw new Error(`the import was refused: HTTP ${outcome.status} ${JSON.stringify(outcome.problem)}`);
    const peak: MemoryPeak = {
      rows,
      seconds,
      baselineRssMiB: baseline.rss / MIB,
      peakRssMiB: peakRss / MIB,
      peakHeapUsedMiB: peakHeap / MIB,
    };
    return { outcome: outcome.report, peak };
  } finally {
    clearInterval(sampler);
  }
}

export async function benchCsvImport(context: ImportBenchContext): Promise<ImportBenchResult> {
  const rows = context.rows ?? (context.quick ? 5_000 : 100_000);
  const smallRows = Math.max(1_000, Math.round(rows / 10));
  const dir = mkdtempSync(join(tmpdir(), 'credit-share-bench-import-'));
  try {
    progress(`CSV import: writing ${formatInteger(smallRows)}- and ${formatInteger(rows)}-row 双公示 files`);
    const smallFile = join(dir, 'small.csv');
    const fullFile = join(dir, 'full.csv');
    await writePenaltyCsv(smallFile, smallRows, context.provider, `S${Date.now()}`);
    const bytes = await writePenaltyCsv(fullFile, rows, context.provider, `F${Date.now()}`);
    progress(`CSV import: ${formatInteger(smallRows)} rows (memory reference)`);
    const small = await measuredImport(context, smallFile, smallRows);
    progress(`CSV import: ${formatInteger(rows)} rows, ${(bytes / MIB).toFixed(1)} MiB`);
    const full = await measuredImport(context, fullFile, rows);
    const seconds = full.peak.seconds;
    const rssGrowth = full.peak.peakRssMiB - small.peak.peakRssMiB;
    const targets = [
      {
        description: `CSV import of ${formatInteger(rows)} rows ≤ 20 s`,
        measured: `${seconds.toFixed(1)} s`,
        pass: seconds <= 20,
      },
      {
        description: `flat memory: peak RSS of ${formatInteger(rows)} rows within 64 MiB of ${formatInteger(smallRows)} rows`,
        measured: `${rssGrowth >= 0 ? '+' : ''}${rssGrowth.toFixed(0)} MiB`,
        pass: rssGrowth <= 64,
      },
    ];
    const table = formatTable(
      ['import', 'rows', 'seconds', 'rows/s', 'RSS before (MiB)', 'peak RSS (MiB)', 'peak heap used (MiB)'],
      [small.peak, full.peak].map((p) => [
        p === small.peak ? 'memory reference' : 'measured',
        formatInteger(p.rows),
        p.seconds.toFixed(1),
        formatInteger(Math.round(p.rows / p.seconds)),
        p.baselineRssMiB.toFixed(0),
        p.peakRssMiB.toFixed(0),
        p.peakHeapUsedMiB.toFixed(0),
      ]),
      ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
    );
    const markdown = [
      `CSV import (POST /api/v1/records/import, ${(bytes / MIB).toFixed(1)} MiB, ${formatInteger(full.outcome.accepted)} accepted, ${formatInteger(full.outcome.rejected)} rejected):`,
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
      accepted: full.outcome.accepted,
      rejected: full.outcome.rejected,
      small: small.peak,
      full: full.peak,
      targets,
      markdown,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
