// The verifier against an honest in-memory ledger and against hostile ones: every forgery a server could attempt —
// proofs for another index or size, truncated or extended paths, swapped roots, forked or re-signed checkpoints,
// entries changed, dropped, added or reordered — must be refused, and a tampered leaf must be named by its index.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { auditEntryOf, leafBytesOf } from './audit-entry';
import { InMemoryMerkleLog, leafHash } from './merkle';
import {
  consistencyProofVerifies,
  inclusionProofVerifies,
  verifyLedger,
  type LedgerFailure,
  type LedgerReader,
  type LedgerVerdict,
  type SequencedCheckpoint,
} from './ledger-verifier';
import { generateNoteKeys, parseSignerKey, parseVerifierKey, signCheckpoint, type Checkpoint } from './signed-note';

const keys = generateNoteKeys('ledger.test/audit');
const signer = parseSignerKey(keys.signerKey);
const verifier = parseVerifierKey(keys.verifierKey);
const otherSigner = parseSignerKey(generateNoteKeys('ledger.test/audit').signerKey);

function leafOf(i: number): Buffer {
  return leafBytesOf(
    auditEntryOf('credit-share.credit-records.v1', {
      id: randomUUID(),
      type: 'RecordPublished',
      version: 1,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      subject: '91440300MA5FXXXX0X',
      producer: 'credit-records',
      data: { n: i, note: `记录 ${i}` },
    }),
  );
}

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

/** An honest ledger: leaves, a checkpoint after each batch, and a reader serving them; tests then break one thing. */
class FakeLedger implements LedgerReader {
  leaves: Buffer[] = [];
  chain: SequencedCheckpoint[] = [];
  readonly log = new InMemoryMerkleLog();
  latestOverride: SequencedCheckpoint | undefined;
  inclusionOverride: ((index: number, treeSize: number) => unknown) | undefined;
  consistencyOverride: ((from: number, to: number) => unknown) | undefined;
  requests = { inclusion: 0, consistency: 0 };
  private second = 0;

  constructor(batches: readonly number[]) {
    this.checkpoint();
    for (const n of batches) this.append(n);
  }

  append(n: number, sign = true): void {
    for (let i = 0; i < n; i++) {
      const leaf = leafOf(this.leaves.length);
      this.leaves.push(leaf);
      this.log.append(leafHash(leaf));
    }
    if (sign) this.checkpoint();
  }

  checkpoint(by = signer): SequencedCheckpoint {
    const signed = signCheckpoint(
      { treeSize: this.log.size, rootHash: this.log.root(), timestamp: new Date(Date.UTC(2026, 0, 1, 1, 0, this.second++)) },
      by,
    );
    const checkpoint = { seq: this.chain.length + 1, ...signed };
    this.chain.push(checkpoint);
    return checkpoint;
  }

  async checkpoints(start: number, limit: number) {
    return { checkpoints: this.chain.filter((c) => c.seq >= start).slice(0, limit) };
  }

  async latestCheckpoint() {
    return this.latestOverride ?? this.chain[this.chain.length - 1];
  }

  async entries(start: number, end: number) {
    const entries = [];
    for (let i = start; i < Math.min(end, this.leaves.length); i++) entries.push({ index: i, leaf: b64(this.leaves[i]!) });
    return { entries };
  }

  async inclusionProof(index: number, treeSize: number) {
    this.requests.inclusion++;
    if (this.inclusionOverride) return this.inclusionOverride(index, treeSize);
    return { leafIndex: index, treeSize, hashes: this.log.inclusionProof(index, treeSize).map(b64) };
  }

  async consistencyProof(from: number, to: number) {
    this.requests.consistency++;
    if (this.consistencyOverride) return this.consistencyOverride(from, to);
    return { from, to, hashes: this.log.consistencyProof(from, to).map(b64) };
  }

  honestInclusion(index: number, treeSize: number) {
    return { leafIndex: index, treeSize, hashes: this.log.inclusionProof(index, treeSize).map(b64) };
  }

  honestConsistency(from: number, to: number) {
    return { from, to, hashes: this.log.consistencyProof(from, to).map(b64) };
  }
}

