// Distributed mode's transport over Apache Kafka with kafkajs (ADR 0003). The producer is idempotent with acks=all
// and one request in flight, so a retried send never duplicates or reorders a partition. Consumers commit offsets
// only after the consumer host has applied (or parked) the whole batch: at least once, deduplicated by the inbox.
import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type Producer } from 'kafkajs';
import type { MessageBatch, Subscription, Transport, TransportMessage } from './transport';

export interface KafkaTransportOptions {
  brokers: string[];
  clientId: string;
  /** Partitions for topics this process creates; per-subject order holds for any count. */
  partitions?: number;
  replicationFactor?: number;
  /** retention.ms of created topics; -1 keeps every event (a consumer added later reads the whole history). */
  retentionMs?: number;
  ssl?: boolean;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  log?: (level: 'error' | 'warn' | 'info', message: string) => void;
}

export class KafkaTransport implements Transport {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private producer: Producer;
  private readonly admin: Admin;
  private readonly consumers: Consumer[] = [];
  private readonly knownTopics = new Set<string>();
  private readonly pendingSubscriptions: Subscription[] = [];
  private started = false;
  private stopped = false;
  private starting: Promise<void> | undefined;
  private adminConnected = false;

  constructor(private readonly options: KafkaTransportOptions) {
    const log = options.log ?? (() => undefined);
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      ssl: options.ssl ?? false,
      ...(options.sasl ? { sasl: options.sasl as never } : {}),
      retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
      connectionTimeout: 3_000,
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => {
        // Bounded retries are deliberate: a failed send is repeated by the relay with a fresh producer (publish()).
        if (entry.log.message.startsWith('Limiting retries for the idempotent producer')) return;
        const level = entry.level === logLevel.ERROR ? 'error' : entry.level === logLevel.WARN ? 'warn' : 'info';
        const error = typeof entry.log['error'] === 'string' ? ` (${entry.log['error']})` : '';
        log(level, `${entry.namespace}: ${entry.log.message}${error}`);
      },
    });
    this.producer = this.newProducer();
    this.admin = this.kafka.admin();
  }

  /**
   * Connects in the background, retrying until the broker answers: a service starts (and reports itself degraded
   * on /health) while the broker is away, and the relay's sends fail and are repeated until it is back.
   */
  start(): Promise<void> {
    if (!this.starting) {
      this.stopped = false;
      this.starting = this.untilDone('producer', async () => {
        await this.producer.connect();
        this.started = true;
        for (const subscription of this.pendingSubscriptions.splice(0))
          void this.untilDone(subscription.group, () => this.run(subscription));
      });
    }
    return Promise.resolve();
  }

  private async untilDone(what: string, work: () => Promise<void>): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await work();
        return;
      } catch (error) {
        this.options.log?.('warn', `${what}: ${(error as Error).message}; retrying`);
        await new Promise((r) => setTimeout(r, Math.min(10_000, 250 * 2 ** Math.min(attempt, 6))));
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled(this.consumers.map((c) => c.disconnect()));
    this.consumers.length = 0;
    await this.producer.disconnect().catch(() => undefined);
    if (this.adminConnected) await this.admin.disconnect().catch(() => undefined);
    this.adminConnected = false;
    this.started = false;
    this.starting = undefined;
  }

  async publish(messages: readonly TransportMessage[]): Promise<void> {
    if (messages.length === 0) return;
    if (!this.started) throw new Error('not connected to Kafka yet');
    await this.ensureTopics([...new Set(messages.map((m) => m.topic))]);
    const byTopic = new Map<string, TransportMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    try {
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic,
          messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
        })),
      });
    } catch (error) {
      // After a failed send the idempotent producer's sequence numbers may no longer match the broker's; the relay
      // sends the batch again, so start it over with a new producer (new producer id) rather than risk a stuck one.
      const broken = this.producer;
      this.producer = this.newProducer();
      await broken.disconnect().catch(() => undefined);
      if (this.started) await this.producer.connect().catch(() => undefined);
      throw error;
    }
  }

  private newProducer(): Producer {
    return this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { initialRetryTime: 200, retries: 5, maxRetryTime: 5_000 },
    });
  }

  async subscribe(subscription: Subscription): Promise<void> {
    if (this.started) void this.untilDone(subscription.group, () => this.run(subscription));
    else this.pendingSubscriptions.push(subscription);
  }

  async probe(): Promise<void> {
    await this.connectAdmin();
    await this.admin.describeCluster();
  }

  async consumerLag(group: string, topics: readonly string[]): Promise<Record<string, number>> {
    await this.connectAdmin();
    const lag: Record<string, number> = {};
    const committed = await this.admin.fetchOffsets({ groupId: group, topics: [...topics] });
    for (const { topic, partitions } of committed) {
      const high = await this.admin.fetchTopicOffsets(topic);
      let total = 0;
      for (const p of high) {
        const c = partitions.find((x) => x.partition === p.partition);
        const done = c && Number(c.offset) >= 0 ? Number(c.offset) : Number(p.low);
        total += Math.max(0, Number(p.high) - done);
      }
      lag[topic] = total;
    }
    return lag;
  }

  /** Creates the topics (and their dead-letter companions are created on first use) if they do not exist. */
  async ensureTopics(topics: readonly string[]): Promise<void> {
    const missing = topics.filter((t) => !this.knownTopics.has(t));
    if (missing.length === 0) return;
    await this.connectAdmin();
    const existing = new Set(await this.admin.listTopics());
    const toCreate = missing.filter((t) => !existing.has(t));
    if (toCreate.length > 0) {
      try {
        await this.admin.createTopics({
          waitForLeaders: true,
          topics: toCreate.map((topic) => ({
            topic,
            numPartitions: this.options.partitions ?? 3,
            replicationFactor: this.options.replicationFactor ?? 1,
            configEntries: [
              { name: 'retention.ms', value: String(this.options.retentionMs ?? -1) },
              // acks=all only means something if more than one replica must have the write.
              { name: 'min.insync.replicas', value: String(Math.min(2, this.options.replicationFactor ?? 1)) },
            ],
          })),
        });
      } catch (error) {
        // Another service process created them at the same moment: fine, as long as they end up usable.
        if (
          !/already exists/i.test(String((error as Error).message) + JSON.stringify((error as { errors?: unknown }).errors ?? ''))
        ) {
          throw error;
        }
      }
    }
    await this.waitForLeaders(missing);
    for (const t of missing) this.knownTopics.add(t);
  }

  /** A topic just created by anyone is usable once every partition has a leader in the metadata. */
  private async waitForLeaders(topics: readonly string[]): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const { topics: metadata } = await this.admin.fetchTopicMetadata({ topics: [...topics] });
        if (
          metadata.length === topics.length &&
          metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))
        ) {
          return;
        }
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} have no partition leaders after 30 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  private async connectAdmin(): Promise<void> {
    if (this.adminConnected) return;
    await this.admin.connect();
    this.adminConnected = true;
  }

  private async run(subscription: Subscription): Promise<void> {
    await this.ensureTopics(subscription.topics);
    const consumer = this.kafka.consumer({
      groupId: subscription.group,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      allowAutoTopicCreation: false,
      retry: { initialRetryTime: 300, retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 10_000 },
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: subscription.topics, fromBeginning: true });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
        if (!isRunning() || isStale() || batch.messages.length === 0) return;
        const delivered: MessageBatch = {
          topic: batch.topic,
          partition: batch.partition,
          messages: batch.messages.map((m) => ({
            topic: batch.topic,
            key: m.key?.toString('utf8') ?? '',
            value: m.value?.toString('utf8') ?? '',
            headers: Object.fromEntries(
              Object.entries(m.headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? String(v[0] ?? '') : String(v ?? '')]),
            ),
          })),
        };
        await subscription.handle(delivered);
        resolveOffset(batch.messages[batch.messages.length - 1]!.offset);
        await commitOffsetsIfNecessary();
        await heartbeat();
      },
    });
    this.consumers.push(consumer);
  }
}
