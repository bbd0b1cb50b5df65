// SQL of the audit ledger (apps/audit-ledger/src/migrations/001_ledger.sql). Bulk writes pass each column as one
// array, and leaf bytes and hashes as one concatenated bytea (sent in binary, sliced by the server): an array of
// bytea would travel as hex text, twice the bytes and a parse per element.
import type { Queryable } from '@credit-share/event-store';
import { HASH_SIZE, type NodeId, type SubtreeNode } from './merkle';
import type { Checkpoint } from './signed-note';

export interface StoredCheckpoint extends Checkpoint {
  readonly seq: number;
}

export interface LedgerHead {
  readonly treeSize: number;
  readonly rootHash: Buffer;
  readonly checkpointSeq: number;
}

export interface QueuedEntry {
  readonly id: string;
  readonly messageId: string;
  readonly subject: string;
  readonly leaf: Buffer;
}

export interface LedgerEntry {
  readonly index: number;
  readonly leaf: Buffer;
}

export interface SequencedBatch {
  readonly firstIndex: number;
  readonly entries: readonly QueuedEntry[];
  readonly nodes: readonly SubtreeNode[];
  readonly checkpoint: StoredCheckpoint;
}

interface CheckpointRow {
  seq: string;
  tree_size: string;
  root_hash: Buffer;
  signed_at: string;
  key_id: string;
  signature: Buffer;
}

const toCheckpoint = (r: CheckpointRow): StoredCheckpoint => ({
  seq: Number(r.seq),
  treeSize: Number(r.tree_size),
  rootHash: r.root_hash.toString('base64'),
  timestamp: r.signed_at,
  keyId: r.key_id,
  signature: r.signature.toString('base64'),
});

export class LedgerRepository {
  /** The largest signed tree size seen: sizes only grow, so a proof within it needs no look-up. */
  private knownSignedSize = -1;

  constructor(private readonly db: Queryable) {}

  /** The size of the latest signed tree if it is at least `atLeast` (from memory when possible), else the latest. */
  async signedTreeSize(atLeast = Number.MAX_SAFE_INTEGER): Promise<number | null> {
    if (this.knownSignedSize >= atLeast) return this.knownSignedSize;
    const latest = await this.latestCheckpoint();
    return latest ? latest.treeSize : null;
  }

  /** In the consumer's inbox transaction. */
  async enqueue(tx: Queryable, entries: readonly { messageId: string; subject: string; leaf: Buffer }[]): Promise<void> {
    if (entries.length === 0) return;
    const { offsets, lengths } = slices(entries.map((e) => e.leaf));
    await tx.query(
      `INSERT INTO ledger_queue (message_id, subject, leaf)
       SELECT t.message_id, t.subject, substring($3::bytea FROM t.offs + 1 FOR t.len)
         FROM unnest($1::uuid[], $2::text[], $4::int[], $5::int[]) WITH ORDINALITY AS t(message_id, subject, offs, len, ord)
        ORDER BY t.ord`,
      [
        entries.map((e) => e.messageId),
        entries.map((e) => e.subject),
        Buffer.concat(entries.map((e) => e.leaf)),
        offsets,
        lengths,
      ],
    );
  }

  async hasQueued(runner: Queryable = this.db): Promise<boolean> {
    const { rows } = await runner.query<{ queued: boolean }>(`SELECT EXISTS (SELECT 1 FROM ledger_queue) AS queued`);
    return rows[0]!.queued;
  }

  async queueDepth(runner: Queryable = this.db): Promise<number> {
    const { rows } = await runner.query<{ n: string }>(`SELECT count(*)::text AS n FROM ledger_queue`);
    return Number(rows[0]!.n);
  }

  /** Locks the head row: one sequencer at a time, whatever the process. */
  async lockHead(tx: Queryable): Promise<LedgerHead> {
    const { rows } = await tx.query<{ tree_size: string; root_hash: Buffer; checkpoint_seq: string }>(
      `SELECT tree_size, root_hash, checkpoint_seq FROM ledger_head FOR UPDATE`,
    );
    const row = rows[0];
    if (!row) throw new Error('ledger_head is missing');
    return { treeSize: Number(row.tree_size), rootHash: row.root_hash, checkpointSeq: Number(row.checkpoint_seq) };
  }

  async head(runner: Queryable = this.db): Promise<LedgerHead> {
    const { rows } = await runner.query<{ tree_size: string; root_hash: Buffer; checkpoint_seq: string }>(
      `SELECT tree_size, root_hash, checkpoint_seq FROM ledger_head`,
    );
    const row = rows[0]!;
    return { treeSize: Number(row.tree_size), rootHash: row.root_hash, checkpointSeq: Number(row.checkpoint_seq) };
  }