const verify = (ledger: LedgerReader, options: { trusted?: Checkpoint; seed?: number; pageSize?: number } = {}) => {
  let state = options.seed ?? 1;
  const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
  return verifyLedger(ledger, { verifiers: [verifier], trusted: options.trusted, random, pageSize: options.pageSize ?? 7 });
};

const failed = (verdict: LedgerVerdict): LedgerFailure => {
  if (verdict.ok) throw new Error('expected the ledger to be refused');
  return verdict;
};

describe('an honest ledger', () => {
  it('verifies: every entry, every checkpoint, sampled proofs', async () => {
    const ledger = new FakeLedger([1, 5, 10, 0, 17, 3]);
    const verdict = await verify(ledger);
    expect(verdict).toMatchObject({ ok: true, treeSize: 36, checkpoints: 7, latest: ledger.chain[6] });
    if (!verdict.ok) return;
    expect(verdict.proofs.inclusion).toBeGreaterThanOrEqual(2);
    expect(verdict.proofs.consistency).toBeGreaterThanOrEqual(2);
    expect(ledger.requests).toEqual({ inclusion: verdict.proofs.inclusion, consistency: verdict.proofs.consistency });
  });

  it('verifies the empty ledger (one checkpoint of the empty tree)', async () => {
    expect(await verify(new FakeLedger([]))).toMatchObject({ ok: true, treeSize: 0, checkpoints: 1 });
  });

  it('verifies against a checkpoint the auditor kept from an earlier run', async () => {
    const ledger = new FakeLedger([4, 4]);
    const earlier = ledger.chain[2]!;
    ledger.append(9);
    ledger.append(2);
    expect(await verify(ledger, { trusted: earlier })).toMatchObject({ ok: true, treeSize: 19 });
  });

  it('follows a ledger that grows while it is read', async () => {
    const ledger = new FakeLedger([5, 5]);
    const entries = ledger.entries.bind(ledger);
    let grown = false;
    ledger.entries = async (start, end) => {
      if (!grown && start >= 10) {
        grown = true;
        ledger.append(4);
      }
      return entries(start, end);
    };
    expect(await verify(ledger)).toMatchObject({ ok: true, treeSize: 14, checkpoints: 4 });
  });
});

