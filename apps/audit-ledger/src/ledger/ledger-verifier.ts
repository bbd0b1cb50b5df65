// Verifies a whole audit ledger as an outside auditor would (`npx credit-share audit verify`, PRODUCT.md §3.8),
// trusting nothing the ledger serves except what the ledger's Ed25519 key signed:
//
// 1. the checkpoint chain: numbered without gaps, every checkpoint signed by a trusted key, tree sizes and times never
//    going back, one root per size, and the checkpoint served as "latest" part of the same chain;
// 2. every entry from index 0: present once, in order, canonical audit-entry JSON, each message recorded once; the
//    RFC 9162 root recomputed after every leaf and compared with every checkpoint (and with a checkpoint the auditor
//    verified before, if any) at its size. Two checkpoints whose roots both equal the roots of the same leaf sequence
//    are consistent, so this also checks the consistency of every pair of consecutive checkpoints;
// 3. no entry beyond the latest checkpoint: leaves and their checkpoint commit together, so an uncovered entry was
//    added behind the sequencer's back;
// 4. the ledger's own proofs, on a sample: consistency proofs between checkpoints and inclusion proofs of leaves must
//    verify against the signed roots, so a corrupted subtree cache or a lying proof service is found too.
//
// When a root does not match, the first bad leaf is located by bisection: the ledger's consistency proof from size m
// to a signed checkpoint verifies against our root of the first m leaves exactly when those m leaves are genuine.
//
// Everything the server sends is treated as hostile input: any malformed answer is a failure, never a crash.
import { parseLeaf } from './audit-entry';
import {
  HASH_SIZE,
  appendLeaves,
  emptyFrontier,
  frontierRoot,
  leafHash,
  verifyConsistency,
  verifyInclusion,
  type Frontier,
} from './merkle';
import { verifyCheckpoint, type Checkpoint, type NoteVerifier } from './signed-note';

/** A checkpoint with its position in the chain (the ledger numbers them 1, 2, 3, … without gaps). */
export interface SequencedCheckpoint extends Checkpoint {
  readonly seq: number;
}

/**
 * What the verifier asks the ledger (GET /api/v1/audit/…). Answers are `unknown`: the verifier checks their shape.
 * A reader throws only when it cannot get an answer at all (network, HTTP error status).
 */
export interface LedgerReader {
  /** `{checkpoints: [{seq, treeSize, rootHash, timestamp, keyId, signature}]}` with seq ≥ start, ascending. */
  checkpoints(start: number, limit: number): Promise<unknown>;
  /** The latest checkpoint, `{seq, treeSize, …}`. */
  latestCheckpoint(): Promise<unknown>;
  /** `{entries: [{index, leaf}]}` for start ≤ index < end (the server may return fewer than asked). */
  entries(start: number, end: number): Promise<unknown>;
  /** `{leafIndex, treeSize, hashes}` */
  inclusionProof(index: number, treeSize: number): Promise<unknown>;
  /** `{from, to, hashes}` */
  consistencyProof(from: number, to: number): Promise<unknown>;
}

export interface VerifyOptions {
  /** Keys whose signatures make a checkpoint trusted (usually the ledger's one published key). */
  readonly verifiers: readonly NoteVerifier[];
  /** A checkpoint verified earlier: the ledger must still contain exactly the history it signed, and extend it. */
  readonly trusted?: Checkpoint;
  /** Inclusion proofs and consistency proofs checked, each, besides the first and last ones (default 32). */
  readonly proofSamples?: number;
  readonly pageSize?: number;
  readonly random?: () => number;
  readonly onProgress?: (verified: number, total: number) => void;
}

export interface LedgerFailure {
  readonly ok: false;
  /** The first leaf index found bad, when the failure concerns leaves. */
  readonly index?: number;
  /** The checkpoint concerned, by seq, when the failure concerns checkpoints. */
  readonly checkpoint?: number;
  readonly reason: string;
}

