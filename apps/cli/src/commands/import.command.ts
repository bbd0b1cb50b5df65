// `npx credit-share import <file> [--severity <light|general|serious>] [--url <base>] [--token <jwt> | --org <orgId>]
// [--report <file>]` uploads a CSV or XLSX of 双公示 rows to POST /api/v1/records/import as a provider. The file is
// streamed from disk; a progress bar (on a terminal; plain progress lines otherwise) follows the upload and then the
// rows as the platform stores them (it streams its report). Prints a summary and the first rejected rows; exits 0 when
// every row was accepted, 1 when any row was rejected or the file was refused.
import { DevIssuer } from '@credit-share/auth';
import type { SubmissionReport } from '@credit-share/contracts';
import { randomUUID } from 'node:crypto';
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readCliConfig } from '../cli.config';
import { UsageError } from '../usage-error';

export const IMPORT_USAGE =
  'import <file.csv|file.xlsx> [--severity <light|general|serious>] [--url <base>] [--token <jwt> | --org <orgId>] [--report <file>]';

const SEVERITIES = ['light', 'general', 'serious'];
const SHOWN_REJECTIONS = 20;

export type ImportReport = SubmissionReport & { total: number };

export interface ImportProgress {
  phase: 'upload' | 'rows';
  done: number;
  total: number;
}

export interface ImportOptions {
  url: string;
  token: string;
  file: string;
  severity?: string;
  onProgress?: (progress: ImportProgress) => void;
  /** false: keep only the totals, not every row's report (benchmarks measure the server's memory, not ours). */
  keepRows?: boolean;
}

export type ImportOutcome =
  | { ok: true; report: ImportReport }
  | {
      ok: false;
      status: number;
      problem: { code?: string; detail?: string; errors?: { field: string; code: string; message: string }[] };
    };

export async function importCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      severity: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      org: { type: 'string' },
      report: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError('name one CSV or XLSX file', IMPORT_USAGE);
  if (values.severity !== undefined && !SEVERITIES.includes(values.severity)) {
    throw new UsageError(`--severity is one of ${SEVERITIES.join(', ')}`, IMPORT_USAGE);
  }
  const file = resolve(positionals[0]!);
  const config = readCliConfig();
  const host = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;
  const url = values.url ?? `http://${host}:${config.PORT}`;
  let token = values.token;
  if (!token) {
    if (!values.org)
      throw new UsageError('pass --token <provider token>, or --org <orgId> with the development issuer', IMPORT_USAGE);
    if (config.AUTH_MODE !== 'dev')
      throw new UsageError('pass --token with a provider token of your identity provider', IMPORT_USAGE);
    const issuer = await DevIssuer.loadOrCreate(resolve(config.DATA_DIR));
    token = await issuer.sign({ sub: `${values.org}:cli-import`, org: values.org, roles: ['provider'] }, 3600);
  }
  const display = progressDisplay(process.stderr);
  const outcome = await importFile({ url, token, file, severity: values.severity, onProgress: display.update });
  display.finish();
  process.stdout.write(summarise(outcome, basename(file)));
  if (outcome.ok && values.report) writeFileSync(values.report, JSON.stringify(outcome.report, null, 2));
  process.exitCode = outcome.ok && outcome.report.rejected === 0 ? 0 : 1;
}

