// Joint supervision (PRODUCT.md §3.4–3.5): grades, lists with due process, rule sets and inspection plans. Owned by
// joint-supervision; enforcement coordination acts on listing decisions and removals, credit profiles shows all of it.

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

export const LIST_TYPES = ['serious_dishonesty', 'red'] as const;
export type ListType = (typeof LIST_TYPES)[number];

export interface GradeReasonV1 {
  /** The contributing record, or the listing for a rule that looks at lists. */
  recordId?: string;
  listingId?: string;
  rule: string;
  points: number;
  disputed?: boolean;
}

export interface GradeChangedV1 {
  uscc: string;
  grade: Grade;
  previousGrade: Grade | null;
  score: number;
  ruleSetVersion: number;
  asOf: string;
  reasons: GradeReasonV1[];
}

export interface RuleSetAdoptedV1 {
  version: number;
  effectiveFrom: string;
  /** The rule set as data (start score, deductions, caps, bands, dispute policy). */
  rules: Record<string, unknown>;
  adoptedBy: string;
}

export interface ListingProposedV1 {
  listingId: string;
  uscc: string;
  listType: ListType;
  basisRecordIds: string[];
  legalBasis: string;
  proposedBy: string; // organisation id
  proposedAt: string;
}

export interface ListingNoticedV1 {
  listingId: string;
  uscc: string;
  listType: ListType;
  reasons: string;
  legalBasis: string;
  basisRecordIds: string[];
  /** What would follow, in words (the memoranda are enforcement coordination's). */
  consequences: string;
  howToObject: string;
  removalConditions: string;
  noticedAt: string;
  statementWindowEndsAt: string;
}

export interface ListingWindowWaivedV1 {
  listingId: string;
  uscc: string;
  listType: ListType;
  waivedAt: string;
}

export interface ListingDecidedV1 {
  listingId: string;
  uscc: string;
  listType: ListType;
  outcome: 'listed' | 'not_listed';
  reason: string;
  legalBasis: string;
  basisRecordIds: string[];
  decidedBy: string; // organisation id
  decidedAt: string;
  /** For `listed`: the effective period. */
  effectiveFrom?: string;
  effectiveUntil?: string;
}

export interface ListingRemovedV1 {
  listingId: string;
  uscc: string;
  listType: ListType;
  cause: 'expired' | 'repaired' | 'decision' | 'declined';
  reason: string;
  removedAt: string;
}

export interface InspectionPlanPublishedV1 {
  planId: string;
  seed: string;
  samplingRates: Record<Grade, number>;
  ruleSetVersion: number;
  organizer: string; // organisation id
  subjects: { uscc: string; grade: Grade; inspector: string }[];
  publishedAt: string;
}

export interface InspectionResultReportedV1 {
  resultId: string;
  planId: string;
  uscc: string;
  subjectName: string;
  organizer: string; // organisation id that planned the inspection; the provider of the resulting record
  inspector: string;
  outcome: 'compliant' | 'non_compliant' | 'not_found';
  findings: string;
  inspectedOn: string; // YYYY-MM-DD
}

export const SUPERVISION_EVENTS = {
  gradeChanged: 'GradeChanged',
  ruleSetAdopted: 'RuleSetAdopted',
  listingProposed: 'ListingProposed',
  listingNoticed: 'ListingNoticed',
  listingWindowWaived: 'ListingWindowWaived',
  listingDecided: 'ListingDecided',
  listingRemoved: 'ListingRemoved',
  inspectionPlanPublished: 'InspectionPlanPublished',
  inspectionResultReported: 'InspectionResultReported',
} as const;