describe('tampered entries are found and the first bad index named', () => {
  const ledger = () => new FakeLedger([3, 8, 1, 12, 6]);

  it('a changed byte that keeps the JSON canonical', async () => {
    const l = ledger();
    const text = l.leaves[13]!.toString('utf8').replace('"n":13', '"n":93');
    l.leaves[13] = Buffer.from(text);
    expect(failed(await verify(l))).toMatchObject({
      index: 13,
      reason: expect.stringMatching(/does not match the signed history/),
    });
  });

  it('a changed byte that breaks the JSON', async () => {
    const l = ledger();
    l.leaves[4] = Buffer.from(l.leaves[4]!.toString('utf8').replace('{', '['));
    expect(failed(await verify(l))).toMatchObject({ index: 4, reason: 'leaf is not JSON' });
  });

  it('an entry rewritten in another but equivalent JSON form', async () => {
    const l = ledger();
    l.leaves[9] = Buffer.from(JSON.stringify(JSON.parse(l.leaves[9]!.toString('utf8')), null, 1));
    expect(failed(await verify(l))).toMatchObject({ index: 9, reason: 'leaf is not in RFC 8785 canonical form' });
  });

  it('a deleted entry (a gap) and a deleted entry with the later ones renumbered', async () => {
    const gap = ledger();
    const entries = gap.entries.bind(gap);
    gap.entries = async (s, e) => ({ entries: (await entries(s, e)).entries.filter((x) => x.index !== 17) });
    expect(failed(await verify(gap))).toMatchObject({ index: 17, reason: 'entry missing' });
    const renumbered = ledger();
    renumbered.leaves.splice(17, 1);
    expect(failed(await verify(renumbered))).toMatchObject({ index: 17 });
  });

  it('an inserted entry, renumbering the later ones, and a copy of an earlier entry', async () => {
    const inserted = ledger();
    inserted.leaves.splice(6, 0, leafOf(1000));
    expect(failed(await verify(inserted))).toMatchObject({ index: 6 });
    const copied = ledger();
    copied.leaves.splice(21, 0, copied.leaves[2]!);
    expect(failed(await verify(copied))).toMatchObject({ index: 21 });
    const copiedBefore = ledger();
    copiedBefore.leaves.splice(5, 0, copiedBefore.leaves[7]!);
    copiedBefore.leaves.splice(8, 1);
    expect(failed(await verify(copiedBefore))).toMatchObject({ index: 5 });
  });

  it('two entries swapped', async () => {
    const l = ledger();
    [l.leaves[10], l.leaves[25]] = [l.leaves[25]!, l.leaves[10]!];
    expect(failed(await verify(l))).toMatchObject({ index: 10 });
  });

  it('the log truncated below its latest checkpoint', async () => {
    const l = ledger();
    l.leaves.length = 22;
    expect(failed(await verify(l))).toMatchObject({ index: 22, reason: 'entry missing' });
  });

  it('an entry added after the latest checkpoint', async () => {
    const l = ledger();
    l.leaves.push(leafOf(999));
    expect(failed(await verify(l))).toMatchObject({ index: 30, reason: 'entry not covered by any signed checkpoint' });
  });

  it('entries served out of order or repeated', async () => {
    const l = ledger();
    const entries = l.entries.bind(l);
    l.entries = async (s, e) => {
      const page = (await entries(s, e)).entries;
      return {
        entries: page.map((x) => (x.index === 12 ? { ...page[0]!, index: 12 } : x)).map((x) => (x.index === 12 ? page[0]! : x)),
      };
    };
    expect(failed(await verify(l))).toMatchObject({ index: 12 });
  });

  it('a random tampering anywhere, found at its index (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 29 }), fc.integer({ min: 0, max: 4 }), async (at, kind) => {
        const l = ledger();
        const leaf = l.leaves[at]!;
        if (kind === 0) l.leaves[at] = Buffer.from(leaf.toString('utf8').replace(`"n":${at}`, `"n":${at + 100}`));
        if (kind === 1) l.leaves.splice(at, 1);
        if (kind === 2) l.leaves.splice(at, 0, leafOf(500));
        if (kind === 3) [l.leaves[at], l.leaves[(at + 7) % 30]] = [l.leaves[(at + 7) % 30]!, leaf];
        if (kind === 4) l.leaves.length = at;
        const expected = kind === 3 ? Math.min(at, (at + 7) % 30) : at;
        expect(failed(await verify(l, { seed: at + 1 }))).toMatchObject({ index: expected });
      }),
      { numRuns: 60 },
    );
  });
});

