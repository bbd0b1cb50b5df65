// Contract-valid integration events as credit-records, joint-supervision and enforcement-coordination publish them,
// for the profiles' specs, integration tests, e2e and benchmark (the producers are built elsewhere).
import { randomUUID } from 'node:crypto';
import {
  topicOf,
  type AlertClosedV1,
  type AlertIssuedV1,
  type CreditRecordV1,
  type GradeChangedV1,
  type IntegrationEvent,
  type ListingDecidedV1,
  type ListingRemovedV1,
  type MeasureRegisteredV1,
  type ObjectionDecidedV1,
  type ObjectionFiledV1,
  type RecordExpiredV1,
  type RecordRepairedV1,
  type RecordWithdrawnV1,
  type RepairAppliedV1,
  type RepairDecidedV1,
  type ServiceName,
  type SharingClass,
  type Severity,
  type SubjectRegisteredV1,
} from '@credit-share/contracts';

const PRODUCER: Record<string, ServiceName> = {
  SubjectRegistered: 'credit-records',
  RecordPublished: 'credit-records',
  RecordCorrected: 'credit-records',
  RecordWithdrawn: 'credit-records',
  RecordExpired: 'credit-records',
  RecordRepaired: 'credit-records',
  ObjectionFiled: 'credit-records',
  ObjectionDecided: 'credit-records',
  ObjectionOverdue: 'credit-records',
  RepairApplied: 'credit-records',
  RepairDecided: 'credit-records',
  OrganizationRegistered: 'credit-records',
  GradeChanged: 'joint-supervision',
  ListingProposed: 'joint-supervision',
  ListingNoticed: 'joint-supervision',
  ListingDecided: 'joint-supervision',
  ListingRemoved: 'joint-supervision',
  MeasureRegistered: 'enforcement-coordination',
  AlertIssued: 'enforcement-coordination',
  AlertAcknowledged: 'enforcement-coordination',
  AlertClosed: 'enforcement-coordination',
  AlertOverdue: 'enforcement-coordination',
};

export function envelope<T>(
  type: string,
  subject: string,
  at: string | Date,
  data: T,
  id: string = randomUUID(),
): IntegrationEvent<string, T> {
  const iso = new Date(at).toISOString();
  return { id, type, version: 1, occurredAt: iso, recordedAt: iso, subject, producer: PRODUCER[type] ?? 'credit-records', data };
}

/** The transport message the producer's relay would send. */
export function messageOf(event: IntegrationEvent) {
  return {
    topic: topicOf(event.producer as ServiceName),
    key: event.subject,
    value: JSON.stringify(event),
    headers: { 'message-id': event.id, type: event.type, 'schema-version': String(event.version) },
  };
}

/** A syntactically valid USCC (GB 32100 character set; the check character is not computed) for subject `n`. */
export function usccOf(n: number): string {
  return `91440300MA${String(n).padStart(7, '0')}X`;
}

export function organizationRegistered(org: {
  id: string;
  name: string;
  type: string;
  uscc: string;
  sharingClasses: SharingClass[];
}) {
  return envelope('OrganizationRegistered', org.uscc, '2026-01-01T00:00:00Z', { catalogueItems: [], ...org });
}

export function subjectRegistered(uscc: string, name: string, at: string, aliases: SubjectRegisteredV1['aliases'] = []) {
  return envelope<SubjectRegisteredV1>('SubjectRegistered', uscc, at, { uscc, name, aliases, nonConformingIdentifier: false });
}

export interface RecordSpec {
  recordId: string;
  uscc: string;
  name?: string;
  kind?: string;
  version?: number;
  sharingClass?: SharingClass;
  providerOrg?: string;
  severity?: Severity | null;
  publicFrom: string;
  publicUntil?: string | null;
  disputed?: boolean;
  content?: string;
}

