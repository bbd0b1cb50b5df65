// The ledger's entries as a history of integration events, in ledger order, for rebuilding read models
// (`npx credit-share replay`, PRODUCT.md §3.8). Read models are only rebuilt from a history that verifies: the leaves
// are recomputed into the root of a checkpoint signed by the ledger's key, and a mismatch anywhere throws after the
// last batch — the rebuild, one transaction, then rolls back.
import type { IntegrationEvent } from '@credit-share/contracts';
import { parseLeaf } from './audit-entry';
import { appendLeaves, emptyFrontier, frontierRoot, leafHash } from './merkle';
import { verifyCheckpoint, type Checkpoint, type NoteVerifier } from './signed-note';

export interface LeafSource {
  entries(start: number, end: number): Promise<readonly { index: number; leaf: Buffer }[]>;
}

export class LedgerHistoryError extends Error {
  override name = 'LedgerHistoryError';
}

export interface HistoryOptions {
  /** Only events that arrived on these topics (what the rebuilt consumer subscribes to). */
  topics?: ReadonlySet<string>;
  pageSize?: number;
  /** Reports how far the history was read (entries) and its size. */
  onRead?: (read: number, treeSize: number) => void;
}

export async function* verifiedHistory(
  source: LeafSource,
  checkpoint: Checkpoint,
  verifiers: readonly NoteVerifier[],
  options: HistoryOptions = {},
): AsyncGenerator<IntegrationEvent[]> {
  if (!verifyCheckpoint(checkpoint, verifiers)) {
    throw new LedgerHistoryError(`the ledger's checkpoint of tree size ${checkpoint.treeSize} is not signed by its key`);
  }
  const pageSize = options.pageSize ?? 5_000;
  let frontier = emptyFrontier;
  for (let start = 0; start < checkpoint.treeSize;) {
    const entries = await source.entries(start, Math.min(checkpoint.treeSize, start + pageSize));
    if (entries.length === 0) throw new LedgerHistoryError(`ledger entry ${start} is missing`);
    const events: IntegrationEvent[] = [];
    for (const { index, leaf } of entries) {
      if (index !== start) throw new LedgerHistoryError(`ledger entry ${start} is missing or out of order`);
      const parsed = parseLeaf(leaf);
      if (!parsed.ok) throw new LedgerHistoryError(`ledger entry ${index}: ${parsed.problem}`);
      frontier = appendLeaves(frontier, [leafHash(leaf)]).frontier;
      if (!options.topics || options.topics.has(parsed.entry.topic)) events.push(parsed.entry.event);
      start++;
    }
    options.onRead?.(start, checkpoint.treeSize);
    yield events;
  }
  if (!frontierRoot(frontier).equals(Buffer.from(checkpoint.rootHash, 'base64'))) {
    throw new LedgerHistoryError(
      `the ledger's entries do not match its signed checkpoint of tree size ${checkpoint.treeSize}; ` +
        'nothing was rebuilt — run `npx credit-share audit verify` to find the first bad entry',
    );
  }
}
