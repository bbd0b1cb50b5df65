// Integration events as credit records publishes them (libs/contracts/src/records), for this service's tests, the
// cross-service e2e and the benchmark: contract-valid envelopes and the transport messages that carry them.
import { randomUUID } from 'node:crypto';
import {
  topicOf,
  type CreditRecordV1,
  type IntegrationEvent,
  type OrganizationRegisteredV1,
  type Severity,
} from '@credit-share/contracts';

export function envelope<T>(
  type: string,
  subject: string,
  data: T,
  occurredAt: string,
  producer = 'credit-records',
): IntegrationEvent<string, T> {
  return { id: randomUUID(), type, version: 1, occurredAt, recordedAt: occurredAt, subject, producer, data };
}

export function messageOf(event: IntegrationEvent) {
  return {
    topic: topicOf(event.producer as never),
    key: event.subject,
    value: JSON.stringify(event),
    headers: { 'message-id': event.id, type: event.type, 'schema-version': String(event.version) },
  };
}

export function organizationRegistered(
  org: Omit<OrganizationRegisteredV1, 'catalogueItems' | 'sharingClasses'>,
  at = '2026-01-01T00:00:00Z',
) {
  return envelope<OrganizationRegisteredV1>(
    'OrganizationRegistered',
    org.uscc,
    { catalogueItems: [], sharingClasses: ['public'], ...org },
    at,
  );
}

export interface RecordSpec {
  recordId: string;
  uscc: string;
  name?: string;
  kind?: string;
  severity?: Severity | null;
  publicFrom: string;
  publicUntil?: string | null;
  providerOrg?: string;
  disputed?: boolean;
  version?: number;
}

export function creditRecord(spec: RecordSpec): CreditRecordV1 {
  const kind = spec.kind ?? 'administrative_penalty';
  return {
    recordId: spec.recordId,
    version: spec.version ?? 1,
    kind,
    catalogueVersion: 1,
    sharingClass: 'public',
    marketCredit: false,
    providerOrg: spec.providerOrg ?? 'sz-amr',
    subject: { uscc: spec.uscc, name: spec.name ?? '深圳市示例科技有限公司' },
    severity: spec.severity === undefined ? (kind === 'administrative_penalty' ? 'general' : null) : spec.severity,
    details: {
      decisionDocumentNumber: `深市监罚〔2026〕${spec.recordId}号`,
      content: '未按规定公示年度报告',
      decisionDate: spec.publicFrom.slice(0, 10),
    },
    publicFrom: spec.publicFrom,
    publicUntil: spec.publicUntil === undefined ? null : spec.publicUntil,
    repairableFrom: null,
    disputed: spec.disputed ?? false,
  };
}

export function recordPublished(spec: RecordSpec, at = spec.publicFrom) {
  return envelope('RecordPublished', spec.uscc, creditRecord(spec), at);
}

export function recordCorrected(spec: RecordSpec, at: string) {
  return envelope('RecordCorrected', spec.uscc, { ...creditRecord(spec), reason: 'corrected' }, at);
}

function stateChange(spec: RecordSpec) {
  const r = creditRecord(spec);
  return {
    recordId: r.recordId,
    version: r.version,
    kind: r.kind,
    providerOrg: r.providerOrg,
    subject: r.subject,
    disputed: r.disputed,
  };
}

export function recordWithdrawn(spec: RecordSpec, at: string) {
  return envelope('RecordWithdrawn', spec.uscc, { ...stateChange(spec), reason: 'act revoked', withdrawnAt: at }, at);
}

export function recordExpired(spec: RecordSpec, at: string) {
  return envelope('RecordExpired', spec.uscc, { ...stateChange(spec), expiredAt: at }, at);
}

export function recordRepaired(spec: RecordSpec, at: string) {
  return envelope('RecordRepaired', spec.uscc, { ...stateChange(spec), repairId: `repair-${spec.recordId}`, repairedAt: at }, at);
}

export function objectionFiled(spec: RecordSpec, at: string) {
  const r = creditRecord(spec);
  return envelope(
    'ObjectionFiled',
    spec.uscc,
    {
      objectionId: `objection-${spec.recordId}`,
      recordId: r.recordId,
      providerOrg: r.providerOrg,
      subject: r.subject,
      ground: 'wrong_facts',
      statement: '处罚事实有误',
      filedBy: 'subject',
      filedAt: at,
      dueAt: at,
    },
    at,
  );
}

export function objectionDecided(spec: RecordSpec, at: string, outcome: 'upheld' | 'rejected' = 'rejected') {
  const r = creditRecord(spec);
  return envelope(
    'ObjectionDecided',
    spec.uscc,
    {
      objectionId: `objection-${spec.recordId}`,
      recordId: r.recordId,
      providerOrg: r.providerOrg,
      subject: r.subject,
      outcome,
      reason: '经核查',
      decidedAt: at,
    },
    at,
  );
}
