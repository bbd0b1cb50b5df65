import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import vectors from './fixtures/transparency-dev-merkle-vectors.json';
import {
  appendLeaf,
  appendLeaves,
  assembleProof,
  consistencyProof,
  consistencyProofPlan,
  emptyFrontier,
  emptyRoot,
  frontierAt,
  frontierNodeIds,
  frontierRoot,
  inclusionProof,
  inclusionProofPlan,
  InMemoryMerkleLog,
  InMemorySubtreeStore,
  leafHash,
  nodeHash,
  type ProofPlan,
  rootAt,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
  type Frontier,
} from './merkle';

const hex = (h: string): Buffer => Buffer.from(h, 'hex');
const b64 = (s: string): Buffer => Buffer.from(s, 'base64');
const toHex = (hashes: readonly Buffer[]): string[] => hashes.map((h) => h.toString('hex'));

const leaves = vectors.leafInputs.map((input) => leafHash(hex(input)));
const log8 = new InMemoryMerkleLog();
leaves.forEach((hash) => log8.append(hash));
const root8 = (size: number): Buffer => hex(vectors.rootHashes[size]!);

describe('RFC 9162 hashing — transparency-dev/merkle rfc6962_test.go', () => {
  it('hashes the empty tree, the empty leaf, a leaf and a node', () => {
    expect(emptyRoot().toString('hex')).toBe(vectors.hasher.emptyRoot);
    expect(leafHash(Buffer.alloc(0)).toString('hex')).toBe(vectors.hasher.emptyLeaf.hash);
    expect(leafHash(Buffer.from(vectors.hasher.leaf.leafAscii)).toString('hex')).toBe(vectors.hasher.leaf.hash);
    const { leftAscii, rightAscii, hash } = vectors.hasher.node;
    expect(nodeHash(Buffer.from(leftAscii), Buffer.from(rightAscii)).toString('hex')).toBe(hash);
  });

  it('separates leaves from nodes (second-preimage resistance) and depends on child order', () => {
    const [a, b] = [leafHash(Buffer.from('Hello')), leafHash(Buffer.from('World'))];
    expect(nodeHash(a, b)).not.toEqual(leafHash(Buffer.concat([a, b])));
    expect(nodeHash(a, b)).not.toEqual(nodeHash(b, a));
  });
});

describe('roots and the frontier — transparency-dev/merkle testonly/constants.go', () => {
  it.each(vectors.rootHashes.map((root, size) => [size, root] as const))('size %i has root %s', (size, root) => {
    expect(rootFromLeafHashes(leaves.slice(0, size)).toString('hex')).toBe(root);
    expect(log8.root(size).toString('hex')).toBe(root);
  });

  it('agrees with the roots table of proof/verify_test.go', () => {
    expect(vectors.verifyTestRoots).toEqual(vectors.rootHashes.slice(1));
    expect(vectors.sha256EmptyTreeHash).toBe(vectors.rootHashes[0]);
  });

  it('keeps the compact range of CompactTrees() after each append, and stores every NodeHashes() subtree', () => {
    const store = new InMemorySubtreeStore();
    let frontier: Frontier = emptyFrontier;
    const frontiers = [frontier];
    for (const hash of leaves) {
      const next = appendLeaf(frontier, hash);
      store.put(next.created);
      frontier = next.frontier;
      frontiers.push(frontier);
    }
    frontiers.forEach((f, size) => {
      const expected = vectors.compactTrees[size]!.map(([level, index]) => vectors.nodeHashes[level!]![index!]);
      expect(toHex(f.hashes)).toEqual(expected);
      expect(frontierRoot(f).toString('hex')).toBe(vectors.rootHashes[size]);
      expect(toHex(frontierAt(size, store).hashes)).toEqual(expected);
    });
    vectors.nodeHashes.forEach((level, l) =>
      expect(toHex(store.subtreeHashes(level.map((_, index) => ({ level: l, index }))))).toEqual(level),
    );
  });

  it('reports the perfect subtrees created by each append', () => {
    const { created } = appendLeaf(frontiers7(), leaves[7]!);
    expect(created.map(({ level, index, hash }) => [level, index, hash.toString('hex')])).toEqual([
      [0, 7, vectors.nodeHashes[0]![7]],
      [1, 3, vectors.nodeHashes[1]![3]],
      [2, 1, vectors.nodeHashes[2]![1]],
      [3, 0, vectors.nodeHashes[3]![0]],
    ]);
  });

  it('appends a batch of leaves as a run of single appends would, listing every subtree completed', () => {
    const batch = appendLeaves(appendLeaves(emptyFrontier, leaves.slice(0, 3)).frontier, leaves.slice(3));
    expect(toHex(batch.frontier.hashes)).toEqual(toHex(log8Frontier().hashes));
    expect(frontierRoot(batch.frontier).toString('hex')).toBe(vectors.rootHashes[8]);
    const single = leaves.slice(0, 3).reduce((f, hash) => appendLeaf(f, hash).frontier, emptyFrontier);
    const expected = leaves.slice(3).reduce<{ f: Frontier; created: string[] }>(
      ({ f, created }, hash) => {
        const next = appendLeaf(f, hash);
        return { f: next.frontier, created: [...created, ...next.created.map((n) => `${n.level}/${n.index}`)] };
      },
      { f: single, created: [] },
    );
    expect(batch.created.map((n) => `${n.level}/${n.index}`)).toEqual(expected.created);
    expect(appendLeaves(batch.frontier, []).created).toEqual([]);
  });

  function log8Frontier(): Frontier {
    return leaves.reduce((f, hash) => appendLeaf(f, hash).frontier, emptyFrontier);
  }

  function frontiers7(): Frontier {
    return leaves.slice(0, 7).reduce((f, hash) => appendLeaf(f, hash).frontier, emptyFrontier);
  }
});