export function creditRecord(spec: RecordSpec): CreditRecordV1 {
  return {
    recordId: spec.recordId,
    version: spec.version ?? 1,
    kind: spec.kind ?? 'administrative_penalty',
    catalogueVersion: 1,
    sharingClass: spec.sharingClass ?? 'public',
    marketCredit: false,
    providerOrg: spec.providerOrg ?? 'sz-market',
    subject: { uscc: spec.uscc, name: spec.name ?? '深圳市示例科技有限公司' },
    severity: spec.severity === undefined ? 'general' : spec.severity,
    details: {
      decisionDocumentName: '行政处罚决定书',
      decisionDocumentNumber: `深市监罚〔2026〕${spec.recordId.slice(-6)}号`,
      legalBasis: '《中华人民共和国广告法》第五十五条',
      content: spec.content ?? '发布虚假广告，责令停止发布并处罚款。',
      decisionDate: spec.publicFrom.slice(0, 10),
      decidingAuthority: { name: '深圳市市场监督管理局', uscc: '11440300007542058Q' },
      fineAmountYuan: 50_000,
    },
    publicFrom: spec.publicFrom,
    publicUntil: spec.publicUntil === undefined ? null : spec.publicUntil,
    repairableFrom: null,
    disputed: spec.disputed ?? false,
  };
}

export const recordPublished = (spec: RecordSpec, at: string = spec.publicFrom) =>
  envelope('RecordPublished', spec.uscc, at, creditRecord(spec));

export const recordCorrected = (spec: RecordSpec, reason: string, at: string) =>
  envelope('RecordCorrected', spec.uscc, at, { ...creditRecord(spec), reason });

function stateChange(spec: RecordSpec, disputed: boolean) {
  return {
    recordId: spec.recordId,
    version: spec.version ?? 1,
    kind: spec.kind ?? 'administrative_penalty',
    providerOrg: spec.providerOrg ?? 'sz-market',
    subject: { uscc: spec.uscc, name: spec.name ?? '深圳市示例科技有限公司' },
    disputed,
  };
}

export const recordWithdrawn = (spec: RecordSpec, at: string, objectionId?: string) =>
  envelope<RecordWithdrawnV1>('RecordWithdrawn', spec.uscc, at, {
    ...stateChange(spec, false),
    reason: '原处罚决定已撤销',
    withdrawnAt: at,
    ...(objectionId ? { objectionId } : {}),
  });

export const recordExpired = (spec: RecordSpec, at: string) =>
  envelope<RecordExpiredV1>('RecordExpired', spec.uscc, at, { ...stateChange(spec, false), expiredAt: at });

export const recordRepaired = (spec: RecordSpec, repairId: string, at: string) =>
  envelope<RecordRepairedV1>('RecordRepaired', spec.uscc, at, { ...stateChange(spec, false), repairId, repairedAt: at });

export const objectionFiled = (spec: RecordSpec, objectionId: string, at: string) =>
  envelope<ObjectionFiledV1>('ObjectionFiled', spec.uscc, at, {
    objectionId,
    recordId: spec.recordId,
    providerOrg: spec.providerOrg ?? 'sz-market',
    subject: { uscc: spec.uscc, name: spec.name ?? '深圳市示例科技有限公司' },
    ground: 'wrong_facts',
    statement: '处罚所依据的事实有误',
    filedBy: 'subject',
    filedAt: at,
    dueAt: new Date(Date.parse(at) + 7 * 86_400_000).toISOString(),
  });

export const objectionDecided = (
  spec: RecordSpec,
  objectionId: string,
  outcome: 'upheld' | 'rejected',
  at: string,
  resolution?: 'corrected' | 'withdrawn',
) =>
  envelope<ObjectionDecidedV1>('ObjectionDecided', spec.uscc, at, {
    objectionId,
    recordId: spec.recordId,
    providerOrg: spec.providerOrg ?? 'sz-market',
    subject: { uscc: spec.uscc, name: spec.name ?? '深圳市示例科技有限公司' },
    outcome,
    ...(resolution ? { resolution } : {}),
    reason: outcome === 'upheld' ? '经复核，异议成立' : '经复核，原记录无误',
    decidedAt: at,
  });

