// Integration events as joint supervision, credit records and the directory owner publish them (contract-valid
// envelopes), and the transport message that carries each one — for this service's integration tests, e2e and
// benchmark, which feed them through the consumer host or Kafka instead of reaching into another service.
import {
  HEADERS,
  ORGANIZATION_EVENTS,
  RECORD_EVENTS,
  SUPERVISION_EVENTS,
  topicOf,
  type IntegrationEvent,
  type ListingDecidedV1,
  type ListingRemovedV1,
  type OrganizationRegisteredV1,
  type RecordRepairedV1,
  type ServiceName,
} from '@credit-share/contracts';
import { randomUUID } from 'node:crypto';

function envelope<T>(
  producer: ServiceName,
  type: string,
  subject: string,
  data: T,
  at = new Date(),
): IntegrationEvent<string, T> {
  return {
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: at.toISOString(),
    recordedAt: at.toISOString(),
    subject,
    producer,
    data,
  };
}

export function organizationRegistered(
  org: Pick<OrganizationRegisteredV1, 'id' | 'name' | 'type' | 'uscc'> & Partial<OrganizationRegisteredV1>,
): IntegrationEvent {
  return envelope('credit-records', ORGANIZATION_EVENTS.registered, org.uscc, {
    catalogueItems: [],
    sharingClasses: ['public'],
    ...org,
  } satisfies OrganizationRegisteredV1);
}

export function listingDecided(data: Partial<ListingDecidedV1> & Pick<ListingDecidedV1, 'listingId' | 'uscc'>): IntegrationEvent {
  const decision: ListingDecidedV1 = {
    listType: 'serious_dishonesty',
    outcome: 'listed',
    reason: '拒不履行生效法律文书确定的义务',
    legalBasis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条',
    basisRecordIds: [`record-${data.listingId}`],
    decidedBy: 'sz-court',
    decidedAt: new Date().toISOString(),
    ...data,
  };
  return envelope('joint-supervision', SUPERVISION_EVENTS.listingDecided, decision.uscc, decision);
}

export function listingRemoved(data: Partial<ListingRemovedV1> & Pick<ListingRemovedV1, 'listingId' | 'uscc'>): IntegrationEvent {
  const removal: ListingRemovedV1 = {
    listType: 'serious_dishonesty',
    cause: 'decision',
    reason: '撤销列入决定',
    removedAt: new Date().toISOString(),
    ...data,
  };
  return envelope('joint-supervision', SUPERVISION_EVENTS.listingRemoved, removal.uscc, removal);
}

export function recordRepaired(recordId: string, uscc: string): IntegrationEvent {
  return envelope('credit-records', RECORD_EVENTS.repaired, uscc, {
    recordId,
    version: 2,
    kind: 'administrative_penalty',
    providerOrg: 'sz-amr',
    subject: { uscc, name: '深圳市某某贸易有限公司' },
    disputed: false,
    repairId: `repair-${recordId}`,
    repairedAt: new Date().toISOString(),
  } satisfies RecordRepairedV1);
}

/** The message the producer's relay would publish for `event`. */
export function messageOf(event: IntegrationEvent): {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
} {
  return {
    topic: topicOf(event.producer as ServiceName),
    key: event.subject,
    value: JSON.stringify(event),
    headers: { [HEADERS.messageId]: event.id, [HEADERS.type]: event.type, [HEADERS.schemaVersion]: String(event.version) },
  };
}
