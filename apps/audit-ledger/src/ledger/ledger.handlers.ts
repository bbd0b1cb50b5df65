// Reads of the audit ledger. A proof is planned from the sizes alone, its subtree hashes fetched in one indexed
// query, then folded (merkle.ts): O(log n) primary-key reads per proof, whatever the size of the log.
import { DomainError } from '@credit-share/contracts';
import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { MAX_CHECKPOINTS_PER_PAGE, MAX_ENTRIES_PER_PAGE } from './ledger.dto';
import { LedgerRepository, type StoredCheckpoint } from './ledger.repository';
import { assembleProof, consistencyProofPlan, inclusionProofPlan } from './merkle';
import { formatVerifierKey, type NoteSigner } from './signed-note';

export const LEDGER_SIGNER = Symbol('LedgerSigner');

export class GetLatestCheckpointQuery extends Query<StoredCheckpoint> {}

export class ListCheckpointsQuery extends Query<{ checkpoints: StoredCheckpoint[] }> {
  constructor(
    readonly start = 1,
    readonly limit = MAX_CHECKPOINTS_PER_PAGE,
  ) {
    super();
  }
}

export class GetEntriesQuery extends Query<{ entries: { index: number; leaf: string }[] }> {
  constructor(
    readonly start: number,
    readonly end: number | undefined,
  ) {
    super();
  }
}

export class GetInclusionProofQuery extends Query<{ leafIndex: number; treeSize: number; hashes: string[] }> {
  constructor(
    readonly index: number,
    readonly treeSize: number | undefined,
  ) {
    super();
  }
}

export class GetConsistencyProofQuery extends Query<{ from: number; to: number; hashes: string[] }> {
  constructor(
    readonly from: number,
    readonly to: number,
  ) {
    super();
  }
}

export class GetLedgerKeyQuery extends Query<{ name: string; keyId: string; verifierKey: string }> {}

const b64 = (hashes: readonly Buffer[]): string[] => hashes.map((h) => h.toString('base64'));

// The sequencer signs the empty tree's checkpoint when it first starts; until then there is nothing to prove.
const noCheckpointYet = () =>
  DomainError.notFound('AUDIT.NO_CHECKPOINT_YET', 'the ledger has not signed its first checkpoint yet');

async function latestOf(repository: LedgerRepository): Promise<StoredCheckpoint> {
  const latest = await repository.latestCheckpoint();
  if (!latest) throw noCheckpointYet();
  return latest;
}

/** The latest signed tree size, or at least `wanted` if a tree of that size is signed (no look-up then). */
async function signedSize(repository: LedgerRepository, wanted?: number): Promise<number> {
  const size = await repository.signedTreeSize(wanted);
  if (size === null) throw noCheckpointYet();
  return size;
}

function beyondLog(field: string, value: number, treeSize: number): DomainError {
  const message = `${field} ${value} is beyond the ledger's latest signed tree size ${treeSize}`;
  return DomainError.validation('AUDIT.BEYOND_LOG', message, [{ field, code: 'BEYOND_LOG', message }]);
}

@QueryHandler(GetLatestCheckpointQuery)
export class GetLatestCheckpointHandler implements IQueryHandler<GetLatestCheckpointQuery> {
  constructor(private readonly repository: LedgerRepository) {}

  execute(): Promise<StoredCheckpoint> {
    return latestOf(this.repository);
  }
}

@QueryHandler(ListCheckpointsQuery)
export class ListCheckpointsHandler implements IQueryHandler<ListCheckpointsQuery> {
  constructor(private readonly repository: LedgerRepository) {}

  async execute({ start, limit }: ListCheckpointsQuery) {
    return { checkpoints: await this.repository.checkpoints(start, Math.min(limit, MAX_CHECKPOINTS_PER_PAGE)) };
  }
}

@QueryHandler(GetEntriesQuery)
export class GetEntriesHandler implements IQueryHandler<GetEntriesQuery> {
  constructor(private readonly repository: LedgerRepository) {}

  async execute({ start, end }: GetEntriesQuery) {
    const last = Math.min(end ?? start + MAX_ENTRIES_PER_PAGE, start + MAX_ENTRIES_PER_PAGE);
    if (last < start) {
      const message = `end ${last} is before start ${start}`;
      throw DomainError.validation('AUDIT.EMPTY_RANGE', message, [{ field: 'end', code: 'BEFORE_START', message }]);
    }
    // What is stored, as stored: a verifier must see rows exactly as they are, including rows nobody should have added.
    const entries = await this.repository.entries(start, last);
    return { entries: entries.map((e) => ({ index: e.index, leaf: e.leaf.toString('base64') })) };
  }
}

@QueryHandler(GetInclusionProofQuery)
export class GetInclusionProofHandler implements IQueryHandler<GetInclusionProofQuery> {
  constructor(private readonly repository: LedgerRepository) {}

  async execute({ index, treeSize }: GetInclusionProofQuery) {
    const signed = await signedSize(this.repository, treeSize);
    const size = treeSize ?? signed;
    if (size > signed) throw beyondLog('treeSize', size, signed);
    if (index >= size) throw beyondLog('index', index, size - 1);
    const plan = inclusionProofPlan(index, size);
    const hashes = assembleProof(plan, await this.repository.subtreeHashes(plan.nodes));
    return { leafIndex: index, treeSize: size, hashes: b64(hashes) };
  }
}

@QueryHandler(GetConsistencyProofQuery)
export class GetConsistencyProofHandler implements IQueryHandler<GetConsistencyProofQuery> {
  constructor(private readonly repository: LedgerRepository) {}

  async execute({ from, to }: GetConsistencyProofQuery) {
    const signed = await signedSize(this.repository, to);
    if (to > signed) throw beyondLog('to', to, signed);
    if (from > to) {
      const message = `from ${from} is greater than to ${to}`;
      throw DomainError.validation('AUDIT.FROM_AFTER_TO', message, [{ field: 'from', code: 'AFTER_TO', message }]);
    }
    const plan = consistencyProofPlan(from, to);
    const hashes = assembleProof(plan, await this.repository.subtreeHashes(plan.nodes));
    return { from, to, hashes: b64(hashes) };
  }
}

@QueryHandler(GetLedgerKeyQuery)
export class GetLedgerKeyHandler implements IQueryHandler<GetLedgerKeyQuery> {
  constructor(@Inject(LEDGER_SIGNER) private readonly signer: NoteSigner) {}

  async execute() {
    const { name, keyHash } = this.signer;
    return { name, keyId: `${name}+${keyHash.toString(16).padStart(8, '0')}`, verifierKey: formatVerifierKey(this.signer) };
  }
}
