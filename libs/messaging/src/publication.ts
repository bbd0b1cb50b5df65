// Each service's publish.ts decides which domain events leave the service and in what shape (the published
// language); everything else about the envelope and headers is built here, once.
import { HEADERS, topicOf, type IntegrationEvent, type ServiceName } from '@credit-share/contracts';
import type { RecordedEvent } from '@credit-share/event-store';
import type { TransportMessage } from './transport';

/** What a service publishes for one of its domain events. */
export interface Publication<TData = unknown> {
  type: string;
  version: number;
  /** USCC of the subject (the Kafka key). */
  subject: string;
  data: TData;
}

/** A service's publish.ts: domain event → contract event, or null for events that stay inside the service. */
export type PublishMap = (event: RecordedEvent) => Publication | null;

export function toTransportMessage(service: ServiceName, event: RecordedEvent, publication: Publication): TransportMessage {
  const envelope: IntegrationEvent = {
    id: event.eventId,
    type: publication.type,
    version: publication.version,
    occurredAt: event.occurredAt.toISOString(),
    recordedAt: event.recordedAt.toISOString(),
    subject: publication.subject,
    producer: service,
    data: publication.data,
  };
  const headers: Record<string, string> = {
    [HEADERS.messageId]: event.eventId,
    [HEADERS.type]: publication.type,
    [HEADERS.schemaVersion]: String(publication.version),
    [HEADERS.correlationId]: event.metadata.correlationId,
    [HEADERS.causationId]: event.metadata.causationId ?? event.eventId,
  };
  if (event.metadata.traceparent) headers[HEADERS.traceparent] = event.metadata.traceparent;
  return { topic: topicOf(service), key: publication.subject, value: JSON.stringify(envelope), headers };
}
