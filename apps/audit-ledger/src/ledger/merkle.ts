// RFC 9162 (Certificate Transparency 2.0) §2.1 Merkle tree hashing, proofs and verification, so that any outside
// RFC 9162 / RFC 6962 verifier can check the audit ledger (PRODUCT.md §3.8).
//
// Storage model: every *perfect* subtree [index·2^level, (index+1)·2^level) is hashed once, when its last leaf is
// appended, and stored under (level, index). Such a node never changes afterwards, so one table of perfect-subtree
// hashes serves proofs and roots for every past tree size. Proof generation is split in two pure steps so a database
// can answer it in a single round trip: plan the node ids (`inclusionProofPlan`, `consistencyProofPlan`), fetch their
// hashes in one query, then fold them (`assembleProof`).
//
// Sizes and indices are JavaScript numbers restricted to safe integers (< 2^53). The arithmetic below uses division
// and remainder rather than bitwise operators, which would truncate to 32 bits.
import { createHash } from 'node:crypto';

export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** RFC 9162 §2.1.1: MTH({d(0)}) = SHA-256(0x00 ‖ d(0)). */
export function leafHash(leaf: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();
}

/** RFC 9162 §2.1.1: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** RFC 9162 §2.1.1: the hash of an empty list is the hash of the empty string. */
export function emptyRoot(): Buffer {
  return createHash('sha256').digest();
}

/** A perfect subtree covering leaves [index·2^level, (index+1)·2^level). */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

export interface SubtreeNode extends NodeId {
  readonly hash: Buffer;
}

/**
 * Read access to stored perfect-subtree hashes, e.g. a PostgreSQL table keyed by (level, index).
 * Returns the hashes in the order of `ids`; must throw if any is missing.
 * Asynchronous stores use `inclusionProofPlan`/`consistencyProofPlan` + `assembleProof` directly.
 */
export interface SubtreeHashReader {
  subtreeHashes(ids: readonly NodeId[]): Buffer[];
}

/**
 * The perfect subtrees a proof is made of. Proof element i is the root of the subtree formed by the next
 * `groups[i]` nodes (listed left to right, largest first); a group of more than one node is a right-edge subtree
 * that is not perfect in the requested tree size.
 */
export interface ProofPlan {
  readonly nodes: readonly NodeId[];
  readonly groups: readonly number[];
}

// ---------------------------------------------------------------------------------------------------------------
// Roots

/**
 * MTH of a contiguous list of perfect-subtree hashes that together form an RFC 9162 tree or subtree, left to right
 * (largest first): the right-most subtrees are combined first, following the split rule of §2.1.1.
 */
export function foldSubtreeHashes(hashes: readonly Buffer[]): Buffer {
  if (hashes.length === 0) return emptyRoot();
  let root = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) root = nodeHash(hashes[i]!, root);
  return root;
}

/** MTH(D[n]) from the n leaf hashes, iteratively in O(n) time and O(log n) memory. */
export function rootFromLeafHashes(hashes: readonly Buffer[]): Buffer {
  const stack: Buffer[] = [];
  hashes.forEach((hash, i) => {
    assertHash(hash, `leaf hash ${i}`);
    let merged = hash;
    // Appending leaf i completes one perfect subtree per trailing 1-bit of i.
    for (let n = i; n % 2 === 1; n = (n - 1) / 2) merged = nodeHash(stack.pop()!, merged);
    stack.push(merged);
  });
  return foldSubtreeHashes(stack);
}

/** The perfect subtrees that make up a tree of `treeSize` leaves, left to right: one per set bit of the size. */
export function frontierNodeIds(treeSize: number): NodeId[] {
  assertSize(treeSize, 'treeSize');
  return rangeNodeIds(0, treeSize);
}

/** MTH of the first `treeSize` leaves, from the stored perfect subtrees (at most 53 lookups). */
export function rootAt(treeSize: number, reader: SubtreeHashReader): Buffer {
  const ids = frontierNodeIds(treeSize);
  return foldSubtreeHashes(ids.length === 0 ? [] : fetch(reader, ids));
}

