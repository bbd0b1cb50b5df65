// Receives integration events for one service (ARCHITECTURE.md "The event store is the outbox"):
// - the inbox row and the effect commit in one transaction, so a redelivered message changes nothing;
// - a message that keeps failing is retried a bounded number of times, then parked on `<topic>.dlq` and in
//   parked_messages; later messages of the same subject are held behind it (per-subject order), others flow on;
// - an unreachable database is not a poison message: the error goes back to the transport, which redelivers.
import { createHash } from 'node:crypto';
import {
  ContractRegistry,
  DLQ_HEADERS,
  HEADERS,
  deadLetterTopicOf,
  type IntegrationEvent,
  type ServiceName,
} from '@credit-share/contracts';
import { isConnectionError, type Database, type Tx } from '@credit-share/event-store';
import { ATTR, Metrics, SpanKind, contextFromTraceparent, runInContext, withSpan } from '@credit-share/observability';
import type { MessageBatch, Transport, TransportMessage } from './transport';

/** Where a message came from; handlers that record messages as received (the audit ledger) need the topic. */
export interface Delivery {
  readonly topic: string;
  readonly key: string;
}

export interface DeliveredEvent {
  readonly event: IntegrationEvent;
  readonly delivery: Delivery;
}

/** Applies several events in one call (one statement for a chunk): for recorders, whose per-message work is tiny. */
export type IntegrationBatchHandler = (events: readonly DeliveredEvent[], tx: Tx) => Promise<void>;

export type IntegrationEventHandler<TData = any> = (
  event: IntegrationEvent<string, TData>,
  tx: Tx,
  delivery: Delivery,
) => Promise<void>;

export interface ConsumerHostOptions {
  /** Attempts before a failing message is parked. */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt. */
  retryDelayMs?: number;
  /** Messages per transaction. */
  chunkSize?: number;
}

interface Item {
  message: TransportMessage;
  id: string;
  subject: string;
  event?: IntegrationEvent;
  handler?: IntegrationEventHandler;
  /** Why the message can never be applied (unparseable, breaks its contract). */
  problem?: string;
}

class PoisonMessage extends Error {}

export interface RedriveResult {
  resolved: number;
  stillParked: number;
}

export class ConsumerHost {
  private readonly handlers = new Map<string, IntegrationEventHandler>();
  /** Receives every message without a handler of its own type (the audit ledger records everything). */
  private anyHandler: IntegrationEventHandler | undefined;
  /** Set by onAnyBatch: `anyHandler` then applies one event through it, and chunks are applied in batches. */
  private anyBatchHandler: IntegrationBatchHandler | undefined;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;
  private readonly chunkSize: number;

  constructor(
    private readonly service: ServiceName,
    private readonly db: Database,
    private readonly transport: Transport,
    private readonly contracts: ContractRegistry,
    private readonly metrics: Metrics,
    options: ConsumerHostOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryDelayMs = options.retryDelayMs ?? 50;
    this.chunkSize = options.chunkSize ?? 500;
  }

  get group(): string {
    return `credit-share.${this.service}`;
  }

  /** Registers the effect of one integration event type (any schema version; the handler reads `event.version`). */
  on<TData>(type: string, handler: IntegrationEventHandler<TData>): this {
    if (this.handlers.has(type)) throw new Error(`${this.service} already handles ${type}`);
    this.handlers.set(type, handler as IntegrationEventHandler);
    return this;
  }

  /**
   * Registers the effect of every integration event this service has no specific handler for. Such messages are
   * validated as envelopes only: their data is applied as published (a recorder must not reject what others parked).
   */
  onAny(handler: IntegrationEventHandler): this {
    if (this.anyHandler) throw new Error(`${this.service} already handles every event`);
    this.anyHandler = handler;
    return this;
  }

  /**
   * As `onAny`, but each transaction hands every such event of its chunk to one call, in delivery order (events with
   * a specific handler in between are applied at their place). A message retried or redriven alone comes alone.
   */
  onAnyBatch(handler: IntegrationBatchHandler): this {
    this.onAny((event, tx, delivery) => handler([{ event, delivery }], tx));
    this.anyBatchHandler = handler;
    return this;
  }

  handledTypes(): string[] {
    return [...this.handlers.keys(), ...(this.anyHandler ? ['*'] : [])];
  }

  async subscribe(topics: readonly string[]): Promise<void> {
    if (topics.length === 0) return;
    await this.transport.subscribe({ group: this.group, topics: [...topics], handle: (batch) => this.handle(batch) });
  }

  async handle(batch: MessageBatch): Promise<void> {
    for (let i = 0; i < batch.messages.length; i += this.chunkSize) {
      await this.handleChunk(batch.messages.slice(i, i + this.chunkSize));
    }
  }