  async nextQueued(tx: Queryable, limit: number): Promise<QueuedEntry[]> {
    const { rows } = await tx.query<{ id: string; message_id: string; subject: string; leaf: Buffer }>(
      `SELECT id::text, message_id::text, subject, leaf FROM ledger_queue ORDER BY id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, messageId: r.message_id, subject: r.subject, leaf: r.leaf }));
  }

  /** Leaves, their subtree hashes, the dequeue, the checkpoint and the new head: one statement, one round trip. */
  async appendBatch(tx: Queryable, batch: SequencedBatch): Promise<void> {
    const { entries, nodes, checkpoint } = batch;
    const { offsets, lengths } = slices(entries.map((e) => e.leaf));
    await tx.query(
      `WITH leaves AS (
         INSERT INTO ledger_leaves (leaf_index, message_id, subject, leaf)
         SELECT $1::bigint + t.ord - 1, t.message_id, t.subject, substring($4::bytea FROM t.offs + 1 FOR t.len)
           FROM unnest($2::uuid[], $3::text[], $5::int[], $6::int[]) WITH ORDINALITY AS t(message_id, subject, offs, len, ord)
       ), nodes AS (
         INSERT INTO ledger_nodes (level, node_index, hash)
         SELECT n.level, n.node_index, substring($9::bytea FROM ((n.ord - 1) * ${HASH_SIZE} + 1)::int FOR ${HASH_SIZE})
           FROM unnest($7::smallint[], $8::bigint[]) WITH ORDINALITY AS n(level, node_index, ord)
       ), dequeued AS (
         DELETE FROM ledger_queue WHERE id = ANY($10::bigint[])
       ), signed AS (
         INSERT INTO ledger_checkpoints (seq, tree_size, root_hash, signed_at, key_id, signature)
         VALUES ($11, $12, $13, $14, $15, $16)
       )
       UPDATE ledger_head SET tree_size = $12, root_hash = $13, checkpoint_seq = $11, updated_at = now()`,
      [
        batch.firstIndex,
        entries.map((e) => e.messageId),
        entries.map((e) => e.subject),
        Buffer.concat(entries.map((e) => e.leaf)),
        offsets,
        lengths,
        nodes.map((n) => n.level),
        nodes.map((n) => n.index),
        Buffer.concat(nodes.map((n) => n.hash)),
        entries.map((e) => e.id),
        checkpoint.seq,
        checkpoint.treeSize,
        Buffer.from(checkpoint.rootHash, 'base64'),
        checkpoint.timestamp,
        checkpoint.keyId,
        Buffer.from(checkpoint.signature, 'base64'),
      ],
    );
  }

  /** A checkpoint of an unchanged tree (the empty tree's, at the first start). */
  async appendCheckpoint(tx: Queryable, checkpoint: StoredCheckpoint): Promise<void> {
    await tx.query(
      `WITH signed AS (
         INSERT INTO ledger_checkpoints (seq, tree_size, root_hash, signed_at, key_id, signature)
         VALUES ($1, $2, $3, $4, $5, $6)
       )
       UPDATE ledger_head SET checkpoint_seq = $1, updated_at = now()`,
      [
        checkpoint.seq,
        checkpoint.treeSize,
        Buffer.from(checkpoint.rootHash, 'base64'),
        checkpoint.timestamp,
        checkpoint.keyId,
        Buffer.from(checkpoint.signature, 'base64'),
      ],
    );
  }

  async latestCheckpoint(runner: Queryable = this.db): Promise<StoredCheckpoint | null> {
    const { rows } = await runner.query<CheckpointRow>(
      `SELECT seq, tree_size, root_hash, signed_at, key_id, signature FROM ledger_checkpoints ORDER BY seq DESC LIMIT 1`,
    );
    const latest = rows[0] ? toCheckpoint(rows[0]) : null;
    if (latest && latest.treeSize > this.knownSignedSize) this.knownSignedSize = latest.treeSize;
    return latest;
  }

  async checkpoints(startSeq: number, limit: number): Promise<StoredCheckpoint[]> {
    const { rows } = await this.db.query<CheckpointRow>(
      `SELECT seq, tree_size, root_hash, signed_at, key_id, signature FROM ledger_checkpoints
        WHERE seq >= $1 ORDER BY seq LIMIT $2`,
      [startSeq, limit],
    );
    return rows.map(toCheckpoint);
  }

  async entries(start: number, end: number): Promise<LedgerEntry[]> {
    const { rows } = await this.db.query<{ leaf_index: string; leaf: Buffer }>(
      `SELECT leaf_index, leaf FROM ledger_leaves WHERE leaf_index >= $1 AND leaf_index < $2 ORDER BY leaf_index`,
      [start, end],
    );
    return rows.map((r) => ({ index: Number(r.leaf_index), leaf: r.leaf }));
  }

  async entry(index: number): Promise<LedgerEntry | null> {
    return (await this.entries(index, index + 1))[0] ?? null;
  }

  /** The stored hashes of the given perfect subtrees, in order, in one round trip; throws if one is missing. */
  async subtreeHashes(ids: readonly NodeId[], runner: Queryable = this.db): Promise<Buffer[]> {
    if (ids.length === 0) return [];
    const { rows } = await runner.query<{ hash: Buffer | null }>(
      `SELECT n.hash FROM unnest($1::smallint[], $2::bigint[]) WITH ORDINALITY AS q(level, node_index, ord)
         LEFT JOIN ledger_nodes n ON n.level = q.level AND n.node_index = q.node_index
        ORDER BY q.ord`,
      [ids.map((id) => id.level), ids.map((id) => id.index)],
    );
    return rows.map((r, i) => {
      if (r.hash === null) throw new Error(`subtree (${ids[i]!.level}, ${ids[i]!.index}) is not stored`);
      return r.hash;
    });
  }
}

/** Where each buffer sits in their concatenation, for `substring(bytea FROM offset + 1 FOR length)`. */
function slices(buffers: readonly Buffer[]): { offsets: number[]; lengths: number[] } {
  const offsets: number[] = [];
  const lengths: number[] = [];
  let offset = 0;
  for (const buffer of buffers) {
    offsets.push(offset);
    lengths.push(buffer.length);
    offset += buffer.length;
  }
  return { offsets, lengths };
}