// Go's corruptInclusionProof / corruptConsistencyProof (proof/verify_test.go), as data-independent mutations.
const someHash = hex(vectors.sha256SomeHash);
const emptyTreeHash = hex(vectors.sha256EmptyTreeHash);
const flipBit = (proof: Buffer[], i: number, mask: number): Buffer[] =>
  proof.map((h, j) => (j === i ? Buffer.from(h.map((byte, k) => (k === 0 ? byte ^ mask : byte))) : h));

function corruptInclusion(index: number, size: number, proof: Buffer[], root: Buffer, leaf: Buffer) {
  const probes: [string, Parameters<typeof verifyInclusion>][] = [
    ['leafIndex - 1', [index - 1, size, leaf, proof, root]],
    ['leafIndex + 1', [index + 1, size, leaf, proof, root]],
    ['leafIndex ^ 2', [index ^ 2, size, leaf, proof, root]],
    ['treeSize * 2', [index, size * 2, leaf, proof, root]],
    ['treeSize / 2', [index, Math.floor(size / 2), leaf, proof, root]],
    ['wrong leaf', [index, size, Buffer.from('WrongLeaf'), proof, root]],
    ['empty root', [index, size, leaf, proof, emptyTreeHash]],
    ['random root', [index, size, leaf, proof, someHash]],
    ['trailing garbage', [index, size, leaf, [...proof, Buffer.alloc(0)], root]],
    ['trailing root', [index, size, leaf, [...proof, root], root]],
    ['preceding garbage', [index, size, leaf, [Buffer.alloc(0), ...proof], root]],
    ['preceding root', [index, size, leaf, [root, ...proof], root]],
  ];
  proof.forEach((_, i) => probes.push([`modified proof[${i}] bit 3`, [index, size, leaf, flipBit(proof, i, 8), root]]));
  if (proof.length > 0) probes.push(['removed component', [index, size, leaf, proof.slice(0, -1), root]]);
  if (proof.length > 1) {
    probes.push(['inserted component', [index, size, leaf, [proof[0]!, someHash, ...proof.slice(1)], root]]);
  }
  return probes;
}