  /** Retries parked messages in arrival order, subject by subject; a subject stays blocked at its first failure. */
  async redrive(subject?: string): Promise<RedriveResult> {
    const { rows } = await this.db.query<{
      id: string;
      subject: string;
      topic: string;
      headers: Record<string, string>;
      value: string;
    }>(
      `SELECT id::text, subject, topic, headers, value FROM parked_messages
        WHERE resolved_at IS NULL AND ($1::text IS NULL OR subject = $1) ORDER BY id`,
      [subject ?? null],
    );
    const failedSubjects = new Set<string>();
    let resolved = 0;
    for (const row of rows) {
      if (failedSubjects.has(row.subject)) continue;
      const item = this.decode({ topic: row.topic, key: row.subject, value: row.value, headers: row.headers });
      try {
        if (item.problem) throw new PoisonMessage(item.problem);
        await this.db.transaction(async (tx) => {
          if (item.handler && (await this.claim(tx, [item])).size > 0) await this.apply(item, tx);
          await tx.query(`UPDATE parked_messages SET resolved_at = now() WHERE id = $1`, [row.id]);
        });
        resolved++;
      } catch (error) {
        if (isConnectionError(error)) throw error;
        failedSubjects.add(row.subject);
        await this.db.query(`UPDATE parked_messages SET attempts = attempts + 1, error = $2 WHERE id = $1`, [
          row.id,
          describe(error),
        ]);
      }
    }
    return { resolved, stillParked: rows.length - resolved };
  }

  async parkedCounts(): Promise<{ poison: number; held: number }> {
    const { rows } = await this.db.query<{ reason: 'poison' | 'held'; n: string }>(
      `SELECT reason, count(*)::text AS n FROM parked_messages WHERE resolved_at IS NULL GROUP BY reason`,
    );
    const counts = { poison: 0, held: 0 };
    for (const r of rows) counts[r.reason] = Number(r.n);
    return counts;
  }

  private async handleChunk(messages: TransportMessage[]): Promise<void> {
    const items = messages.map((m) => this.decode(m)).filter((i) => i.handler || i.problem);
    if (items.length === 0) return;
    if (items.some((i) => i.problem)) return this.handleOneByOne(items);
    const outcomes = { applied: 0, duplicate: 0, held: 0 };
    try {
      await this.db.transaction(async (tx) => {
        const blocked = await this.blockedSubjects(tx, items);
        const fresh = await this.claim(
          tx,
          items.filter((i) => !blocked.has(i.subject)),
        );
        const batch: Item[] = [];
        for (const item of items) {
          if (blocked.has(item.subject)) {
            await this.hold(tx, item);
            outcomes.held++;
          } else if (fresh.has(item.id)) {
            if (this.anyBatchHandler && item.handler === this.anyHandler) batch.push(item);
            else {
              await this.applyBatch(batch.splice(0), tx);
              await this.apply(item, tx);
            }
            outcomes.applied++;
          } else outcomes.duplicate++;
        }
        await this.applyBatch(batch, tx);
      });
    } catch (error) {
      if (isConnectionError(error)) throw error;
      return this.handleOneByOne(items);
    }
    this.count(outcomes);
  }

  private async handleOneByOne(items: Item[]): Promise<void> {
    for (const item of items) {
      for (let attempt = 1; ; attempt++) {
        try {
          if (item.problem) throw new PoisonMessage(item.problem);
          const outcome = await this.db.transaction(async (tx): Promise<'applied' | 'duplicate' | 'held'> => {
            if ((await this.blockedSubjects(tx, [item])).size > 0) {
              await this.hold(tx, item);
              return 'held';
            }
            if ((await this.claim(tx, [item])).size === 0) return 'duplicate';
            await this.apply(item, tx);
            return 'applied';
          });
          this.count({ [outcome]: 1 });
          break;
        } catch (error) {
          if (isConnectionError(error)) throw error;
          if (error instanceof PoisonMessage || attempt >= this.maxAttempts) {
            await this.park(item, error, attempt);
            break;
          }
          await sleep(this.retryDelayMs * 2 ** (attempt - 1));
        }
      }
    }
  }

