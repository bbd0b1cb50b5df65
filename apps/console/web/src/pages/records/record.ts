// A record as the platform returns it (PRODUCT.md §4: {id, kind, subject, status, disputed, severity?, publicUntil?,
// version} plus details), and how it becomes the record form again for a correction.
import type { RecordDetailsV1 } from '../../../../../../libs/contracts/src/records/record.contract';
import { EMPTY_RECORD_FORM, type RecordForm } from './record-form';

export interface RecordView {
  id: string;
  kind: string;
  subject: { uscc: string; name: string; category?: string };
  status: string;
  disputed: boolean;
  severity?: string | null;
  publicFrom?: string | null;
  publicUntil?: string | null;
  version: number;
  providerOrg?: string;
  details?: Partial<RecordDetailsV1>;
  decisionDocumentNumber?: string;
  decisionDate?: string;
  content?: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

/** The record form filled with the record's current version. */
export function formOfRecord(record: RecordView): RecordForm {
  const d: Partial<RecordDetailsV1> = { ...record, ...(record.details ?? {}) } as Partial<RecordDetailsV1>;
  return {
    ...EMPTY_RECORD_FORM,
    kind: record.kind,
    subjectName: record.subject.name,
    subjectCategory: record.subject.category === 'individual_business' ? 'individual_business' : 'legal_person',
    subjectUscc: record.subject.uscc,
    decisionDocumentName: text(d.decisionDocumentName),
    decisionDocumentNumber: text(d.decisionDocumentNumber),
    legalBasis: text(d.legalBasis),
    content: text(d.content),
    category: text(d.category),
    decisionDate: text(d.decisionDate),
    validFrom: text(d.validFrom),
    validUntil: text(d.validUntil),
    decidingAuthorityName: text(d.decidingAuthority?.name),
    decidingAuthorityUscc: text(d.decidingAuthority?.uscc),
    sourceOrganizationName: text(d.sourceOrganization?.name),
    sourceOrganizationUscc: text(d.sourceOrganization?.uscc),
    severity:
      record.severity === 'light' || record.severity === 'general' || record.severity === 'serious' ? record.severity : '',
    fineAmountYuan: text(d.fineAmountYuan),
    remarks: text(d.remarks),
  };
}

/** Whether a record in this status can still be corrected or withdrawn by its provider. */
export function isOpen(record: RecordView): boolean {
  return record.status === 'published' || record.status === 'corrected';
}