// ---------------------------------------------------------------------------------------------------------------
// Appending: the frontier (compact range [0, size)) is the list of perfect subtree roots, one per set bit of size.

export interface Frontier {
  readonly size: number;
  readonly hashes: readonly Buffer[];
}

export const emptyFrontier: Frontier = { size: 0, hashes: [] };

/**
 * Appends one leaf hash. `created` lists the perfect subtrees completed by this leaf (the leaf itself first); storing
 * them is all a subtree store needs to serve every later proof.
 */
export function appendLeaf(frontier: Frontier, hash: Buffer): { frontier: Frontier; created: SubtreeNode[] } {
  assertHash(hash, 'leaf hash');
  const hashes = frontier.hashes.slice();
  let node: SubtreeNode = { level: 0, index: frontier.size, hash };
  const created = [node];
  for (let n = frontier.size; n % 2 === 1; n = (n - 1) / 2) {
    node = { level: node.level + 1, index: (node.index - 1) / 2, hash: nodeHash(hashes.pop()!, node.hash) };
    created.push(node);
  }
  hashes.push(node.hash);
  return { frontier: { size: frontier.size + 1, hashes }, created };
}

/** Appends leaf hashes in order; `created` lists every perfect subtree they complete, as `appendLeaf` does per leaf. */
export function appendLeaves(frontier: Frontier, hashes: readonly Buffer[]): { frontier: Frontier; created: SubtreeNode[] } {
  const created: SubtreeNode[] = [];
  let current = frontier;
  for (const hash of hashes) {
    const next = appendLeaf(current, hash);
    for (const node of next.created) created.push(node);
    current = next.frontier;
  }
  return { frontier: current, created };
}

export function frontierRoot(frontier: Frontier): Buffer {
  return foldSubtreeHashes(frontier.hashes);
}

/** Rebuilds the frontier of a stored log, e.g. at start-up. */
export function frontierAt(treeSize: number, reader: SubtreeHashReader): Frontier {
  const ids = frontierNodeIds(treeSize);
  return { size: treeSize, hashes: ids.length === 0 ? [] : fetch(reader, ids) };
}

// ---------------------------------------------------------------------------------------------------------------
// Proof plans (RFC 9162 §2.1.3.1 PATH and §2.1.4.1 PROOF/SUBPROOF, unrolled into loops)

/** RFC 9162 §2.1.3.1: the subtrees whose roots form PATH(leafIndex, D[treeSize]), bottom-up. */
export function inclusionProofPlan(leafIndex: number, treeSize: number): ProofPlan {
  assertSize(treeSize, 'treeSize');
  assertSize(leafIndex, 'leafIndex');
  if (leafIndex >= treeSize) throw new RangeError(`leafIndex ${leafIndex} is not below treeSize ${treeSize}`);
  // Top-down: at each split keep the side holding the leaf and record the other side's MTH.
  const siblings: [number, number][] = [];
  let start = 0;
  let end = treeSize;
  while (end - start > 1) {
    const k = largestPowerOfTwoBelow(end - start);
    if (leafIndex < start + k) {
      siblings.push([start + k, end]);
      end = start + k;
    } else {
      siblings.push([start, start + k]);
      start += k;
    }
  }
  return planOf(siblings.reverse());
}

/**
 * RFC 9162 §2.1.4.1: the subtrees whose roots form PROOF(from, D[to]), bottom-up. Empty when from is 0 or equal to
 * to: those trees are consistent by definition (§2.1.4.1 defines proofs for 0 < from < to only).
 */
export function consistencyProofPlan(from: number, to: number): ProofPlan {
  assertSize(to, 'to');
  assertSize(from, 'from');
  if (from > to) throw new RangeError(`from ${from} is greater than to ${to}`);
  if (from === 0 || from === to) return { nodes: [], groups: [] };
  const elements: [number, number][] = [];
  let start = 0;
  let end = to;
  let isWholeOldTree = true; // SUBPROOF's flag b: the old tree's root is already known to the verifier
  while (from !== end) {
    const k = largestPowerOfTwoBelow(end - start);
    if (from <= start + k) {
      elements.push([start + k, end]);
      end = start + k;
    } else {
      elements.push([start, start + k]);
      start += k;
      isWholeOldTree = false;
    }
  }
  if (!isWholeOldTree) elements.push([start, end]);
  return planOf(elements.reverse());
}