function corruptConsistency(size1: number, size2: number, root1: Buffer, root2: Buffer, proof: Buffer[]) {
  const probes: [string, Parameters<typeof verifyConsistency>][] = [
    ['size1 - 1', [size1 - 1, size2, root1, root2, proof]],
    ['size1 + 1', [size1 + 1, size2, root1, root2, proof]],
    ['size1 ^ 2', [size1 ^ 2, size2, root1, root2, proof]],
    ['size2 * 2', [size1, size2 * 2, root1, root2, proof]],
    ['size2 / 2', [size1, Math.floor(size2 / 2), root1, root2, proof]],
    ['wrong root1', [size1, size2, Buffer.from('WrongRoot'), root2, proof]],
    ['wrong root2', [size1, size2, root1, Buffer.from('WrongRoot'), proof]],
    ['swapped roots', [size1, size2, root2, root1, proof]],
    ['empty proof', [size1, size2, root1, root2, []]],
    ['trailing garbage', [size1, size2, root1, root2, [...proof, Buffer.alloc(0)]]],
    ['trailing root1', [size1, size2, root1, root2, [...proof, root1]]],
    ['trailing root2', [size1, size2, root1, root2, [...proof, root2]]],
    ['preceding garbage', [size1, size2, root1, root2, [Buffer.alloc(0), ...proof]]],
    ['preceding root1', [size1, size2, root1, root2, [root1, ...proof]]],
    ['preceding root2', [size1, size2, root1, root2, [root2, ...proof]]],
    ['preceding proof[0]', [size1, size2, root1, root2, [proof[0]!, ...proof]]],
  ];
  if (proof.length > 0) probes.push(['truncated proof', [size1, size2, root1, root2, proof.slice(0, -1)]]);
  proof.forEach((_, i) => probes.push([`modified proof[${i}] bit 4`, [size1, size2, root1, root2, flipBit(proof, i, 16)]]));
  return probes;
}

describe('inclusion proofs — transparency-dev/merkle proof/verify_test.go', () => {
  // Entry 0 ({0, 0, nil}) is skipped by the Go test as well: leaf is 1-based there.
  const cases = vectors.inclusionProofs.slice(1).map((v) => [v.leaf - 1, v.size, v.proof] as const);

  it.each(cases)('leaf %i of %i: generates the published proof, which verifies', (index, size, proof) => {
    expect(toHex(log8.inclusionProof(index, size))).toEqual(proof);
    expect(verifyInclusion(index, size, leaves[index]!, proof.map(hex), root8(size))).toBe(true);
  });

  it.each(cases)('leaf %i of %i: rejects every corruption of corruptInclusionProof', (index, size, proof) => {
    for (const [desc, args] of corruptInclusion(index, size, proof.map(hex), root8(size), leaves[index]!)) {
      expect([desc, verifyInclusion(...args)]).toEqual([desc, false]);
    }
  });

  it('rejects the degenerate probes of TestVerifyInclusion and TestVerifyInclusionSingleEntry', () => {
    for (const [index, size] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [2, 1],
    ] as const) {
      expect(verifyInclusion(index, size, someHash, [], Buffer.alloc(0))).toBe(false);
      expect(verifyInclusion(index, size, Buffer.alloc(0), [], emptyTreeHash)).toBe(false);
      expect(verifyInclusion(index, size, someHash, [], emptyTreeHash)).toBe(false);
    }
    const hash = leafHash(Buffer.from('data'));
    expect(verifyInclusion(0, 1, hash, [], hash)).toBe(true);
    expect(verifyInclusion(0, 1, Buffer.alloc(0), [], hash)).toBe(false);
    expect(verifyInclusion(0, 1, hash, [], Buffer.alloc(0))).toBe(false);
    expect(verifyInclusion(0, 1, Buffer.alloc(0), [], Buffer.alloc(0))).toBe(false);
  });

  it.each(vectors.testdataProbes.inclusion)('testdata probe $path', ({ probe }) => {
    const proof = (probe.proof ?? []).map(b64);
    expect(verifyInclusion(probe.leafIdx, probe.treeSize, b64(probe.leafHash), proof, b64(probe.root))).toBe(!probe.wantErr);
  });
});