export const repairApplied = (spec: RecordSpec, repairId: string, at: string) =>
  envelope<RepairAppliedV1>('RepairApplied', spec.uscc, at, {
    repairId,
    recordId: spec.recordId,
    providerOrg: spec.providerOrg ?? 'sz-market',
    subject: { uscc: spec.uscc, name: spec.name ?? '深圳市示例科技有限公司' },
    appliedAt: at,
    dueAt: new Date(Date.parse(at) + 5 * 86_400_000).toISOString(),
  });

export const repairDecided = (spec: RecordSpec, repairId: string, outcome: 'approved' | 'rejected', at: string) =>
  envelope<RepairDecidedV1>('RepairDecided', spec.uscc, at, {
    repairId,
    recordId: spec.recordId,
    providerOrg: spec.providerOrg ?? 'sz-market',
    subject: { uscc: spec.uscc, name: spec.name ?? '深圳市示例科技有限公司' },
    outcome,
    reason: outcome === 'approved' ? '已履行义务并作出信用承诺' : '未满最短公示期',
    decidedAt: at,
  });

export const gradeChanged = (
  uscc: string,
  grade: GradeChangedV1['grade'],
  score: number,
  at: string,
  reasons: GradeChangedV1['reasons'],
) =>
  envelope<GradeChangedV1>('GradeChanged', uscc, at, {
    uscc,
    grade,
    previousGrade: null,
    score,
    ruleSetVersion: 1,
    asOf: at,
    reasons,
  });

export const listingDecided = (uscc: string, listingId: string, basisRecordIds: string[], at: string, until: string) =>
  envelope<ListingDecidedV1>('ListingDecided', uscc, at, {
    listingId,
    uscc,
    listType: 'serious_dishonesty',
    outcome: 'listed',
    reason: '拒不履行法定义务，情节严重',
    legalBasis: '《失信行为纠正后的信用信息修复管理办法》',
    basisRecordIds,
    decidedBy: 'sz-credit',
    decidedAt: at,
    effectiveFrom: at,
    effectiveUntil: until,
  });

export const listingRemoved = (uscc: string, listingId: string, at: string) =>
  envelope<ListingRemovedV1>('ListingRemoved', uscc, at, {
    listingId,
    uscc,
    listType: 'serious_dishonesty',
    cause: 'repaired',
    reason: '基础记录已修复',
    removedAt: at,
  });

export const measureRegistered = (measureId: string, content: string) =>
  envelope<MeasureRegisteredV1>('MeasureRegistered', '11440300007542058Q', '2026-01-01T00:00:00Z', {
    measureId,
    version: 1,
    content,
    target: '法人',
    legalBasis: '《关于对失信被执行人实施联合惩戒的合作备忘录》',
    implementingOrg: 'sz-finance',
  });

export const alertIssued = (
  uscc: string,
  alertId: string,
  listingId: string,
  measureId: string,
  kind: 'apply' | 'release',
  at: string,
) =>
  envelope<AlertIssuedV1>('AlertIssued', uscc, at, {
    alertId,
    uscc,
    listingId,
    measureId,
    org: 'sz-finance',
    kind,
    listType: 'serious_dishonesty',
    issuedAt: at,
    acknowledgeBy: new Date(Date.parse(at) + 86_400_000).toISOString(),
    feedbackBy: new Date(Date.parse(at) + 5 * 86_400_000).toISOString(),
  });

export const alertClosed = (
  uscc: string,
  alertId: string,
  listingId: string,
  measureId: string,
  kind: 'apply' | 'release',
  outcome: AlertClosedV1['outcome'],
  at: string,
) =>
  envelope<AlertClosedV1>('AlertClosed', uscc, at, {
    alertId,
    uscc,
    listingId,
    measureId,
    org: 'sz-finance',
    kind,
    outcome,
    reason: outcome === 'applied' ? '已限制参与政府采购' : '不适用',
    closedAt: at,
    user: 'sz-finance:clerk',
  });