describe('a hostile server: forged proofs', () => {
  const ledger = () => new FakeLedger([2, 9, 4, 13]);

  it.each([
    ['for another index', (l: FakeLedger, i: number, n: number) => ({ ...l.honestInclusion((i + 1) % n, n), leafIndex: i })],
    ['claiming another index', (l: FakeLedger, i: number, n: number) => ({ ...l.honestInclusion(i, n), leafIndex: (i + 1) % n })],
    ['for another tree size', (l: FakeLedger, i: number, n: number) => ({ ...l.honestInclusion(i, n - 1), treeSize: n })],
    ['claiming another tree size', (l: FakeLedger, i: number, n: number) => ({ ...l.honestInclusion(i, n), treeSize: n + 1 })],
    [
      'with a truncated path',
      (l: FakeLedger, i: number, n: number) => {
        const p = l.honestInclusion(i, n);
        return { ...p, hashes: p.hashes.slice(0, -1) };
      },
    ],
    [
      'with an extended path',
      (l: FakeLedger, i: number, n: number) => {
        const p = l.honestInclusion(i, n);
        return { ...p, hashes: [...p.hashes, p.hashes[0]!] };
      },
    ],
    [
      'with a hash changed',
      (l: FakeLedger, i: number, n: number) => {
        const p = l.honestInclusion(i, n);
        return { ...p, hashes: p.hashes.map((h, j) => (j === 0 ? b64(Buffer.alloc(32, 7)) : h)) };
      },
    ],
    ['malformed', () => ({ leafIndex: 'zero', hashes: 'none' })],
  ])('refuses inclusion proofs %s', async (_, forge) => {
    const l = ledger();
    l.inclusionOverride = (i, n) => forge(l, i, n);
    expect(failed(await verify(l))).toMatchObject({
      reason: expect.stringMatching(/inclusion proof for index \d+ does not verify/),
    });
  });

  it.each([
    [
      'with a truncated path',
      (l: FakeLedger, m: number, n: number) => {
        const p = l.honestConsistency(m, n);
        return { ...p, hashes: p.hashes.slice(0, -1) };
      },
    ],
    [
      'with an extended path',
      (l: FakeLedger, m: number, n: number) => {
        const p = l.honestConsistency(m, n);
        return { ...p, hashes: [...p.hashes, p.hashes[0]!] };
      },
    ],
    ['for other sizes', (l: FakeLedger, m: number, n: number) => ({ ...l.honestConsistency(m > 1 ? m - 1 : m + 1, n), from: m })],
    ['with the sizes swapped', (l: FakeLedger, m: number, n: number) => ({ ...l.honestConsistency(m, n), from: n, to: m })],
    ['empty', (_: FakeLedger, m: number, n: number) => ({ from: m, to: n, hashes: [] })],
  ])('refuses consistency proofs %s', async (_, forge) => {
    const l = ledger();
    l.consistencyOverride = (m, n) => forge(l, m, n);
    expect(failed(await verify(l))).toMatchObject({ reason: expect.stringMatching(/consistency proof from .* does not verify/) });
  });

  it('checks single proofs against the signed checkpoint only (helpers for clients)', () => {
    const l = ledger();
    const [old, latest] = [l.chain[2]!, l.chain[4]!];
    expect(inclusionProofVerifies(latest, [verifier], 5, l.leaves[5]!, l.honestInclusion(5, latest.treeSize))).toBe(true);
    expect(inclusionProofVerifies(latest, [verifier], 5, l.leaves[6]!, l.honestInclusion(5, latest.treeSize))).toBe(false);
    expect(inclusionProofVerifies(old, [verifier], 5, l.leaves[5]!, l.honestInclusion(5, latest.treeSize))).toBe(false);
    expect(consistencyProofVerifies(old, latest, [verifier], l.honestConsistency(old.treeSize, latest.treeSize))).toBe(true);
    // Swapped roots: the same proof between the checkpoints taken the other way round, or with their roots exchanged.
    expect(consistencyProofVerifies(latest, old, [verifier], l.honestConsistency(old.treeSize, latest.treeSize))).toBe(false);
    const swapped = { ...old, rootHash: latest.rootHash };
    expect(consistencyProofVerifies(swapped, latest, [verifier], l.honestConsistency(old.treeSize, latest.treeSize))).toBe(false);
    const resigned = {
      ...signCheckpoint(
        { treeSize: old.treeSize, rootHash: Buffer.from(latest.rootHash, 'base64'), timestamp: new Date() },
        signer,
      ),
    };
    expect(consistencyProofVerifies(resigned, latest, [verifier], l.honestConsistency(old.treeSize, latest.treeSize))).toBe(
      false,
    );
    for (const garbage of [null, 7, 'x', [], { hashes: [1] }, { from: -1, to: 2, hashes: [] }]) {
      expect(consistencyProofVerifies(old, latest, [verifier], garbage)).toBe(false);
      expect(inclusionProofVerifies(latest, [verifier], 5, l.leaves[5]!, garbage)).toBe(false);
    }
  });
});

