// Distributed mode's transport over Apache Kafka with kafkajs (ADR 0003). The producer is idempotent with acks=all
// and one request in flight, so a retried send never duplicates or reorders a partition. Consumers commit offsets
// only after the consumer host has applied (or parked) the whole batch: at least once, deduplicated by the inbox.
import { Kafka, logLevel, type Admin, type Consumer, type Producer } from 'kafkajs';
import type { MessageBatch, Subscription, Transport, TransportMessage } from './transport';

export interface KafkaTransportOptions {
  brokers: string[];
  clientId: string;
  /** Partitions for topics this process creates; per-subject order holds for any count. */
  partitions?: number;
  replicationFactor?: number;
  log?: (level: 'error' | 'warn' | 'info', message: string) => void;
}

export class KafkaTransport implements Transport {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly consumers: Consumer[] = [];
  private readonly knownTopics = new Set<string>();
  private readonly pendingSubscriptions: Subscription[] = [];
  private started = false;
  private starting: Promise<void> | undefined;
  private adminConnected = false;

  constructor(private readonly options: KafkaTransportOptions) {
    const log = options.log ?? (() => undefined);
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
      connectionTimeout: 3_000,
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => {
        const level = entry.level === logLevel.ERROR ? 'error' : entry.level === logLevel.WARN ? 'warn' : 'info';
        log(level, `${entry.namespace}: ${entry.log.message}`);
      },
    });
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    this.admin = this.kafka.admin();
  }

  start(): Promise<void> {
    this.starting ??= (async () => {
      await this.producer.connect();
      this.started = true;
      for (const subscription of this.pendingSubscriptions.splice(0)) await this.run(subscription);
    })();
    return this.starting;
  }

  async stop(): Promise<void> {
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
    await this.ensureTopics([...new Set(messages.map((m) => m.topic))]);
    const byTopic = new Map<string, TransportMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      })),
    });
  }

  async subscribe(subscription: Subscription): Promise<void> {
    if (this.started) await this.run(subscription);
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
      await this.admin.createTopics({
        waitForLeaders: true,
        topics: toCreate.map((topic) => ({
          topic,
          numPartitions: this.options.partitions ?? 3,
          replicationFactor: this.options.replicationFactor ?? 1,
        })),
      });
    }
    for (const t of missing) this.knownTopics.add(t);
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
    await consumer.connect();
    await consumer.subscribe({ topics: subscription.topics, fromBeginning: true });
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