export interface LedgerVerified {
  readonly ok: true;
  readonly treeSize: number;
  readonly checkpoints: number;
  readonly latest: SequencedCheckpoint;
  readonly proofs: { readonly inclusion: number; readonly consistency: number };
}

export type LedgerVerdict = LedgerVerified | LedgerFailure;

const DEFAULT_PAGE = 1_000;
const CHAIN_PAGE = 1_000;
/** A busy ledger keeps growing while it is read; follow it this many times, then stop at a verified checkpoint. */
const MAX_CATCH_UPS = 3;

class Failure extends Error {
  constructor(readonly failure: LedgerFailure) {
    super(failure.reason);
  }
}

const fail = (reason: string, where: { index?: number; checkpoint?: number } = {}): never => {
  throw new Failure({ ok: false, ...where, reason });
};

export async function verifyLedger(reader: LedgerReader, options: VerifyOptions): Promise<LedgerVerdict> {
  try {
    return await new LedgerVerification(reader, options).run();
  } catch (error) {
    if (error instanceof Failure) return error.failure;
    throw error;
  }
}

/** Checks one inclusion proof answer against a signed checkpoint. Never throws. */
export function inclusionProofVerifies(
  checkpoint: Checkpoint,
  verifiers: readonly NoteVerifier[],
  leafIndex: number,
  leaf: Uint8Array,
  answer: unknown,
): boolean {
  if (!verifyCheckpoint(checkpoint, verifiers)) return false;
  const proof = proofShape(answer, ['leafIndex', 'treeSize']);
  if (!proof || proof.leafIndex !== leafIndex || proof.treeSize !== checkpoint.treeSize) return false;
  const root = decodeBase64(checkpoint.rootHash);
  return root !== null && verifyInclusion(leafIndex, checkpoint.treeSize, leafHash(leaf), proof.hashes, root);
}

/** Checks one consistency proof answer between two signed checkpoints. Never throws. */
export function consistencyProofVerifies(
  older: Checkpoint,
  newer: Checkpoint,
  verifiers: readonly NoteVerifier[],
  answer: unknown,
): boolean {
  if (!verifyCheckpoint(older, verifiers) || !verifyCheckpoint(newer, verifiers)) return false;
  const proof = proofShape(answer, ['from', 'to']);
  if (!proof || proof.from !== older.treeSize || proof.to !== newer.treeSize) return false;
  const [r1, r2] = [decodeBase64(older.rootHash), decodeBase64(newer.rootHash)];
  return r1 !== null && r2 !== null && verifyConsistency(older.treeSize, newer.treeSize, r1, r2, proof.hashes);
}

// ---------------------------------------------------------------------------------------------------------------

/** A size whose root is known from a signature: a checkpoint of the chain, or the auditor's earlier checkpoint. */
interface Anchor {
  readonly treeSize: number;
  readonly root: Buffer;
  readonly label: string;
  /** The chain checkpoint's seq; absent for the trusted checkpoint. */
  readonly seq?: number;
}

class LedgerVerification {
  private readonly chain: SequencedCheckpoint[] = [];
  private anchors = new Map<number, Anchor[]>();
  private readonly pageSize: number;
  private readonly random: () => number;
  private readonly samples: number;

  // Streaming state: the frontier after every leaf read so far, and the leaves since the last size a signature
  // vouched for (kept for the bisection).
  private frontier: Frontier = emptyFrontier;
  private good: { size: number; frontier: Frontier } = { size: 0, frontier: emptyFrontier };
  private sinceGood: Buffer[] = [];
  private readonly messageIds = new Map<string, number>();
  private sampleIndexes = new Set<number>();
  private readonly sampledLeaves = new Map<number, Buffer>();

  constructor(
    private readonly reader: LedgerReader,
    private readonly options: VerifyOptions,
  ) {
    this.pageSize = options.pageSize ?? DEFAULT_PAGE;
    this.random = options.random ?? Math.random;
    this.samples = options.proofSamples ?? 32;
  }