describe('a hostile server: checkpoints', () => {
  it('refuses a checkpoint re-signed with another key, naming it', async () => {
    const l = new FakeLedger([3, 3, 3]);
    const c = l.chain[2]!;
    l.chain[2] = {
      seq: c.seq,
      ...signCheckpoint(
        { treeSize: c.treeSize, rootHash: Buffer.from(c.rootHash, 'base64'), timestamp: new Date(c.timestamp) },
        otherSigner,
      ),
    };
    expect(failed(await verify(l))).toMatchObject({
      checkpoint: 3,
      reason: expect.stringMatching(/does not carry a valid signature/),
    });
  });

  it('refuses a checkpoint whose root or size was changed after signing', async () => {
    const l = new FakeLedger([3, 3, 3]);
    l.chain[1] = { ...l.chain[1]!, rootHash: l.chain[2]!.rootHash };
    expect(failed(await verify(l))).toMatchObject({ checkpoint: 2 });
    const m = new FakeLedger([3, 3, 3]);
    m.chain[3] = { ...m.chain[3]!, treeSize: 8 };
    expect(failed(await verify(m))).toMatchObject({ checkpoint: 4 });
  });

  it('refuses a chain with a checkpoint missing, going back in size, or signing two roots for one size', async () => {
    const missing = new FakeLedger([2, 2, 2]);
    missing.chain.splice(1, 1);
    expect(failed(await verify(missing))).toMatchObject({ checkpoint: 2, reason: expect.stringMatching(/missing/) });
    const shrinking = new FakeLedger([2, 2]);
    shrinking.chain.push({
      seq: 4,
      ...signCheckpoint({ treeSize: 2, rootHash: shrinking.log.root(2), timestamp: new Date(Date.UTC(2027, 0)) }, signer),
    });
    expect(failed(await verify(shrinking))).toMatchObject({ checkpoint: 4, reason: expect.stringMatching(/below/) });
    const forked = new FakeLedger([2, 2]);
    forked.chain.push({
      seq: 4,
      ...signCheckpoint({ treeSize: 4, rootHash: Buffer.alloc(32, 1), timestamp: new Date(Date.UTC(2027, 0)) }, signer),
    });
    expect(failed(await verify(forked))).toMatchObject({ checkpoint: 4, reason: expect.stringMatching(/fork/) });
  });

  it('refuses a forked checkpoint: validly signed, but for a history the entries are not', async () => {
    const l = new FakeLedger([4, 4]);
    const other = new FakeLedger([4, 4, 4]); // a different history with the same key
    l.append(4, false);
    l.chain.push({ ...other.chain[3]!, seq: 4, timestamp: new Date(Date.UTC(2027, 0)).toISOString() });
    l.chain[3] = {
      seq: 4,
      ...signCheckpoint({ treeSize: 12, rootHash: other.log.root(12), timestamp: new Date(Date.UTC(2027, 0)) }, signer),
    };
    const verdict = failed(await verify(l));
    expect(verdict.index).toBeLessThanOrEqual(8);
    expect(verdict.reason).toMatch(/does not match the signed history \(checkpoint #4/);
  });

  it('refuses a latest checkpoint that is not the one in the chain (split view)', async () => {
    const l = new FakeLedger([3, 3]);
    const other = new FakeLedger([3, 3]);
    l.latestOverride = other.chain[2]!;
    expect(failed(await verify(l))).toMatchObject({ checkpoint: 3, reason: expect.stringMatching(/served as latest/) });
  });

  it('refuses a ledger that rolled back or forked since the auditor last verified it', async () => {
    const l = new FakeLedger([5, 5]);
    const kept = l.chain[2]!;
    const rolledBack = new FakeLedger([5]);
    rolledBack.leaves = l.leaves.slice(0, 5);
    expect(failed(await verify(rolledBack, { trusted: kept }))).toMatchObject({
      index: 5,
      reason: expect.stringMatching(/shrank/),
    });
    const rewritten = new FakeLedger([5, 5, 1]); // same sizes, other leaves, re-signed with the ledger's key
    expect(failed(await verify(rewritten, { trusted: kept }))).toMatchObject({
      checkpoint: 3,
      reason: expect.stringMatching(/fork/),
    });
    const rewrittenElsewhere = new FakeLedger([4, 7]); // no checkpoint at the kept size: found by recomputing it
    const verdict = failed(await verify(rewrittenElsewhere, { trusted: kept }));
    expect(verdict.reason).toMatch(/the trusted checkpoint/);
    const notSigned = { ...kept, signature: l.chain[1]!.signature };
    expect(failed(await verify(l, { trusted: notSigned })).reason).toMatch(/trusted checkpoint is not signed/);
  });

  it('refuses malformed answers without crashing', async () => {
    for (const breakIt of [
      (l: FakeLedger) => (l.checkpoints = async () => ({ nope: true }) as never),
      (l: FakeLedger) => (l.latestCheckpoint = async () => ({ treeSize: 'x' }) as never),
      (l: FakeLedger) => (l.entries = async () => ({ entries: [{ index: 0 }] }) as never),
      (l: FakeLedger) => (l.entries = async () => 'garbage' as never),
      (l: FakeLedger) => (l.checkpoints = async () => ({ checkpoints: [] })),
    ]) {
      const l = new FakeLedger([3]);
      breakIt(l);
      expect((await verify(l)).ok).toBe(false);
    }
  });
});
