// The one transport port (ADR 0003). Two adapters implement it: Kafka for the distributed mode and an in-process
// adapter for the standalone mode. Both give the same contract to the relay and the consumer host: messages of one
// key are delivered in order, at least once; a handler that fails makes the transport deliver the batch again.

export interface TransportMessage {
  topic: string;
  /** Subject USCC: per-subject order (Kafka partition key). Never a natural person's identifier. */
  key: string;
  /** The JSON envelope (libs/contracts IntegrationEvent). */
  value: string;
  headers: Record<string, string>;
}

/** Messages of one topic-partition, in order. */
export interface MessageBatch {
  topic: string;
  partition: number;
  messages: TransportMessage[];
}

export interface Subscription {
  /** Consumer group: one per consuming service (`credit-share.<service>`). */
  group: string;
  topics: string[];
  /** Resolves once every message is applied or parked; rejecting makes the transport redeliver the batch. */
  handle(batch: MessageBatch): Promise<void>;
}

export interface Transport {
  readonly kind: 'kafka' | 'in-process';
  /** Resolves once every message is durably accepted (Kafka: acks=all; in-process: every subscriber handled it). */
  publish(messages: readonly TransportMessage[]): Promise<void>;
  subscribe(subscription: Subscription): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Throws when the transport cannot currently deliver. */
  probe(): Promise<void>;
  /** Messages not yet consumed by a group, per topic (empty when the adapter has no notion of lag). */
  consumerLag(group: string, topics: readonly string[]): Promise<Record<string, number>>;
}

export const TRANSPORT = Symbol('Transport');
