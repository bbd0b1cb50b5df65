// The browser's verifier against the audit ledger's own tree (apps/audit-ledger merkle.ts): every leaf of trees of
// every size up to 20 verifies, and any change to the leaf, the path, the index or the root is refused.
import { inclusionProof, rootFromLeafHashes, leafHash as ledgerLeafHash } from '../../../../../audit-ledger/src/ledger/merkle';
import { fromBase64, toBase64, verifyInclusion } from './inclusion';

const leaves = Array.from({ length: 20 }, (_, i) => new TextEncoder().encode(`{"leaf":${i}}`));
const hashes = leaves.map((l) => ledgerLeafHash(l));
const reader = (level: number, index: number) => {
  // The subtree hash of 2^level leaves starting at index·2^level.
  const from = index * 2 ** level;
  return rootFromLeafHashes(hashes.slice(from, from + 2 ** level));
};

describe('RFC 9162 inclusion proof in the browser (WebCrypto)', () => {
  it("accepts every leaf of every tree size with the ledger's proofs", async () => {
    for (let size = 1; size <= leaves.length; size++) {
      const root = rootFromLeafHashes(hashes.slice(0, size));
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(index, size, { subtreeHashes: (nodes) => nodes.map((n) => reader(n.level, n.index)) });
        expect(await verifyInclusion(index, size, leaves[index]!, proof, root)).toBe(true);
      }
    }
  });

  it('refuses a changed leaf, path, index, size or root', async () => {
    const size = 13;
    const index = 6;
    const root = rootFromLeafHashes(hashes.slice(0, size));
    const proof = inclusionProof(index, size, { subtreeHashes: (nodes) => nodes.map((n) => reader(n.level, n.index)) });
    expect(await verifyInclusion(index, size, leaves[7]!, proof, root)).toBe(false);
    expect(await verifyInclusion(index + 1, size, leaves[index]!, proof, root)).toBe(false);
    expect(await verifyInclusion(index, 8, leaves[index]!, proof, root)).toBe(false);
    expect(await verifyInclusion(index, size, leaves[index]!, proof.slice(1), root)).toBe(false);
    const tampered = proof.map((p, i) => (i === 1 ? Uint8Array.from(p, (b, j) => (j === 0 ? b ^ 1 : b)) : p));
    expect(await verifyInclusion(index, size, leaves[index]!, tampered, root)).toBe(false);
    expect(await verifyInclusion(index, size, leaves[index]!, proof, rootFromLeafHashes(hashes.slice(0, 12)))).toBe(false);
    expect(await verifyInclusion(size, size, leaves[index]!, proof, root)).toBe(false);
  });

  it('round-trips base64', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
  });
});
