// The integration-event envelope and Kafka headers are fixed by PRODUCT.md §4. The envelope is the Kafka value;
// the headers repeat what a broker-side tool needs without parsing JSON.

export interface IntegrationEvent<TType extends string = string, TData = unknown> {
  /** Message id: the source domain event's UUIDv7, stable across relay retries so consumers can deduplicate. */
  id: string;
  type: TType;
  /** Schema version of `data` for this `type`. */
  version: number;
  occurredAt: string;
  recordedAt: string;
  /** USCC of the subject the event is about (the Kafka key); never a natural person's identifier. */
  subject: string;
  producer: string;
  data: TData;
}

export const HEADERS = {
  messageId: 'message-id',
  type: 'type',
  schemaVersion: 'schema-version',
  traceparent: 'traceparent',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
} as const;

/** Headers added when a message is parked on `<topic>.dlq`. */
export const DLQ_HEADERS = {
  consumer: 'dlq-consumer',
  error: 'dlq-error',
  attempts: 'dlq-attempts',
  originalTopic: 'dlq-original-topic',
  parkedAt: 'dlq-parked-at',
  reason: 'dlq-reason',
} as const;
