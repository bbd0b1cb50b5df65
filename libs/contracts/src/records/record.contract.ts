// Credit records (PRODUCT.md §3.1–3.3): what credit-records tells every other service about subjects, records,
// objections and repairs. Owned by credit-records; joint supervision, enforcement coordination and credit profiles
// build their own views from these events and nothing else.
//
// Every record event carries the record's `disputed` flag as it stands after the event, so a consumer never has to
// remember objections to show it. Records about natural persons never leave credit-records: a person's identifier may
// not be published, logged or used as a key, so only records about subjects with a USCC are integration events.

import type { SharingClass } from '../organizations/organization.contract';

export const SEVERITIES = ['light', 'general', 'serious'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RECORD_STATUSES = ['published', 'withdrawn', 'expired', 'repaired'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/** Kinds of an identifier kept as an alias of a subject (legacy registration numbers and the like). */
export const ALIAS_SCHEMES = [
  'business_registration_number', // 工商注册号
  'organization_code', // 组织机构代码 (GB 11714)
  'tax_registration_number', // 税务登记号
  'institution_certificate_number', // 事业单位证书号
  'social_organization_certificate_number', // 社会组织登记证号
] as const;
export type AliasScheme = (typeof ALIAS_SCHEMES)[number];

export interface SubjectAliasV1 {
  scheme: AliasScheme;
  value: string;
}

export interface SubjectRefV1 {
  uscc: string;
  name: string;
}

/** The 双公示 details of a record, as submitted (amounts in yuan, dates `YYYY-MM-DD` in China Standard Time). */
export interface RecordDetailsV1 {
  decisionDocumentName?: string;
  decisionDocumentNumber: string;
  legalBasis?: string;
  content: string;
  /** 违法行为类型 / 许可类别 and the like: the category inside the kind, free text. */
  category?: string;
  decisionDate: string;
  validFrom?: string;
  validUntil?: string;
  decidingAuthority?: { name: string; uscc: string };
  sourceOrganization?: { name: string; uscc: string };
  fineAmountYuan?: number;
  remarks?: string;
}

/** A record as it stands after publication or correction: the whole current version. */
export interface CreditRecordV1 {
  recordId: string;
  /** Starts at 1; every correction adds one. */
  version: number;
  kind: string;
  catalogueVersion: number;
  sharingClass: SharingClass;
  /** Records of associations and social organisations are market/industry credit information (市场信用信息). */
  marketCredit: boolean;
  providerOrg: string;
  subject: SubjectRefV1;
  severity: Severity | null;
  details: RecordDetailsV1;
  /** Start of publicity (date-time). */
  publicFrom: string;
  /** End of publicity (date-time, exclusive); null when the kind has no publicity limit. */
  publicUntil: string | null;
  /** Earliest instant a repair application is eligible; null when the record cannot be repaired. */
  repairableFrom: string | null;
  disputed: boolean;
}

export type RecordPublishedV1 = CreditRecordV1;

export interface RecordCorrectedV1 extends CreditRecordV1 {
  reason: string;
}

interface RecordStateChangeV1 {
  recordId: string;
  version: number;
  kind: string;
  providerOrg: string;
  subject: SubjectRefV1;
  disputed: boolean;
}

export interface RecordWithdrawnV1 extends RecordStateChangeV1 {
  reason: string;
  withdrawnAt: string;
  /** Set when the withdrawal is the outcome of an upheld objection. */
  objectionId?: string;
}

export interface RecordExpiredV1 extends RecordStateChangeV1 {
  expiredAt: string;
}

export interface RecordRepairedV1 extends RecordStateChangeV1 {
  repairId: string;
  repairedAt: string;
}

export interface SubjectRegisteredV1 {
  uscc: string;
  name: string;
  aliases: SubjectAliasV1[];
  /** The USCC fails GB 32100 but is on the operator's allow-list of legitimately issued codes. */
  nonConformingIdentifier: boolean;
}

export const OBJECTION_GROUNDS = ['wrong_facts', 'wrong_subject', 'beyond_publicity_period', 'should_have_been_removed'] as const;
export type ObjectionGround = (typeof OBJECTION_GROUNDS)[number];

export interface ObjectionFiledV1 {
  objectionId: string;
  recordId: string;
  providerOrg: string;
  subject: SubjectRefV1;
  ground: ObjectionGround;
  statement: string;
  filedBy: 'subject' | 'operator';
  filedAt: string;
  /** Deadline for the provider's decision (working days from the calendar). */
  dueAt: string;
}

export interface ObjectionDecidedV1 {
  objectionId: string;
  recordId: string;
  providerOrg: string;
  subject: SubjectRefV1;
  outcome: 'upheld' | 'rejected';
  /** For `upheld`: what happened to the record. */
  resolution?: 'corrected' | 'withdrawn';
  reason: string;
  decidedAt: string;
}

export interface ObjectionOverdueV1 {
  objectionId: string;
  recordId: string;
  providerOrg: string;
  subject: SubjectRefV1;
  dueAt: string;
}

export interface RepairAppliedV1 {
  repairId: string;
  recordId: string;
  providerOrg: string;
  subject: SubjectRefV1;
  appliedAt: string;
  /** Deadline for the decision (3 working days by default). */
  dueAt: string;
}

export interface RepairDecidedV1 {
  repairId: string;
  recordId: string;
  providerOrg: string;
  subject: SubjectRefV1;
  outcome: 'approved' | 'rejected';
  reason: string;
  decidedAt: string;
}

export const RECORD_EVENTS = {
  subjectRegistered: 'SubjectRegistered',
  published: 'RecordPublished',
  corrected: 'RecordCorrected',
  withdrawn: 'RecordWithdrawn',
  expired: 'RecordExpired',
  repaired: 'RecordRepaired',
  objectionFiled: 'ObjectionFiled',
  objectionDecided: 'ObjectionDecided',
  objectionOverdue: 'ObjectionOverdue',
  repairApplied: 'RepairApplied',
  repairDecided: 'RepairDecided',
} as const;
