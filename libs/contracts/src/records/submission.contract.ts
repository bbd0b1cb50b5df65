// The body of `POST /api/v1/records` and of each row of `POST /records/batch` (PRODUCT.md §3.2, §4). File import
// maps each CSV/XLSX row of 双公示 field codes onto this same shape, so every channel is validated by one function.

import type { Severity, SubjectAliasV1 } from './record.contract';

export const SUBJECT_CATEGORIES = ['legal_person', 'individual_business', 'natural_person'] as const;
export type SubjectCategory = (typeof SUBJECT_CATEGORIES)[number];

export interface RecordSubmissionV1 {
  kind: string;
  subject: {
    name: string;
    category?: SubjectCategory; // default legal_person
    uscc?: string; // required unless category is natural_person
    residentId?: string; // natural persons only; stored encrypted, shown masked
    aliases?: SubjectAliasV1[];
  };
  decisionDocumentName?: string;
  decisionDocumentNumber: string;
  legalBasis?: string;
  content: string;
  category?: string;
  decisionDate: string; // YYYY-MM-DD
  validFrom?: string;
  validUntil?: string;
  decidingAuthority?: { name: string; uscc: string };
  sourceOrganization?: { name: string; uscc: string };
  severity?: Severity;
  fineAmountYuan?: number;
  remarks?: string;
}

/** One row of a batch or import report (PRODUCT.md §4). */
export interface SubmissionRowReport {
  row: number;
  status: 'accepted' | 'rejected';
  recordId?: string;
  errors?: { field: string; code: string; message: string }[];
}

export interface SubmissionReport {
  accepted: number;
  rejected: number;
  rows: SubmissionRowReport[];
}