/** Uploads the file (streamed, with its length known) and reads the streamed report. */
export async function importFile(options: ImportOptions): Promise<ImportOutcome> {
  let size: number;
  try {
    size = statSync(options.file).size;
  } catch {
    throw new UsageError(`cannot read ${options.file}`, IMPORT_USAGE);
  }
  const boundary = `----credit-share-${randomUUID()}`;
  const filename = basename(options.file).replace(/["\r\n]/g, '_');
  const head =
    (options.severity ? `--${boundary}\r\nContent-Disposition: form-data; name="severity"\r\n\r\n${options.severity}\r\n` : '') +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
    `Content-Type: ${/\.xlsx$/i.test(filename) ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv'}\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const length = Buffer.byteLength(head) + size + Buffer.byteLength(tail);
  const target = new URL('/api/v1/records/import', options.url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;

  const response = await new Promise<IncomingMessage>((resolveResponse, reject) => {
    const req = send(target, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': length,
      },
    });
    req.on('response', resolveResponse);
    req.on('error', reject);
    req.write(head);
    let sent = 0;
    const body = createReadStream(options.file, { highWaterMark: 256 * 1024 });
    body.on('data', (chunk) => {
      sent += chunk.length;
      options.onProgress?.({ phase: 'upload', done: sent, total: size });
      if (!req.write(chunk)) {
        body.pause();
        req.once('drain', () => body.resume());
      }
    });
    body.on('end', () => req.end(tail));
    body.on('error', reject);
  });

  const text = await readReport(response, options.onProgress, options.keepRows ?? true);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {
      ok: false,
      status: response.statusCode ?? 0,
      problem: { detail: `the platform answered ${response.statusCode} with ${text.slice(0, 200)}` },
    };
  }
  if (response.statusCode !== 200) return { ok: false, status: response.statusCode ?? 0, problem: parsed as never };
  return { ok: true, report: parsed as ImportReport };
}

/** Collects the response, counting row reports as they stream in (`{"row":` opens each one). */
async function readReport(
  response: IncomingMessage,
  onProgress: ((progress: ImportProgress) => void) | undefined,
  keepRows: boolean,
): Promise<string> {
  const decoder = new TextDecoder();
  let parts: string[] = [];
  let head = '';
  let total = -1;
  let rows = 0;
  let carry = '';
  for await (const chunk of response as AsyncIterable<Buffer>) {
    const text = decoder.decode(chunk, { stream: true });
    if (head.length < 64) head += text.slice(0, 64);
    if (keepRows || response.statusCode !== 200) parts.push(text);
    else parts = [(parts[0] ?? '') + text].map((t) => t.slice(-256));
    if (response.statusCode !== 200 || !onProgress) continue;
    const window = carry + text;
    if (total < 0) {
      const match = /^\{"total":(\d+),/.exec(head);
      if (match) total = Number(match[1]);
    }
    let at = window.indexOf('{"row":');
    while (at >= 0) {
      rows++;
      at = window.indexOf('{"row":', at + 1);
    }
    carry = window.slice(-6);
    if (total >= 0) onProgress({ phase: 'rows', done: rows, total });
  }
  parts.push(decoder.decode());
  if (keepRows || response.statusCode !== 200) return parts.join('');
  // Only the totals: `{"total":N,"rows":[],"accepted":A,"rejected":R}`.
  const tail = /"accepted":(\d+),"rejected":(\d+)\}\s*$/.exec(parts.join(''));
  const totalOf = /^\{"total":(\d+),/.exec(head);
  return tail && totalOf ? `{"total":${totalOf[1]},"rows":[],"accepted":${tail[1]},"rejected":${tail[2]}}` : parts.join('');
}

export function summarise(outcome: ImportOutcome, name: string): string {
  if (!outcome.ok) {
    const lines = [`${name}: refused (HTTP ${outcome.status}${outcome.problem.code ? `, ${outcome.problem.code}` : ''})`];
    if (outcome.problem.detail) lines.push(`  ${outcome.problem.detail}`);
    for (const e of outcome.problem.errors ?? []) lines.push(`  ${e.field}: ${e.code} — ${e.message}`);
    return lines.join('\n') + '\n';
  }
  const { report } = outcome;
  const lines = [`${name}: ${report.rows.length} rows — ${report.accepted} accepted, ${report.rejected} rejected`];
  const rejected = report.rows.filter((r) => r.status === 'rejected');
  for (const row of rejected.slice(0, SHOWN_REJECTIONS)) {
    lines.push(`  row ${row.row}: ${(row.errors ?? []).map((e) => `${e.field} ${e.code} (${e.message})`).join('; ')}`);
  }
  if (rejected.length > SHOWN_REJECTIONS)
    lines.push(`  … and ${rejected.length - SHOWN_REJECTIONS} more rejected rows (--report <file> keeps them all)`);
  return lines.join('\n') + '\n';
}

/** A bar redrawn in place on a terminal; otherwise a line at every tenth of each phase. */
export function progressDisplay(stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }) {
  const tty = stream.isTTY === true;
  let lastLine = '';
  let lastTenth = -1;
  let lastPhase = '';
  let drawn = false;
  return {
    update: (p: ImportProgress) => {
      const fraction = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
      const label =
        p.phase === 'upload'
          ? `uploading ${(p.done / 1048576).toFixed(1)} of ${(p.total / 1048576).toFixed(1)} MiB`
          : `rows ${p.done} of ${p.total}`;
      if (tty) {
        const width = 30;
        const filled = Math.round(fraction * width);
        const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${label}`;
        if (line !== lastLine) stream.write(`\r${line.padEnd(lastLine.length)}`);
        lastLine = line;
        drawn = true;
        return;
      }
      const tenth = Math.floor(fraction * 10);
      if (p.phase !== lastPhase) lastTenth = -1;
      lastPhase = p.phase;
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${p.phase === 'upload' ? 'upload' : 'import'}: ${tenth * 10}% (${label})\n`);
      }
    },
    finish: () => {
      if (tty && drawn) stream.write('\n');
    },
  };
}
