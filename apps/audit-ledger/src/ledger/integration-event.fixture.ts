// Integration events as other services publish them, for the ledger's tests and benchmark: any producer, any type,
// realistic data (Chinese text, nested objects), and the Kafka message that carries each one.
import { randomUUID } from 'node:crypto';
import { topicOf, type IntegrationEvent, type ServiceName } from '@credit-share/contracts';

export const PRODUCERS: readonly ServiceName[] = [
  'credit-records',
  'joint-supervision',
  'enforcement-coordination',
  'credit-profiles',
];

const TYPES: Record<string, string[]> = {
  'credit-records': ['RecordPublished', 'RecordCorrected', 'ObjectionFiled'],
  'joint-supervision': ['GradeChanged', 'ListingProposed'],
  'enforcement-coordination': ['AlertIssued', 'AlertClosed'],
  'credit-profiles': ['ProfileQueried'],
};

/** An event of `producer` (by default the n-th producer in turn) about subject `subject`. */
export function syntheticEvent(
  n: number,
  options: { producer?: ServiceName; subject?: string; type?: string; data?: Record<string, unknown> } = {},
): IntegrationEvent {
  const producer = options.producer ?? PRODUCERS[n % PRODUCERS.length]!;
  const types = TYPES[producer] ?? ['SomethingHappened'];
  const at = new Date(Date.UTC(2026, 10, 26, 8, 0, 0, n)).toISOString();
  return {
    id: randomUUID(),
    type: options.type ?? types[n % types.length]!,
    version: 1,
    occurredAt: at,
    recordedAt: at,
    subject: options.subject ?? `91440300MA5G${String(n % 1000).padStart(5, '0')}X`,
    producer,
    data: options.data ?? {
      sequence: n,
      decisionNumber: `深市监罚〔2026〕${n}号`,
      authority: '深圳市市场监督管理局',
      content: '未按规定公示年度报告，责令限期改正并处罚款。',
      amounts: { fineYuan: 5000 + (n % 7) * 1000, confiscatedYuan: 0 },
      purpose: n % 3 === 0 ? 'administrative_licensing' : 'inspection',
    },
  };
}

/** The transport message the relay of `event.producer` would publish. */
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
    headers: { 'message-id': event.id, type: event.type, 'schema-version': String(event.version) },
  };
}

/** OrganizationRegistered as credit-records publishes it (the ledger's directory copy admits callers with it). */
export function organizationRegistered(
  organization: { id: string; name: string; type: string; uscc: string; catalogueItems?: string[]; sharingClasses?: string[] },
  n = 0,
): IntegrationEvent {
  return syntheticEvent(n, {
    producer: 'credit-records',
    type: 'OrganizationRegistered',
    subject: organization.uscc,
    data: { catalogueItems: [], sharingClasses: ['public'], ...organization },
  });
}
