// The ledger's single sequencer (ADR 0007). The consumer only queues entries (in its inbox transaction); this loop
// gives them their leaf indexes, gap-free, in one transaction per batch that also stores the completed subtree hashes
// and signs a checkpoint of the new tree — so every leaf is covered by a signed checkpoint from the moment it is
// visible. It runs at most once per LEDGER_CHECKPOINT_INTERVAL_MS and at least that often while entries wait.
//
// One sequencer works at a time: replicas compete for a PostgreSQL advisory lock (like the relay), and every batch
// also locks the head row, so even two sequencers that both believe they lead cannot assign the same index.
import type { Database, Queryable } from '@credit-share/event-store';
import type { Clock } from '@credit-share/scheduling';
import { EventEmitter } from 'node:events';
import type { PoolClient } from 'pg';
import { LedgerRepository, type LedgerHead, type StoredCheckpoint } from './ledger.repository';
import { appendLeaves, emptyFrontier, frontierNodeIds, frontierRoot, leafHash, type Frontier } from './merkle';
import { signCheckpoint, type NoteSigner } from './signed-note';

const ERROR_PAUSE_MS = 1_000;

export interface SequencerOptions {
  intervalMs: number;
  batchSize: number;
  onError?: (error: unknown) => void;
}

export interface CheckpointSigned {
  checkpoint: StoredCheckpoint;
  /** The leaves this checkpoint added: [from, checkpoint.treeSize). */
  from: number;
  /** Message ids of those leaves, in index order. */
  messageIds: readonly string[];
}

interface TreeState {
  readonly frontier: Frontier;
  /** Of the latest checkpoint: the next one is never dated before it. */
  readonly lastTimestamp: string;
  readonly checkpointSeq: number;
}

/** The stored subtree hashes no longer fold to the signed root: someone changed the ledger's tables. */
export class LedgerIntegrityError extends Error {
  override name = 'LedgerIntegrityError';
}

export class LedgerSequencer {
  /** 'checkpoint' (CheckpointSigned) after each commit: for benchmarks and tests, in this process only. */
  readonly signals = new EventEmitter();
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private lockClient: PoolClient | undefined;
  /** The tree as of the last batch this process committed, so a batch never re-reads the log. */
  private cache: TreeState | undefined;
  private exclusive: Promise<unknown> = Promise.resolve();
  private integrityProblem: LedgerIntegrityError | undefined;

  constructor(
    private readonly db: Database,
    private readonly repository: LedgerRepository,
    private readonly signer: NoteSigner,
    private readonly clock: Clock,
    private readonly options: SequencerOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.releaseLock();
  }

  /** Throws while the stored tree does not match its signed root (health check). */
  assertIntegrity(): void {
    if (this.integrityProblem) throw this.integrityProblem;
  }