describe('consistency proofs — transparency-dev/merkle proof/verify_test.go', () => {
  const cases = vectors.consistencyProofs.map((v) => [v.size1, v.size2, v.proof] as const);

  it.each(cases)('%i → %i: generates the published proof, which verifies', (size1, size2, proof) => {
    expect(toHex(log8.consistencyProof(size1, size2))).toEqual(proof);
    expect(verifyConsistency(size1, size2, root8(size1), root8(size2), proof.map(hex))).toBe(true);
  });

  it.each(cases.filter(([, , proof]) => proof.length > 0))(
    '%i → %i: rejects every corruption of corruptConsistencyProof',
    (size1, size2, proof) => {
      for (const [desc, args] of corruptConsistency(size1, size2, root8(size1), root8(size2), proof.map(hex))) {
        expect([desc, verifyConsistency(...args)]).toEqual([desc, false]);
      }
    },
  );

  // TestVerifyConsistency, with one deliberate difference: Go accepts the trivial cases with arbitrary "don't care"
  // byte strings as roots; we require 32-byte hashes and the empty-tree hash for size 0.
  const [x, y] = [hex('11'.repeat(32)), hex('22'.repeat(32))];
  it.each<[number, number, Buffer, Buffer, Buffer[], boolean]>([
    [0, 0, x, y, [], false],
    [1, 1, x, y, [], false],
    [0, 0, emptyTreeHash, emptyTreeHash, [], true],
    [0, 1, emptyTreeHash, y, [], true],
    [1, 1, y, y, [], true],
    [1, 0, x, y, [], false],
    [2, 1, x, y, [], false],
    [1, 2, x, y, [], false],
    [0, 0, emptyTreeHash, y, [], false],
    [1, 1, emptyTreeHash, y, [], false],
    [0, 0, emptyTreeHash, emptyTreeHash, [emptyTreeHash], false],
    [0, 1, emptyTreeHash, emptyTreeHash, [emptyTreeHash], false],
    [1, 1, emptyTreeHash, emptyTreeHash, [emptyTreeHash], false],
    [0, 0, x, x, [], false], // Go: accepted ("don't care" root for size 0)
    [0, 1, x, y, [], false], // Go: accepted
  ])('trivial sizes %i → %i (row %#) verify as %s', (from, to, fromRoot, toRoot, proof, expected) => {
    expect(verifyConsistency(from, to, fromRoot, toRoot, proof)).toBe(expected);
  });

  it.each(vectors.testdataProbes.consistency)('testdata probe $path', ({ probe }) => {
    const proof = (probe.proof ?? []).map(b64);
    expect(verifyConsistency(probe.size1, probe.size2, b64(probe.root1), b64(probe.root2), proof)).toBe(!probe.wantErr);
  });
});

describe('proof plans — transparency-dev/merkle proof/proof_test.go', () => {
  // Go lists a rehashed group bottom-up (right-most subtree first); plans list each group left to right.
  const expectedGroups = (ids: number[][], rehash: number[] | null): number[][][] => {
    const [begin, end] = rehash ?? [ids.length, ids.length];
    return [
      ...ids.slice(0, begin).map((id) => [id]),
      ...(begin! < end! ? [ids.slice(begin, end).reverse()] : []),
      ...ids.slice(end).map((id) => [id]),
    ];
  };
  const groupsOf = (plan: ProofPlan): number[][][] => {
    let offset = 0;
    return plan.groups.map((count) => {
      const group = plan.nodes.slice(offset, offset + count).map(({ level, index }) => [level, index]);
      offset += count;
      return group;
    });
  };

  it.each(vectors.inclusionNodes)('inclusion index $index in size $size', (v) => {
    if ('wantErr' in v) {
      expect(() => inclusionProofPlan(v.index, v.size)).toThrow(RangeError);
    } else {
      expect(groupsOf(inclusionProofPlan(v.index, v.size))).toEqual(expectedGroups(v.ids!, v.rehash!));
    }
  });

  it.each(vectors.consistencyNodes)('consistency $size1 → $size2', (v) => {
    if ('wantErr' in v) {
      expect(() => consistencyProofPlan(v.size1, v.size2)).toThrow(RangeError);
    } else {
      expect(groupsOf(consistencyProofPlan(v.size1, v.size2))).toEqual(expectedGroups(v.ids!, v.rehash!));
    }
  });

  it('assembles a plan from one batch of fetched hashes, as an asynchronous store would', async () => {
    const plan = inclusionProofPlan(2, 7);
    const fetched = await Promise.resolve(plan.nodes.map(({ level, index }) => hex(vectors.nodeHashes[level]![index]!)));
    expect(assembleProof(plan, fetched)).toEqual(log8.inclusionProof(2, 7));
    expect(() => assembleProof(plan, fetched.slice(1))).toThrow(RangeError);
  });

  it('refuses to generate proofs for impossible parameters', () => {
    expect(() => inclusionProofPlan(-1, 4)).toThrow(RangeError);
    expect(() => inclusionProofPlan(0.5, 4)).toThrow(RangeError);
    expect(() => inclusionProofPlan(0, 2 ** 53)).toThrow(RangeError);
    expect(() => consistencyProofPlan(3, 2)).toThrow(RangeError);
    expect(() => log8.inclusionProof(0, 9)).toThrow(RangeError);
    expect(() => log8.consistencyProof(1, 9)).toThrow(RangeError);
    expect(() => rootFromLeafHashes([Buffer.alloc(31)])).toThrow(TypeError);
  });

  it('needs O(log n) stored subtrees per proof, even at the largest sizes', () => {
    const size = 2 ** 53 - 1;
    expect(frontierNodeIds(size)).toHaveLength(53);
    expect(inclusionProofPlan(size - 1, size).nodes.length).toBeLessThanOrEqual(2 * 53);
    expect(consistencyProofPlan(2 ** 52 + 12345, size).nodes.length).toBeLessThanOrEqual(2 * 53);
  });
});

