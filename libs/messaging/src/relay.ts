// The relay turns the event store into the outbox (ADR 0001): read after the checkpoint, map through the service's
// publish.ts, hand the batch to the transport, and only then move the checkpoint. A crash between the two repeats
// the batch (consumers deduplicate by message id); nothing is ever skipped. One relay per service runs at a time:
// replicas compete for a PostgreSQL advisory lock.
import type { ServiceName } from '@credit-share/contracts';
import type { CheckpointStore, Cursor, PgEventStore, Database } from '@credit-share/event-store';
import { ATTR, Metrics, SpanKind, untraced, withSpan } from '@credit-share/observability';
import type { PoolClient } from 'pg';
import { toTransportMessage, type PublishMap } from './publication';
import type { Transport } from './transport';

export interface RelayOptions {
  batchSize?: number;
  /** Longest pause between polls when idle; appends in this process wake the relay at once. */
  maxIdleMs?: number;
  onError?: (error: unknown) => void;
}

const CHECKPOINT = 'relay';

export class Relay {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private lockClient: PoolClient | undefined;
  /** The checkpoint as last saved while holding the lock; reloaded whenever the lock is (re)acquired. */
  private position: Cursor | undefined;
  private readonly batchSize: number;
  private readonly maxIdleMs: number;

  constructor(
    private readonly service: ServiceName,
    private readonly db: Database,
    private readonly store: PgEventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly transport: Transport,
    private readonly publish: PublishMap,
    private readonly metrics: Metrics,
    private readonly options: RelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1_000;
    this.maxIdleMs = options.maxIdleMs ?? 250;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.store.signals.on('appended', this.onAppended);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.store.signals.off('appended', this.onAppended);
    this.wake?.();
    await this.loop;
    await this.releaseLock();
  }

  /** Publishes everything visible now; returns the number of events read. For tests and the replay tool. */
  async publishPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.publishBatch();
      total += n;
      if (n < this.batchSize) return total;
    }
  }

  async lag(): Promise<number> {
    const [head, checkpoint] = await Promise.all([this.store.headPosition(), this.checkpoints.load(CHECKPOINT)]);
    return Math.max(0, Number(BigInt(head) - BigInt(checkpoint.position)));
  }

  private readonly onAppended = () => this.wake?.();

  private async run(): Promise<void> {
    let idle = 0;
    while (this.running) {
      try {
        if (!(await this.holdLock())) {
          await this.pause(1_000);
          continue;
        }
        const n = await this.publishBatch();
        if (n >= this.batchSize) {
          idle = 0;
          continue;
        }
        // Nothing (or little) visible: an append may still be below the horizon, so poll again soon, backing off.
        idle = n > 0 ? 0 : idle + 1;
        await this.pause(n > 0 ? 0 : Math.min(this.maxIdleMs, 2 ** Math.min(idle, 8)));
      } catch (error) {
        this.options.onError?.(error);
        await this.releaseLock();
        await this.pause(500);
      }
    }
  }

  private async publishBatch(): Promise<number> {
    const events = await untraced(async () =>
      this.store.readAll(this.position ?? (await this.checkpoints.load(CHECKPOINT)), this.batchSize),
    );
    if (events.length === 0) return 0;
    const messages = events.flatMap((event) => {
      const publication = this.publish(event);
      return publication ? [toTransportMessage(this.service, event, publication)] : [];
    });
    await withSpan(
      'relay publish',
      { [ATTR.service]: this.service, [ATTR.eventCount]: messages.length },
      () => this.transport.publish(messages),
      { kind: SpanKind.PRODUCER },
    );
    const last = events[events.length - 1]!.cursor;
    await this.checkpoints.save(CHECKPOINT, last);
    this.position = this.lockClient ? last : undefined;
    this.metrics.relayPublished.inc({ service: this.service }, messages.length);
    return events.length;
  }

  private async holdLock(): Promise<boolean> {
    if (this.lockClient) return true;
    const client = await this.db.connect();
    client.on('error', () => {
      // The session (and with it the lock) is gone: stop relaying until the lock is held again.
      if (this.lockClient === client) {
        this.lockClient = undefined;
        this.position = undefined;
      }
    });
    try {
      const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [
        `relay:${this.db.schema}`,
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

  private async releaseLock(): Promise<void> {
    const client = this.lockClient;
    this.lockClient = undefined;
    this.position = undefined;
    if (!client) return;
    // Closing the session releases the advisory lock even if the unlock statement cannot run.
    client.release(true);
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
