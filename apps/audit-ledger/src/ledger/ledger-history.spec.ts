// The ledger's entries as a history for rebuilding read models: yielded in ledger order (filtered by topic), and only
// accepted in the end if they recompute the signed root.
import { topicOf, type IntegrationEvent } from '@credit-share/contracts';
import { auditEntryOf, leafBytesOf } from './audit-entry';
import { syntheticEvent } from './integration-event.fixture';
import { LedgerHistoryError, verifiedHistory, type LeafSource } from './ledger-history';
import { InMemoryMerkleLog, leafHash } from './merkle';
import { generateNoteKeys, parseSignerKey, parseVerifierKey, signCheckpoint } from './signed-note';

const keys = generateNoteKeys('test.credit-share/audit-ledger');
const signer = parseSignerKey(keys.signerKey);
const verifier = parseVerifierKey(keys.verifierKey);
const events = Array.from({ length: 23 }, (_, i) => syntheticEvent(i));
const leaves = events.map((e) => leafBytesOf(auditEntryOf(topicOf(e.producer as never), e)));
const log = new InMemoryMerkleLog();
leaves.forEach((leaf) => log.append(leafHash(leaf)));
const checkpoint = signCheckpoint({ treeSize: 20, rootHash: log.root(20), timestamp: new Date('2026-11-26T08:00:00Z') }, signer);

const sourceOf = (stored: Buffer[]): LeafSource => ({
  entries: async (start, end) => stored.slice(start, end).map((leaf, i) => ({ index: start + i, leaf })),
});

async function collect(history: AsyncIterable<IntegrationEvent[]>): Promise<IntegrationEvent[]> {
  const all: IntegrationEvent[] = [];
  for await (const batch of history) all.push(...batch);
  return all;
}

describe('verifiedHistory', () => {
  it('yields the events up to the signed checkpoint, in ledger order, in pages', async () => {
    const pages: number[] = [];
    const read = await collect(
      verifiedHistory(sourceOf(leaves), checkpoint, [verifier], { pageSize: 6, onRead: (n) => pages.push(n) }),
    );
    expect(read).toEqual(events.slice(0, 20));
    expect(pages).toEqual([6, 12, 18, 20]);
  });

  it('yields only the events of the given topics', async () => {
    const topics = new Set([topicOf('credit-records')]);
    const read = await collect(verifiedHistory(sourceOf(leaves), checkpoint, [verifier], { topics }));
    expect(read).toEqual(events.slice(0, 20).filter((e) => e.producer === 'credit-records'));
  });

  it('throws, after the last page, when the entries do not recompute the signed root', async () => {
    const tampered = [...leaves];
    [tampered[3], tampered[4]] = [tampered[4]!, tampered[3]!];
    await expect(collect(verifiedHistory(sourceOf(tampered), checkpoint, [verifier]))).rejects.toThrow(
      /do not match its signed checkpoint/,
    );
  });

  it('throws on a missing or malformed entry, and on a checkpoint the key did not sign', async () => {
    await expect(collect(verifiedHistory(sourceOf(leaves.slice(0, 9)), checkpoint, [verifier]))).rejects.toThrow(
      'ledger entry 9 is missing',
    );
    const broken = [...leaves];
    broken[5] = Buffer.from('{"not":"an entry"}');
    await expect(collect(verifiedHistory(sourceOf(broken), checkpoint, [verifier]))).rejects.toThrow(LedgerHistoryError);
    const other = parseVerifierKey(generateNoteKeys('test.credit-share/audit-ledger').verifierKey);
    await expect(collect(verifiedHistory(sourceOf(leaves), checkpoint, [other]))).rejects.toThrow(/not signed by its key/);
  });
});