describe('verifiers never throw and never accept malformed input', () => {
  const proof = log8.inclusionProof(5, 7);
  const leaf = leaves[5]!;
  const root = log8.root(7);

  it.each<[string, Parameters<typeof verifyInclusion>]>([
    ['index equal to the size', [7, 7, leaf, proof, root]],
    ['index beyond the size', [9, 7, leaf, proof, root]],
    ['negative index', [-1, 7, leaf, proof, root]],
    ['fractional index', [5.5, 7, leaf, proof, root]],
    ['NaN size', [5, NaN, leaf, proof, root]],
    ['unsafe size', [5, 2 ** 53, leaf, proof, root]],
    ['string size', [5, '7' as unknown as number, leaf, proof, root]],
    ['31-byte leaf hash', [5, 7, leaf.subarray(1), proof, root]],
    ['33-byte root', [5, 7, leaf, proof, Buffer.concat([root, Buffer.alloc(1)])]],
    ['short proof element', [5, 7, leaf, [proof[0]!.subarray(0, 31), ...proof.slice(1)], root]],
    ['non-buffer proof element', [5, 7, leaf, [proof[0]!.toString('hex') as unknown as Buffer], root]],
    ['proof that is not an array', [5, 7, leaf, { length: 0 } as unknown as Buffer[], root]],
    ['null everything', [null, null, null, null, null] as unknown as Parameters<typeof verifyInclusion>],
  ])('inclusion: %s', (_desc, args) => {
    expect(verifyInclusion(...args)).toBe(false);
  });

  it.each<[string, Parameters<typeof verifyConsistency>]>([
    ['from > to', [7, 5, log8.root(7), log8.root(5), log8.consistencyProof(5, 7)]],
    ['negative from', [-5, 7, log8.root(5), log8.root(7), log8.consistencyProof(5, 7)]],
    ['fractional to', [5, 7.5, log8.root(5), log8.root(7), log8.consistencyProof(5, 7)]],
    ['31-byte root', [5, 7, log8.root(5).subarray(1), log8.root(7), log8.consistencyProof(5, 7)]],
    ['33-byte proof element', [5, 7, log8.root(5), log8.root(7), [Buffer.alloc(33), ...log8.consistencyProof(5, 7)]]],
    [
      'undefined everything',
      [undefined, undefined, undefined, undefined, undefined] as unknown as Parameters<typeof verifyConsistency>,
    ],
  ])('consistency: %s', (_desc, args) => {
    expect(verifyConsistency(...args)).toBe(false);
  });

  it('returns false, without throwing, for arbitrary values', () => {
    const hashLike = fc.oneof(fc.anything(), fc.uint8Array({ minLength: 32, maxLength: 32 }));
    const size = fc.oneof(fc.anything(), fc.integer({ min: -2, max: 20 }));
    const path = fc.oneof(fc.anything(), fc.array(hashLike, { maxLength: 6 }));
    fc.assert(
      fc.property(size, size, hashLike, path, hashLike, (a, b, h, p, r) => {
        const call = () => [
          verifyInclusion(a as number, b as number, h as Buffer, p as Buffer[], r as Buffer),
          verifyConsistency(a as number, b as number, h as Buffer, r as Buffer, p as Buffer[]),
        ];
        expect(call).not.toThrow();
        expect(call()).toEqual([false, false]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('differential tests against a naive recursive RFC 9162 implementation', () => {
  const N = 10_000;
  const data = Array.from({ length: N }, (_, i) => leafHash(Buffer.from(`entry-${i}`)));

  // RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 written as literally as possible; MTH memoized across calls.
  const memo = new Map<number, Buffer>();
  const split = (n: number): number => {
    let k = 1;
    while (k * 2 < n) k *= 2;
    return k;
  };
  const mth = (start: number, end: number): Buffer => {
    if (end === start) return createHash('sha256').digest();
    if (end - start === 1) return data[start]!;
    const key = start * (N + 1) + end;
    let hash = memo.get(key);
    if (hash === undefined) {
      const k = split(end - start);
      hash = createHash('sha256')
        .update(Buffer.from([1]))
        .update(mth(start, start + k))
        .update(mth(start + k, end))
        .digest();
      memo.set(key, hash);
    }
    return hash;
  };
  const path = (m: number, start: number, end: number): Buffer[] => {
    if (end - start === 1) return [];
    const k = split(end - start);
    return m < k ? [...path(m, start, start + k), mth(start + k, end)] : [...path(m - k, start + k, end), mth(start, start + k)];
  };
  const subproof = (m: number, start: number, end: number, b: boolean): Buffer[] => {
    if (m === end - start) return b ? [] : [mth(start, end)];
    const k = split(end - start);
    return m <= k
      ? [...subproof(m, start, start + k, b), mth(start + k, end)]
      : [...subproof(m - k, start + k, end, false), mth(start, start + k)];
  };

  const log = new InMemoryMerkleLog();
  data.forEach((hash) => log.append(hash));
  const store = InMemorySubtreeStore.fromLeafHashes(data);

  const size = fc.integer({ min: 1, max: N });
  const sizeAndIndex = size.chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 })));
  const fromAndTo = size.chain((to) => fc.tuple(fc.integer({ min: 1, max: to }), fc.constant(to)));

  it('computes the same roots: incrementally, from stored subtrees, and from a leaf list', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: N }), (n) => {
        const expected = mth(0, n);
        expect(log.root(n)).toEqual(expected);
        expect(rootAt(n, store)).toEqual(expected);
        expect(rootFromLeafHashes(data.slice(0, n))).toEqual(expected);
      }),
      { numRuns: 40 },
    );
    expect(log.root()).toEqual(mth(0, N));
  });

  it('generates the same inclusion proofs, which verify', () => {
    fc.assert(
      fc.property(sizeAndIndex, ([n, m]) => {
        const proof = inclusionProof(m, n, store);
        expect(proof).toEqual(path(m, 0, n));
        expect(verifyInclusion(m, n, data[m]!, proof, mth(0, n))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('generates the same consistency proofs, which verify', () => {
    fc.assert(
      fc.property(fromAndTo, ([from, to]) => {
        const proof = consistencyProof(from, to, store);
        expect(proof).toEqual(from === to ? [] : subproof(from, 0, to, true));
        expect(verifyConsistency(from, to, mth(0, from), mth(0, to), proof)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  const mutations = (proof: Buffer[], root: Buffer, i: number, bit: number): [string, Buffer[]][] => {
    const at = proof.length === 0 ? 0 : i % proof.length;
    return [
      ['extended with a random hash', [...proof, randomBytes(32)]],
      ['extended with the root', [...proof, root]],
      ['prefixed with the root', [root, ...proof]],
      ['an element duplicated', proof.length === 0 ? [root] : [...proof.slice(0, at + 1), ...proof.slice(at)]],
      ...(proof.length === 0
        ? []
        : ([
            ['truncated', proof.slice(0, -1)],
            ['an element removed', proof.filter((_, j) => j !== at)],
            ['a bit flipped', proof.map((h, j) => (j === at ? flipAnyBit(h, bit) : h))],
            ['two elements swapped', proof.length > 1 ? swap(proof, at, (at + 1) % proof.length) : [root]],
          ] as [string, Buffer[]][])),
    ];
  };
  const flipAnyBit = (hash: Buffer, bit: number): Buffer => {
    const copy = Buffer.from(hash);
    copy[(bit >> 3) % 32]! ^= 1 << (bit & 7);
    return copy;
  };
  const swap = (proof: Buffer[], a: number, b: number): Buffer[] =>
    proof.map((h, j) => (j === a ? proof[b]! : j === b ? proof[a]! : h));

  it('rejects forged inclusion proofs: altered path, other leaf index, other leaf, other root, halved/doubled size', () => {
    fc.assert(
      fc.property(sizeAndIndex, fc.nat(), fc.nat(255), fc.nat(N), ([n, m], i, bit, other) => {
        const proof = inclusionProof(m, n, store);
        const root = mth(0, n);
        for (const [desc, forged] of mutations(proof, root, i, bit)) {
          expect([desc, verifyInclusion(m, n, data[m]!, forged, root)]).toEqual([desc, false]);
        }
        const otherIndex = (m + 1 + (other % n)) % n;
        if (otherIndex !== m) expect(verifyInclusion(otherIndex, n, data[m]!, proof, root)).toBe(false);
        if (otherIndex !== m) expect(verifyInclusion(m, n, data[otherIndex]!, proof, root)).toBe(false);
        if (other !== n) expect(verifyInclusion(m, n, data[m]!, proof, mth(0, other))).toBe(false);
        expect(verifyInclusion(m, n * 2, data[m]!, proof, root)).toBe(false);
        expect(verifyInclusion(m, Math.floor(n / 2), data[m]!, proof, root)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects forged consistency proofs: altered path, swapped roots, other roots, other old size', () => {
    fc.assert(
      fc.property(fromAndTo, fc.nat(), fc.nat(255), fc.nat(N), ([from, to], i, bit, other) => {
        fc.pre(from < to);
        const proof = consistencyProof(from, to, store);
        const [r1, r2] = [mth(0, from), mth(0, to)];
        for (const [desc, forged] of mutations(proof, r2, i, bit)) {
          expect([desc, verifyConsistency(from, to, r1, r2, forged)]).toEqual([desc, false]);
        }
        expect(verifyConsistency(from, to, r2, r1, proof)).toBe(false);
        if (other !== from) expect(verifyConsistency(from, to, mth(0, other), r2, proof)).toBe(false);
        if (other !== to) expect(verifyConsistency(from, to, r1, mth(0, other), proof)).toBe(false);
        for (const wrongFrom of [from - 1, from + 1, from ^ 2]) {
          if (wrongFrom !== from) expect(verifyConsistency(wrongFrom, to, r1, r2, proof)).toBe(false);
        }
        expect(verifyConsistency(from, to * 2, r1, r2, proof)).toBe(false);
        expect(verifyConsistency(from, Math.floor(to / 2), r1, r2, proof)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  // RFC 9162 verification derives only the *shape* of the path from the tree size, and neighbouring sizes often share
  // a shape: a proof for (m, n) also "verifies" for (m, n ± 1) against the root of size n. The size is authenticated
  // by the signed checkpoint that pairs it with its root; against the genuine root of the claimed size it fails.
  it('authenticates the tree size through the (size, root) pair only', () => {
    expect(verifyInclusion(0, 4, data[0]!, path(0, 0, 3), mth(0, 3))).toBe(true);
    fc.assert(
      fc.property(sizeAndIndex, fc.integer({ min: -3, max: 3 }), ([n, m], delta) => {
        const claimed = n + delta;
        fc.pre(delta !== 0 && claimed > m && claimed <= N);
        expect(verifyInclusion(m, claimed, data[m]!, path(m, 0, n), mth(0, claimed))).toBe(false);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fromAndTo, fc.integer({ min: -3, max: 3 }), ([from, to], delta) => {
        const claimed = to + delta;
        fc.pre(from < to && delta !== 0 && claimed > from && claimed <= N);
        const proof = subproof(from, 0, to, true);
        expect(verifyConsistency(from, claimed, mth(0, from), mth(0, claimed), proof)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('serves proofs for every past size of the live log', () => {
    const small = new InMemoryMerkleLog();
    for (let n = 1; n <= 70; n++) {
      small.append(data[n - 1]!);
      const from = Math.ceil(n / 3);
      expect(small.root()).toEqual(mth(0, n));
      expect(verifyConsistency(from, n, small.root(from), small.root(), small.consistencyProof(from))).toBe(true);
      for (let m = 0; m < n; m++) {
        expect(verifyInclusion(m, n, data[m]!, small.inclusionProof(m), small.root())).toBe(true);
      }
    }
  });
});