  async run(): Promise<LedgerVerified> {
    const served = this.checkpointOf(await this.reader.latestCheckpoint(), 'the latest checkpoint');
    await this.readChain(1);
    const inChain = this.chain[served.seq - 1];
    if (!inChain || !sameCheckpoint(inChain, served)) {
      fail(`the checkpoint served as latest (#${served.seq}, size ${served.treeSize}) is not #${served.seq} of the chain`, {
        checkpoint: served.seq,
      });
    }
    this.checkTrusted();
    this.chooseSamples(this.latest.treeSize);

    for (let catchUps = 0; ; catchUps++) {
      await this.readEntries(this.latest.treeSize);
      const beyond = await this.entriesPage(this.latest.treeSize, this.latest.treeSize + 1);
      if (beyond.length === 0) break;
      const before = this.latest;
      await this.readChain(before.seq + 1);
      // Leaves commit together with the checkpoint that covers them: one that no checkpoint covers was slipped in.
      if (this.latest.treeSize <= before.treeSize) fail('entry not covered by any signed checkpoint', { index: before.treeSize });
      if (catchUps >= MAX_CATCH_UPS) break; // still growing: stop at the last checkpoint whose leaves were all read
    }
    const verifiedSize = this.frontier.size;
    const latest = [...this.chain].reverse().find((c) => c.treeSize <= verifiedSize)!;
    const proofs = await this.checkProofs(latest);
    return { ok: true, treeSize: latest.treeSize, checkpoints: this.chain.length, latest, proofs };
  }

  private get latest(): SequencedCheckpoint {
    return this.chain[this.chain.length - 1]!;
  }

  // ---- the chain ---------------------------------------------------------------------------------------------

  private async readChain(start: number): Promise<void> {
    for (let next = start; ;) {
      const answer = await this.reader.checkpoints(next, CHAIN_PAGE);
      const page = isObject(answer) && Array.isArray(answer['checkpoints']) ? (answer['checkpoints'] as unknown[]) : null;
      if (page === null) return fail('the checkpoint list is malformed');
      if (page.length === 0) break;
      for (const raw of page) {
        const checkpoint = this.checkpointOf(raw, `checkpoint #${next}`);
        if (checkpoint.seq !== next) {
          fail(`checkpoint #${next} is missing (the chain continues with #${checkpoint.seq})`, { checkpoint: next });
        }
        this.extendChain(checkpoint);
        next++;
      }
    }
    if (this.chain.length === 0) fail('the ledger has no checkpoint');
    this.anchors = anchorsOf(this.chain, this.options.trusted);
  }

  private extendChain(checkpoint: SequencedCheckpoint): void {
    const previous = this.chain[this.chain.length - 1];
    const at = { checkpoint: checkpoint.seq };
    if (previous) {
      if (checkpoint.treeSize < previous.treeSize) {
        fail(
          `checkpoint #${checkpoint.seq} has tree size ${checkpoint.treeSize}, below #${previous.seq}'s ${previous.treeSize}`,
          at,
        );
      }
      if (checkpoint.timestamp < previous.timestamp) fail(`checkpoint #${checkpoint.seq} is dated before #${previous.seq}`, at);
      if (checkpoint.treeSize === previous.treeSize && checkpoint.rootHash !== previous.rootHash) {
        fail(
          `checkpoints #${previous.seq} and #${checkpoint.seq} sign different roots for tree size ${checkpoint.treeSize} (fork)`,
          at,
        );
      }
    }
    this.chain.push(checkpoint);
  }