/** Folds fetched node hashes (in plan order) into the proof's hash list. */
export function assembleProof(plan: ProofPlan, hashes: readonly Buffer[]): Buffer[] {
  if (hashes.length !== plan.nodes.length) {
    throw new RangeError(`expected ${plan.nodes.length} subtree hashes, got ${hashes.length}`);
  }
  hashes.forEach((hash, i) => assertHash(hash, `subtree hash ${i}`));
  const proof: Buffer[] = [];
  let offset = 0;
  for (const count of plan.groups) {
    proof.push(foldSubtreeHashes(hashes.slice(offset, offset + count)));
    offset += count;
  }
  return proof;
}

export function inclusionProof(leafIndex: number, treeSize: number, reader: SubtreeHashReader): Buffer[] {
  const plan = inclusionProofPlan(leafIndex, treeSize);
  return assembleProof(plan, plan.nodes.length === 0 ? [] : fetch(reader, plan.nodes));
}

export function consistencyProof(from: number, to: number, reader: SubtreeHashReader): Buffer[] {
  const plan = consistencyProofPlan(from, to);
  return assembleProof(plan, plan.nodes.length === 0 ? [] : fetch(reader, plan.nodes));
}

// ---------------------------------------------------------------------------------------------------------------
// Verification. Never throws: malformed input of any kind is simply not a valid proof.

/** RFC 9162 §2.1.3.2, step by step. */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isSize(leafIndex) || !isSize(treeSize) || !isHash(leafHash) || !isHash(root) || !isHashList(proof)) {
    return false;
  }
  if (leafIndex >= treeSize) return false; // step 1
  let fn = leafIndex; // step 2
  let sn = treeSize - 1;
  let r: Uint8Array = leafHash; // step 3
  for (const p of proof) {
    // step 4
    if (sn === 0) return false; // 4a
    if (isOdd(fn) || fn === sn) {
      // 4b
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn); // 4c
    sn = half(sn);
  }
  return sn === 0 && Buffer.from(r).equals(root); // step 5
}

/**
 * RFC 9162 §2.1.4.2 for 0 < from < to. The algorithm is undefined outside that range; there we accept exactly what
 * holds by definition: from = to with an empty proof and equal roots, and from = 0 with an empty proof and the
 * empty-tree root (any tree extends the empty tree).
 */