  private decode(message: TransportMessage): Item {
    const headerId = message.headers[HEADERS.messageId];
    const fallbackId = createHash('sha256').update(`${message.topic}\n${message.key}\n${message.value}`).digest('hex');
    const base = { message, id: headerId || fallbackId, subject: message.key };
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.value);
    } catch {
      return { ...base, problem: 'value is not JSON' };
    }
    const type = (parsed as { type?: unknown })?.type;
    const specific = typeof type === 'string' ? this.handlers.get(type) : undefined;
    const handler = specific ?? this.anyHandler;
    if (!handler) return base; // not an event this service reacts to
    const violations = specific ? this.contracts.validate(parsed) : this.contracts.validateEnvelope(parsed);
    if (violations.length > 0) {
      return { ...base, handler, problem: `breaks its contract: ${violations.map((v) => `${v.path} ${v.message}`).join('; ')}` };
    }
    const event = parsed as IntegrationEvent;
    if (headerId && headerId !== event.id) return { ...base, handler, problem: 'message-id header differs from envelope id' };
    return { ...base, id: event.id, event, handler };
  }

  private async blockedSubjects(tx: Tx, items: Item[]): Promise<Set<string>> {
    const { rows } = await tx.query<{ subject: string }>(
      `SELECT DISTINCT subject FROM parked_messages WHERE resolved_at IS NULL AND subject = ANY($1::text[])`,
      [[...new Set(items.map((i) => i.subject))]],
    );
    return new Set(rows.map((r) => r.subject));
  }

  /** Records the messages in the inbox; returns the ids that were not there yet. */
  private async claim(tx: Tx, items: Item[]): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const { rows } = await tx.query<{ message_id: string }>(
      `INSERT INTO inbox (message_id, type) SELECT * FROM unnest($1::uuid[], $2::text[])
       ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
      [items.map((i) => i.id), items.map((i) => i.event!.type)],
    );
    return new Set(rows.map((r) => r.message_id));
  }

  private async apply(item: Item, tx: Tx): Promise<void> {
    const event = item.event!;
    const headers = item.message.headers;
    await withSpan(
      `consume ${event.type}`,
      {
        [ATTR.service]: this.service,
        [ATTR.eventType]: event.type,
        [ATTR.messageId]: event.id,
        [ATTR.destination]: item.message.topic,
      },
      () =>
        runInContext({ correlationId: headers[HEADERS.correlationId] || event.id, causationId: event.id }, () =>
          item.handler!(event, tx, { topic: item.message.topic, key: item.message.key }),
        ),
      { kind: SpanKind.CONSUMER, parent: contextFromTraceparent(headers[HEADERS.traceparent]) },
    );
  }

  private async applyBatch(items: Item[], tx: Tx): Promise<void> {
    if (items.length === 0) return;
    await withSpan(
      `consume ${items.length} events`,
      { [ATTR.service]: this.service, [ATTR.eventCount]: items.length, [ATTR.destination]: items[0]!.message.topic },
      () =>
        this.anyBatchHandler!(
          items.map((item) => ({ event: item.event!, delivery: { topic: item.message.topic, key: item.message.key } })),
          tx,
        ),
      { kind: SpanKind.CONSUMER },
    );
  }

  private async hold(tx: Tx, item: Item): Promise<void> {
    await tx.query(
      `INSERT INTO parked_messages (message_id, topic, subject, reason, headers, value)
       VALUES ($1, $2, $3, 'held', $4, $5) ON CONFLICT (message_id) DO NOTHING`,
      [item.id, item.message.topic, item.subject, item.message.headers, item.message.value],
    );
  }

  private async park(item: Item, error: unknown, attempts: number): Promise<void> {
    const reason = describe(error);
    // The dead-letter topic first: if the row below fails, redelivery parks again (a duplicate on the DLQ topic is
    // harmless; a lost one is not).
    await this.transport.publish([
      {
        ...item.message,
        topic: deadLetterTopicOf(item.message.topic),
        headers: {
          ...item.message.headers,
          [DLQ_HEADERS.consumer]: this.group,
          [DLQ_HEADERS.error]: reason.slice(0, 1_000),
          [DLQ_HEADERS.attempts]: String(attempts),
          [DLQ_HEADERS.originalTopic]: item.message.topic,
          [DLQ_HEADERS.parkedAt]: new Date().toISOString(),
          [DLQ_HEADERS.reason]: 'poison',
        },
      },
    ]);
    await this.db.query(
      `INSERT INTO parked_messages (message_id, topic, subject, reason, headers, value, error, attempts)
       VALUES ($1, $2, $3, 'poison', $4, $5, $6, $7) ON CONFLICT (message_id) DO NOTHING`,
      [item.id, item.message.topic, item.subject, item.message.headers, item.message.value, reason, attempts],
    );
    this.count({ parked: 1 });
  }

  private count(outcomes: Partial<Record<'applied' | 'duplicate' | 'held' | 'parked', number>>): void {
    for (const [outcome, n] of Object.entries(outcomes)) {
      if (n) this.metrics.consumed.inc({ service: this.service, outcome }, n);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