  private checkpointOf(raw: unknown, what: string): SequencedCheckpoint {
    const seq = isObject(raw) ? raw['seq'] : undefined;
    if (!isObject(raw) || typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return fail(`${what} is malformed`);
    const checkpoint = raw as unknown as SequencedCheckpoint;
    if (!verifyCheckpoint(checkpoint, this.options.verifiers)) {
      const keyId = typeof checkpoint.keyId === 'string' ? checkpoint.keyId : '?';
      fail(`checkpoint #${seq} (key ${keyId}) does not carry a valid signature of the ledger key ${this.keyNames()}`, {
        checkpoint: seq,
      });
    }
    const { treeSize, rootHash, timestamp, keyId, signature } = checkpoint;
    return { seq, treeSize, rootHash, timestamp, keyId, signature };
  }

  private checkTrusted(): void {
    const trusted = this.options.trusted;
    if (!trusted) return;
    if (!verifyCheckpoint(trusted, this.options.verifiers)) fail(`the trusted checkpoint is not signed by ${this.keyNames()}`);
    if (trusted.treeSize > this.latest.treeSize) {
      fail(
        `the ledger shrank: a checkpoint of tree size ${trusted.treeSize} was verified before, the latest has ${this.latest.treeSize}`,
        { index: this.latest.treeSize },
      );
    }
    const other = this.chain.find((c) => c.treeSize === trusted.treeSize && c.rootHash !== trusted.rootHash);
    if (other) {
      fail(`fork: checkpoint #${other.seq} signs another root for tree size ${other.treeSize} than the trusted checkpoint`, {
        checkpoint: other.seq,
      });
    }
  }

  private keyNames(): string {
    return this.options.verifiers.map((v) => `${v.name}+${v.keyHash.toString(16).padStart(8, '0')}`).join(', ');
  }

  // ---- the entries ---------------------------------------------------------------------------------------------

  private async readEntries(to: number): Promise<void> {
    if (this.frontier.size === 0) await this.checkAnchors(); // the empty tree's checkpoint
    while (this.frontier.size < to) {
      const start = this.frontier.size;
      const end = Math.min(to, start + this.pageSize);
      const entries = await this.entriesPage(start, end);
      if (entries.length === 0) await this.locate(start, 'entry missing');
      for (const entry of entries.slice(0, end - start)) {
        const expected = this.frontier.size;
        if (entry.index !== expected) {
          await this.locate(expected, entry.index > expected ? 'entry missing' : `entry ${entry.index} repeated or out of order`);
        }
        const problem = this.readLeaf(entry.index, entry.leaf);
        if (problem) await this.locate(expected, problem);
        await this.checkAnchors();
      }
      this.options.onProgress?.(this.frontier.size, to);
    }
  }

  /** Appends the leaf; returns what is wrong with it in itself, if anything. */
  private readLeaf(index: number, encoded: string): string | undefined {
    const bytes = decodeBase64(encoded);
    const hash = leafHash(bytes ?? Buffer.from(encoded, 'utf8'));
    this.frontier = appendLeaves(this.frontier, [hash]).frontier;
    this.sinceGood.push(hash);
    if (bytes === null) return 'leaf is not base64';
    if (this.sampleIndexes.has(index)) this.sampledLeaves.set(index, bytes);
    const parsed = parseLeaf(bytes);
    if (!parsed.ok) return parsed.problem;
    const id = parsed.entry.event.id.toLowerCase();
    const first = this.messageIds.get(id);
    if (first !== undefined) return `message ${id} is recorded twice (first at index ${first})`;
    this.messageIds.set(id, index);
    return undefined;
  }

  private async checkAnchors(): Promise<void> {
    const size = this.frontier.size;
    const anchors = this.anchors.get(size);
    if (!anchors) return;
    const root = frontierRoot(this.frontier);
    for (const anchor of anchors) {
      if (root.equals(anchor.root)) continue;
      if (size === 0) fail(`${anchor.label} signs a root other than the empty tree's`, { checkpoint: anchor.seq });
      await this.locate(size - 1, `leaf does not match the signed history (${anchor.label})`, anchor);
    }
    this.good = { size, frontier: this.frontier };
    this.sinceGood = [];
  }

  private async entriesPage(start: number, end: number): Promise<{ index: number; leaf: string }[]> {
    const answer = await this.reader.entries(start, end);
    const entries = isObject(answer) && Array.isArray(answer['entries']) ? (answer['entries'] as unknown[]) : null;
    if (entries === null) return fail(`the entries from index ${start} are malformed`, { index: start });
    return entries.map((entry, i) => {
      const index = isObject(entry) ? entry['index'] : undefined;
      const leaf = isObject(entry) ? entry['leaf'] : undefined;
      if (typeof index !== 'number' || !Number.isSafeInteger(index) || typeof leaf !== 'string') {
        return fail(`entry ${start + i} is malformed`, { index: start + i });
      }
      return { index, leaf };
    });
  }

  // ---- locating the first bad leaf -----------------------------------------------------------------------------

  /**
   * Leaves [0, good.size) are proven; something is wrong at `candidate` or before. The ledger's consistency proof
   * from size m to a signed checkpoint verifies against our root of the first m leaves only if those m leaves are
   * the ones that were signed, so the largest such m in [good.size, candidate] is the first bad index. (If the
   * ledger also lies in its proofs, the bisection can only point earlier, never let a bad leaf pass.)
   */
  private async locate(candidate: number, reason: string, mismatched?: Anchor): Promise<never> {
    const anchor = mismatched ?? this.coveringAnchor(candidate);
    let lo = this.good.size;
    let hi = candidate;
    while (anchor && lo < hi) {
      const m = Math.ceil((lo + hi) / 2);
      if (await this.prefixIsGenuine(m, anchor)) lo = m;
      else hi = m - 1;
    }
    if (lo < candidate) return fail(`leaf does not match the signed history (${anchor!.label})`, { index: lo });
    return fail(reason, { index: candidate });
  }

  private coveringAnchor(index: number): Anchor | undefined {
    let best: Anchor | undefined;
    for (const [size, anchors] of this.anchors) {
      if (size <= index) continue;
      const anchor = anchors.find((a) => a.seq !== undefined) ?? anchors[0]!;
      if (!best || size < best.treeSize) best = anchor;
    }
    return best;
  }

  private async prefixIsGenuine(m: number, anchor: Anchor): Promise<boolean> {
    const root = frontierRoot(appendLeaves(this.good.frontier, this.sinceGood.slice(0, m - this.good.size)).frontier);
    const proof = proofShape(await this.reader.consistencyProof(m, anchor.treeSize), ['from', 'to']);
    if (!proof || proof.from !== m || proof.to !== anchor.treeSize) return false;
    return verifyConsistency(m, anchor.treeSize, root, anchor.root, proof.hashes);
  }

  // ---- the ledger's own proofs ---------------------------------------------------------------------------------

  private chooseSamples(treeSize: number): void {
    const picks = new Set<number>();
    if (treeSize > 0) picks.add(0).add(treeSize - 1);
    for (let i = 0; i < this.samples && treeSize > 0; i++) picks.add(Math.floor(this.random() * treeSize));
    this.sampleIndexes = picks;
  }

  private async checkProofs(latest: SequencedCheckpoint): Promise<{ inclusion: number; consistency: number }> {
    let inclusion = 0;
    for (const index of [...this.sampleIndexes].sort((a, b) => a - b)) {
      const leaf = this.sampledLeaves.get(index);
      if (leaf === undefined || index >= latest.treeSize) continue;
      const answer = await this.reader.inclusionProof(index, latest.treeSize);
      if (!inclusionProofVerifies(latest, this.options.verifiers, index, leaf, answer)) {
        fail(`the ledger's inclusion proof for index ${index} does not verify against checkpoint #${latest.seq}`, { index });
      }
      inclusion++;
    }
    let consistency = 0;
    for (const [older, newer] of this.consistencyPairs(latest)) {
      const answer = await this.reader.consistencyProof(older.treeSize, newer.treeSize);
      if (!consistencyProofVerifies(older, newer, this.options.verifiers, answer)) {
        const name = 'seq' in older ? `#${(older as SequencedCheckpoint).seq}` : 'the trusted checkpoint';
        fail(
          `the ledger's consistency proof from ${name} (size ${older.treeSize}) to #${newer.seq} (size ${newer.treeSize}) does not verify`,
          { checkpoint: newer.seq },
        );
      }
      consistency++;
    }
    return { inclusion, consistency };
  }

  /** The first and last steps of the chain, a random sample of the others, and from the start and the trusted one. */
  private consistencyPairs(latest: SequencedCheckpoint): [Checkpoint, SequencedCheckpoint][] {
    const chain = this.chain.filter((c) => c.seq <= latest.seq);
    const steps: [SequencedCheckpoint, SequencedCheckpoint][] = [];
    for (let i = 1; i < chain.length; i++) {
      if (chain[i]!.treeSize > chain[i - 1]!.treeSize && chain[i - 1]!.treeSize > 0) steps.push([chain[i - 1]!, chain[i]!]);
    }
    const pairs: [Checkpoint, SequencedCheckpoint][] = [];
    if (steps.length > 0) pairs.push(steps[0]!);
    if (steps.length > 1) pairs.push(steps[steps.length - 1]!);
    for (let i = 0; i < this.samples && steps.length > 2; i++) pairs.push(steps[Math.floor(this.random() * steps.length)]!);
    const firstNonEmpty = chain.find((c) => c.treeSize > 0);
    if (firstNonEmpty && firstNonEmpty.treeSize < latest.treeSize) pairs.push([firstNonEmpty, latest]);
    const trusted = this.options.trusted;
    if (trusted && trusted.treeSize > 0 && trusted.treeSize < latest.treeSize) pairs.push([trusted, latest]);
    return pairs;
  }
}

function anchorsOf(chain: readonly SequencedCheckpoint[], trusted: Checkpoint | undefined): Map<number, Anchor[]> {
  const anchors = new Map<number, Anchor[]>();
  const add = (anchor: Anchor) => anchors.set(anchor.treeSize, [...(anchors.get(anchor.treeSize) ?? []), anchor]);
  for (const c of chain) {
    add({
      treeSize: c.treeSize,
      root: decodeBase64(c.rootHash)!,
      label: `checkpoint #${c.seq}, tree size ${c.treeSize}`,
      seq: c.seq,
    });
  }
  const trustedRoot = trusted ? decodeBase64(trusted.rootHash) : null;
  if (trusted && trustedRoot) {
    add({ treeSize: trusted.treeSize, root: trustedRoot, label: `the trusted checkpoint, tree size ${trusted.treeSize}` });
  }
  return anchors;
}

function sameCheckpoint(a: SequencedCheckpoint, b: SequencedCheckpoint): boolean {
  return (
    a.seq === b.seq &&
    a.treeSize === b.treeSize &&
    a.rootHash === b.rootHash &&
    a.timestamp === b.timestamp &&
    a.keyId === b.keyId &&
    a.signature === b.signature
  );
}

function proofShape<K extends string>(answer: unknown, sizes: readonly K[]): (Record<K, number> & { hashes: Buffer[] }) | null {
  if (!isObject(answer) || !Array.isArray(answer['hashes'])) return null;
  for (const key of sizes) {
    const value = answer[key];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return null;
  }
  const hashes: Buffer[] = [];
  for (const hash of answer['hashes'] as unknown[]) {
    const bytes = typeof hash === 'string' ? decodeBase64(hash) : null;
    if (bytes === null || bytes.length !== HASH_SIZE) return null;
    hashes.push(bytes);
  }
  return { ...(answer as Record<K, number>), hashes };
}

/** Standard base64 with padding, rejecting every other spelling of the same bytes. */
function decodeBase64(value: string): Buffer | null {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value)) return null;
  const bytes = Buffer.from(value, 'base64');
  return bytes.toString('base64') === value ? bytes : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