export function verifyConsistency(
  from: number,
  to: number,
  fromRoot: Uint8Array,
  toRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isSize(from) || !isSize(to) || !isHash(fromRoot) || !isHash(toRoot) || !isHashList(proof)) return false;
  if (from > to) return false;
  if (from === to) return proof.length === 0 && Buffer.from(fromRoot).equals(toRoot) && (to > 0 || isEmptyRoot(toRoot));
  if (from === 0) return proof.length === 0 && isEmptyRoot(fromRoot);
  if (proof.length === 0) return false; // step 1
  const path = isPowerOfTwo(from) ? [fromRoot, ...proof] : proof; // step 2
  let fn = from - 1; // step 3
  let sn = to - 1;
  while (isOdd(fn)) {
    // step 4
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Uint8Array = path[0]!; // step 5
  let sr: Uint8Array = path[0]!;
  for (const c of path.slice(1)) {
    // step 6
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return Buffer.from(fr).equals(fromRoot) && Buffer.from(sr).equals(toRoot) && sn === 0; // step 7
}

// ---------------------------------------------------------------------------------------------------------------
// In-memory implementations, for tests and tools. Production stores persist `created` nodes instead.

export class InMemorySubtreeStore implements SubtreeHashReader {
  private readonly levels: Buffer[][] = [];

  static fromLeafHashes(leafHashes: readonly Buffer[]): InMemorySubtreeStore {
    const store = new InMemorySubtreeStore();
    leafHashes.reduce((frontier, hash) => {
      const { frontier: next, created } = appendLeaf(frontier, hash);
      store.put(created);
      return next;
    }, emptyFrontier);
    return store;
  }

  put(nodes: readonly SubtreeNode[]): void {
    for (const { level, index, hash } of nodes) (this.levels[level] ??= [])[index] = hash;
  }

  subtreeHashes(ids: readonly NodeId[]): Buffer[] {
    return ids.map(({ level, index }) => {
      const hash = this.levels[level]?.[index];
      if (hash === undefined) throw new RangeError(`subtree (${level}, ${index}) is not stored`);
      return hash;
    });
  }
}

/** Append-only log with O(log n) append and O(log n) proofs for any past size. */
export class InMemoryMerkleLog {
  private frontier = emptyFrontier;
  private readonly store = new InMemorySubtreeStore();

  get size(): number {
    return this.frontier.size;
  }

  /** Appends the leaf hash; returns its index. */
  append(hash: Buffer): number {
    const { frontier, created } = appendLeaf(this.frontier, hash);
    this.store.put(created);
    this.frontier = frontier;
    return frontier.size - 1;
  }

  root(treeSize = this.size): Buffer {
    this.assertWithin(treeSize);
    return treeSize === this.size ? frontierRoot(this.frontier) : rootAt(treeSize, this.store);
  }

  inclusionProof(leafIndex: number, treeSize = this.size): Buffer[] {
    this.assertWithin(treeSize);
    return inclusionProof(leafIndex, treeSize, this.store);
  }

  consistencyProof(from: number, to = this.size): Buffer[] {
    this.assertWithin(to);
    return consistencyProof(from, to, this.store);
  }

  private assertWithin(treeSize: number): void {
    if (treeSize > this.size) throw new RangeError(`treeSize ${treeSize} exceeds the log size ${this.size}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------

function planOf(ranges: readonly [number, number][]): ProofPlan {
  const nodes: NodeId[] = [];
  const groups: number[] = [];
  for (const [start, end] of ranges) {
    const ids = rangeNodeIds(start, end);
    nodes.push(...ids);
    groups.push(ids.length);
  }
  return { nodes, groups };
}

/**
 * The perfect subtrees of the RFC 9162 subtree D[start:end], largest first. Every subtree the split rule produces
 * starts at a multiple of its largest power-of-two part, so each piece is aligned.
 */
function rangeNodeIds(start: number, end: number): NodeId[] {
  const ids: NodeId[] = [];
  while (start < end) {
    const width = largestPowerOfTwoAtMost(end - start);
    if (start % width !== 0) throw new Error(`internal: [${start}, ${end}) is not an RFC 9162 subtree`);
    ids.push({ level: log2(width), index: start / width });
    start += width;
  }
  return ids;
}

function fetch(reader: SubtreeHashReader, ids: readonly NodeId[]): Buffer[] {
  const hashes = reader.subtreeHashes(ids);
  if (hashes.length !== ids.length) throw new RangeError(`store returned ${hashes.length} of ${ids.length} hashes`);
  return hashes;
}

function largestPowerOfTwoAtMost(n: number): number {
  let power = 1;
  while (power * 2 <= n) power *= 2;
  return power;
}

/** RFC 9162 §2.1.1: k is the largest power of two smaller than n (n > 1). */
function largestPowerOfTwoBelow(n: number): number {
  return largestPowerOfTwoAtMost(n - 1);
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && largestPowerOfTwoAtMost(n) === n;
}

function log2(power: number): number {
  let level = 0;
  for (let p = power; p > 1; p /= 2) level++;
  return level;
}

const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

function isSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === HASH_SIZE;
}

function isHashList(value: unknown): value is readonly Uint8Array[] {
  return Array.isArray(value) && value.every(isHash);
}

function isEmptyRoot(hash: Uint8Array): boolean {
  return emptyRoot().equals(hash);
}

function assertSize(value: number, name: string): void {
  if (!isSize(value)) throw new RangeError(`${name} must be a non-negative safe integer, got ${String(value)}`);
}

function assertHash(value: unknown, name: string): asserts value is Buffer {
  if (!isHash(value)) throw new TypeError(`${name} must be ${HASH_SIZE} bytes`);
}
