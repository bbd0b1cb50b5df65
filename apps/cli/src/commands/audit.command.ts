// `npx credit-share audit verify [--url <base>] [--token <jwt>] [--key <verifier key>] [--state <file>] [--samples <n>]`
// verifies the whole audit ledger over its HTTP API as an outside auditor would (ledger-verifier.ts): every entry,
// every checkpoint's signature and root, the ledger's proofs on a sample. It exits with 1, naming the first bad leaf
// index or checkpoint, when anything does not verify. `audit keygen --name <name>` makes a checkpoint signing key.
import { DevIssuer } from '@credit-share/auth';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  verifyLedger,
  type LedgerReader,
  type LedgerVerdict,
  type SequencedCheckpoint,
} from '../../../audit-ledger/src/ledger/ledger-verifier';
import {
  generateNoteKeys,
  parseVerifierKey,
  type Checkpoint,
  type NoteVerifier,
} from '../../../audit-ledger/src/ledger/signed-note';
import { readCliConfig } from '../cli.config';
import { UsageError } from '../usage-error';

export const AUDIT_USAGE =
  'audit verify [--url <base>] [--token <jwt>] [--key <verifier key>] [--state <file>] [--samples <n>] | audit keygen --name <key name>';

export interface AuditVerifyOptions {
  /** Base URL of the platform (or of the audit-ledger service). */
  url: string;
  token: string;
  /** The ledger's verifier key; fetched from the ledger itself when absent (trust on first use). */
  key?: string;
  /** File keeping the last verified checkpoint: the next run requires the ledger to still contain and extend it. */
  state?: string;
  samples?: number;
  onProgress?: (verified: number, total: number) => void;
}

export async function auditCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      key: { type: 'string' },
      state: { type: 'string' },
      samples: { type: 'string' },
      name: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals[0] === 'keygen' && positionals.length === 1) {
    if (!values.name) throw new UsageError('--name is required, e.g. --name credit.example.gov.cn/audit-ledger', AUDIT_USAGE);
    const { signerKey, verifierKey } = generateNoteKeys(values.name);
    process.stdout.write(`LEDGER_SIGNING_KEY=${signerKey}\nverifier key (publish it): ${verifierKey}\n`);
    return;
  }
  if (positionals[0] !== 'verify' || positionals.length > 1)
    throw new UsageError('use "audit verify" or "audit keygen"', AUDIT_USAGE);
  const samples = values.samples === undefined ? undefined : Number(values.samples);
  if (samples !== undefined && (!Number.isInteger(samples) || samples < 0)) {
    throw new UsageError('--samples must be a non-negative integer', AUDIT_USAGE);
  }
  const config = readCliConfig();
  const host = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;
  const url = values.url ?? `http://${host}:${config.PORT}`;
  let token = values.token;
  if (!token) {
    if (config.AUTH_MODE !== 'dev')
      throw new UsageError('pass --token with an auditor token of your identity provider', AUDIT_USAGE);
    const issuer = await DevIssuer.loadOrCreate(resolve(config.DATA_DIR));
    token = await issuer.sign({ sub: 'cli:audit-verify', org: 'platform', roles: ['auditor'] }, 3600);
  }
  // On a terminal, show how far the entries are read (a large ledger takes a while); the report goes to stdout.
  const onProgress = process.stderr.isTTY
    ? (verified: number, total: number) => process.stderr.write(`\rverifying entries: ${verified} of ${total}`)
    : undefined;
  const { verdict, report } = await auditVerify({ url, token, key: values.key, state: values.state, samples, onProgress });
  if (onProgress) process.stderr.write('\n');
  process.stdout.write(report);
  if (!verdict.ok) process.exitCode = 1;
}

export async function auditVerify(options: AuditVerifyOptions): Promise<{ verdict: LedgerVerdict; report: string }> {
  const reader = new HttpLedgerReader(options.url, options.token);
  const lines: string[] = [];
  let verifier: NoteVerifier;
  if (options.key) {
    verifier = parseVerifierKey(options.key);
  } else {
    const published = (await reader.get('/api/v1/audit/key')) as { verifierKey?: unknown };
    if (typeof published.verifierKey !== 'string') throw new Error('the ledger publishes no verifier key');
    verifier = parseVerifierKey(published.verifierKey);
    lines.push(`using the key the ledger publishes, ${published.verifierKey} (pin it with --key)`);
  }
  const trusted = options.state && existsSync(options.state) ? readState(options.state) : undefined;
  const verdict = await verifyLedger(reader, {
    verifiers: [verifier],
    trusted,
    proofSamples: options.samples,
    onProgress: options.onProgress,
  });
  if (verdict.ok) {
    const { latest } = verdict;
    lines.push(
      `audit ledger verified: ${verdict.treeSize} entries, ${verdict.checkpoints} checkpoints`,
      `  latest checkpoint #${latest.seq}: tree size ${latest.treeSize}, root ${latest.rootHash}`,
      `  signed ${latest.timestamp} by ${latest.keyId}`,
      `  ledger proofs checked: ${verdict.proofs.inclusion} inclusion, ${verdict.proofs.consistency} consistency`,
    );
    if (trusted) lines.push(`  extends the checkpoint of tree size ${trusted.treeSize} kept in ${options.state}`);
    if (options.state) writeState(options.state, latest);
  } else {
    lines.push('audit ledger verification FAILED');
    if (verdict.index !== undefined) lines.push(`  first bad index: ${verdict.index}`);
    if (verdict.checkpoint !== undefined) lines.push(`  checkpoint: #${verdict.checkpoint}`);
    lines.push(`  reason: ${verdict.reason}`);
  }
  return { verdict, report: lines.join('\n') + '\n' };
}

function readState(file: string): Checkpoint {
  const { treeSize, rootHash, timestamp, keyId, signature } = JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
  return { treeSize, rootHash, timestamp, keyId, signature };
}

function writeState(file: string, checkpoint: SequencedCheckpoint): void {
  writeFileSync(file, JSON.stringify(checkpoint, null, 2) + '\n');
}

/** GET /api/v1/audit/… with a bearer token; an HTTP error is a failure to read, not a verdict. */
class HttpLedgerReader implements LedgerReader {
  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  async get(path: string): Promise<unknown> {
    const response = await fetch(new URL(path, this.base), { headers: { authorization: `Bearer ${this.token}` } });
    if (!response.ok) {
      const body = await response.text();
      throw new Error(`GET ${path}: HTTP ${response.status} ${body.slice(0, 300)}`);
    }
    return response.json();
  }

  checkpoints(start: number, limit: number) {
    return this.get(`/api/v1/audit/checkpoints?start=${start}&limit=${limit}`);
  }

  latestCheckpoint() {
    return this.get('/api/v1/audit/checkpoint');
  }

  entries(start: number, end: number) {
    return this.get(`/api/v1/audit/entries?start=${start}&end=${end}`);
  }

  inclusionProof(index: number, treeSize: number) {
    return this.get(`/api/v1/audit/proofs/inclusion?index=${index}&treeSize=${treeSize}`);
  }

  consistencyProof(from: number, to: number) {
    return this.get(`/api/v1/audit/proofs/consistency?from=${from}&to=${to}`);
  }
}