  /** Sequences everything queued now, whoever leads; returns the number of leaves added. For tests and tools. */
  async sequencePending(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.sequenceBatch();
      total += n;
      if (n < this.options.batchSize) return total;
    }
  }

  /** One transaction: the next batch of queued entries becomes leaves under a new signed checkpoint. */
  sequenceBatch(): Promise<number> {
    const next = this.exclusive.then(() => this.sequenceBatchNow());
    this.exclusive = next.catch(() => undefined);
    return next;
  }

  private async sequenceBatchNow(): Promise<number> {
    let outcome: { signed: CheckpointSigned; frontier: Frontier } | undefined;
    try {
      await this.db.transaction(async (tx) => {
        const head = await this.repository.lockHead(tx);
        const tree = await this.treeAt(head, tx);
        if (head.checkpointSeq === 0) {
          const checkpoint = this.sign(1, tree.frontier, tree.lastTimestamp);
          await this.repository.appendCheckpoint(tx, checkpoint);
          outcome = { signed: { checkpoint, from: head.treeSize, messageIds: [] }, frontier: tree.frontier };
          return;
        }
        const queued = await this.repository.nextQueued(tx, this.options.batchSize);
        if (queued.length === 0) return;
        const { frontier, created } = appendLeaves(
          tree.frontier,
          queued.map((e) => leafHash(e.leaf)),
        );
        const checkpoint = this.sign(head.checkpointSeq + 1, frontier, tree.lastTimestamp);
        await this.repository.appendBatch(tx, { firstIndex: head.treeSize, entries: queued, nodes: created, checkpoint });
        outcome = { signed: { checkpoint, from: head.treeSize, messageIds: queued.map((e) => e.messageId) }, frontier };
      });
    } catch (error) {
      this.cache = undefined; // the transaction rolled back: read the tree again next time
      throw error;
    }
    if (!outcome) return 0;
    const { checkpoint } = outcome.signed;
    this.cache = { frontier: outcome.frontier, lastTimestamp: checkpoint.timestamp, checkpointSeq: checkpoint.seq };
    this.signals.emit('checkpoint', outcome.signed);
    return outcome.signed.messageIds.length;
  }

  private sign(seq: number, frontier: Frontier, lastTimestamp: string): StoredCheckpoint {
    // Checkpoint times never go back, even if the clock does (a verifier refuses a chain that does).
    const now = this.clock.now();
    const timestamp = now.toISOString() < lastTimestamp ? new Date(lastTimestamp) : now;
    return { seq, ...signCheckpoint({ treeSize: frontier.size, rootHash: frontierRoot(frontier), timestamp }, this.signer) };
  }

  /**
   * The tree at the head: from the cache when this process wrote the head last, otherwise from the stored frontier
   * subtrees, which must fold to the head's root and to the latest checkpoint's, or nothing more is appended.
   */
  private async treeAt(head: LedgerHead, tx: Queryable): Promise<TreeState> {
    if (this.cache && this.cache.frontier.size === head.treeSize && this.cache.checkpointSeq === head.checkpointSeq) {
      return this.cache;
    }
    const latest = await this.repository.latestCheckpoint(tx);
    const frontier: Frontier =
      head.treeSize === 0
        ? emptyFrontier
        : { size: head.treeSize, hashes: await this.repository.subtreeHashes(frontierNodeIds(head.treeSize), tx) };
    const root = frontierRoot(frontier);
    const intact =
      root.equals(head.rootHash) &&
      (latest === null
        ? head.checkpointSeq === 0
        : latest.seq === head.checkpointSeq &&
          latest.treeSize === head.treeSize &&
          root.equals(Buffer.from(latest.rootHash, 'base64')));
    if (!intact) {
      this.integrityProblem = new LedgerIntegrityError(
        `the ledger's stored tree (size ${head.treeSize}) does not match its signed checkpoint: its tables were ` +
          'changed outside the sequencer, which appends nothing more; run `npx credit-share audit verify`',
      );
      throw this.integrityProblem;
    }
    this.integrityProblem = undefined;
    return { frontier, lastTimestamp: latest?.timestamp ?? '', checkpointSeq: head.checkpointSeq };
  }

  // ---- the loop ----------------------------------------------------------------------------------------------

  private async run(): Promise<void> {
    while (this.running) {
      const started = Date.now();
      try {
        if (!(await this.holdLock())) {
          await this.pause(1_000);
          continue;
        }
        // Without a cache (start, new leader) a batch runs anyway: it checks the stored tree against its signed root
        // and signs the empty tree's checkpoint on the very first start.
        const due = !this.cache || (await this.repository.hasQueued());
        const added = due ? await this.sequenceBatch() : 0;
        if (added >= this.options.batchSize) continue; // a backlog: drain it batch after batch
      } catch (error) {
        this.options.onError?.(error);
        this.releaseLock();
        await this.pause(ERROR_PAUSE_MS);
        continue;
      }
      await this.pause(this.options.intervalMs - (Date.now() - started));
    }
  }

  private async holdLock(): Promise<boolean> {
    if (this.lockClient) return true;
    const client = await this.db.connect();
    client.on('error', () => {
      if (this.lockClient === client) {
        this.lockClient = undefined;
        this.cache = undefined;
      }
    });
    try {
      const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [
        `ledger-sequencer:${this.db.schema}`,
      ]);
      if (rows[0]?.locked) {
        this.lockClient = client;
        return true;
      }
    } catch (error) {
      client.release(true);
      throw error;
    }
    client.release();
    return false;
  }

  private releaseLock(): void {
    const client = this.lockClient;
    this.lockClient = undefined;
    this.cache = undefined;
    // Closing the session releases the advisory lock even if an unlock statement could not run.
    client?.release(true);
  }

  private pause(ms: number): Promise<void> {
    if (ms <= 0 || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
