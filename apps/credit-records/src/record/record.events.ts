import type { RecordDetailsV1, Severity, SharingClass, SubjectCategory } from '@credit-share/contracts';

/**
 * Who a record is about, as the record keeps it. A natural person is kept by a keyed lookup token and a masked
 * identifier only; the encrypted identifier lives in the subject's own stream (PersonRegistered), never in a record.
 */
export type RecordSubject =
  | { key: string; category: 'legal_person' | 'individual_business'; uscc: string; name: string }
  | { key: string; category: Extract<SubjectCategory, 'natural_person'>; maskedId: string; name: string };

/** The whole version of a record: what was submitted, normalised, and the publicity it implies. */
export interface RecordVersionData {
  version: number;
  severity: Severity | null;
  details: RecordDetailsV1;
  publicFrom: string;
  publicUntil: string | null;
  repairableFrom: string | null;
}

export interface RecordPublished {
  type: 'RecordPublished';
  data: RecordVersionData & {
    recordId: string;
    kind: string;
    catalogueVersion: number;
    sharingClass: SharingClass;
    marketCredit: boolean;
    providerOrg: string;
    subject: RecordSubject;
    submittedAt: string;
  };
}

/**
 * What every later event repeats about its record, as it stands after the event, so that publish.ts can map each
 * event to its contract on its own (every record event downstream carries the whole reference and `disputed`).
 */
export interface RecordReference {
  recordId: string;
  version: number;
  kind: string;
  providerOrg: string;
  subject: RecordSubject;
  disputed: boolean;
}

export interface RecordCorrected {
  type: 'RecordCorrected';
  data: RecordVersionData &
    RecordReference & {
      catalogueVersion: number;
      sharingClass: SharingClass;
      marketCredit: boolean;
      reason: string;
      correctedAt: string;
      subjectName: string;
    };
}

export interface RecordWithdrawn {
  type: 'RecordWithdrawn';
  data: RecordReference & { reason: string; withdrawnAt: string; objectionId?: string };
}

export interface RecordExpired {
  type: 'RecordExpired';
  data: RecordReference & { expiredAt: string };
}

export interface RecordRepaired {
  type: 'RecordRepaired';
  data: RecordReference & { repairId: string; repairedAt: string };
}

/** A pending objection flags the record (PRODUCT.md §3.2); the objection itself is its own aggregate. */
export interface RecordDisputed {
  type: 'RecordDisputed';
  data: { recordId: string; objectionId: string; at: string };
}

export interface RecordDisputeCleared {
  type: 'RecordDisputeCleared';
  data: { recordId: string; objectionId: string; at: string };
}

export type RecordEvent =
  RecordPublished | RecordCorrected | RecordWithdrawn | RecordExpired | RecordRepaired | RecordDisputed | RecordDisputeCleared;

export const RECORD_EVENT_TYPES: readonly RecordEvent['type'][] = [
  'RecordPublished',
  'RecordCorrected',
  'RecordWithdrawn',
  'RecordExpired',
  'RecordRepaired',
  'RecordDisputed',
  'RecordDisputeCleared',
];
