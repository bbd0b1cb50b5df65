// The record form (POST /api/v1/records, body RecordSubmissionV1): what the provider typed, checked while typing
// with the rules the platform applies — GB 32100 for every USCC, the 双公示 fields a penalty or licence must carry,
// dates that are real, not in the future, and in order — and turned into the submission. Pure, unit-tested.
import type { Severity } from '../../../../../../libs/contracts/src/records/record.contract';
import type { RecordSubmissionV1, SubjectCategory } from '../../../../../../libs/contracts/src/records/submission.contract';
import { parseIsoDate } from '../../../../../../libs/contracts/src/calendar/cst-date';
import { checkUscc, type UsccProblem } from '../../forms/uscc-check';

export interface RecordForm {
  kind: string;
  subjectName: string;
  subjectCategory: Exclude<SubjectCategory, 'natural_person'>;
  subjectUscc: string;
  decisionDocumentName: string;
  decisionDocumentNumber: string;
  legalBasis: string;
  content: string;
  category: string;
  decisionDate: string;
  validFrom: string;
  validUntil: string;
  decidingAuthorityName: string;
  decidingAuthorityUscc: string;
  sourceOrganizationName: string;
  sourceOrganizationUscc: string;
  severity: Severity | '';
  fineAmountYuan: string;
  remarks: string;
}

export type RecordField = keyof RecordForm;

export const EMPTY_RECORD_FORM: RecordForm = {
  kind: 'administrative_penalty',
  subjectName: '',
  subjectCategory: 'legal_person',
  subjectUscc: '',
  decisionDocumentName: '',
  decisionDocumentNumber: '',
  legalBasis: '',
  content: '',
  category: '',
  decisionDate: '',
  validFrom: '',
  validUntil: '',
  decidingAuthorityName: '',
  decidingAuthorityUscc: '',
  sourceOrganizationName: '',
  sourceOrganizationUscc: '',
  severity: '',
  fineAmountYuan: '',
  remarks: '',
};

export type FormProblem =
  | { code: 'required' }
  | { code: 'uscc'; problem: UsccProblem }
  | { code: 'date' }
  | { code: 'futureDate' }
  | { code: 'beforeDecision' }
  | { code: 'amount' };

/** Kinds that carry the 双公示 fields (PRODUCT.md §3.2). */
export const DOUBLE_PUBLICITY_KINDS: readonly string[] = ['administrative_penalty', 'administrative_license'];

export function requiredFields(kind: string): RecordField[] {
  const always: RecordField[] = ['kind', 'subjectName', 'subjectUscc', 'decisionDocumentNumber', 'content', 'decisionDate'];
  if (!DOUBLE_PUBLICITY_KINDS.includes(kind)) return always;
  const doublePublicity: RecordField[] = [
    ...always,
    'legalBasis',
    'validUntil',
    'decidingAuthorityName',
    'decidingAuthorityUscc',
    'sourceOrganizationName',
    'sourceOrganizationUscc',
  ];
  return kind === 'administrative_penalty' ? [...doublePublicity, 'category', 'severity'] : doublePublicity;
}

const USCC_FIELDS: readonly RecordField[] = ['subjectUscc', 'decidingAuthorityUscc', 'sourceOrganizationUscc'];
const DATE_FIELDS: readonly RecordField[] = ['decisionDate', 'validFrom', 'validUntil'];

/** Today as `YYYY-MM-DD` in China Standard Time. */
export function todayCst(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Every problem of the form, by field. `only`: the fields the user has finished with (left, or all on submit), so an
 * empty field is not an error before the user got to it.
 */
export function validateRecordForm(
  form: RecordForm,
  options: { now?: Date; only?: ReadonlySet<RecordField> } = {},
): Partial<Record<RecordField, FormProblem>> {
  const problems: Partial<Record<RecordField, FormProblem>> = {};
  const today = todayCst(options.now);
  for (const field of requiredFields(form.kind)) if (!form[field].trim()) problems[field] = { code: 'required' };
  for (const field of USCC_FIELDS) {
    if (problems[field] || !form[field].trim()) continue;
    const problem = checkUscc(form[field]);
    if (problem) problems[field] = { code: 'uscc', problem };
  }
  for (const field of DATE_FIELDS) {
    const value = form[field].trim();
    if (problems[field] || !value) continue;
    if (!parseIsoDate(value)) problems[field] = { code: 'date' };
  }
  if (!problems.decisionDate && form.decisionDate && form.decisionDate > today) problems.decisionDate = { code: 'futureDate' };
  if (
    !problems.validUntil &&
    !problems.decisionDate &&
    form.validUntil &&
    form.decisionDate &&
    form.validUntil < form.decisionDate
  ) {
    problems.validUntil = { code: 'beforeDecision' };
  }
  const amount = form.fineAmountYuan.trim();
  if (amount && !/^\d{1,12}(\.\d{1,2})?$/.test(amount)) problems.fineAmountYuan = { code: 'amount' };
  if (options.only) {
    for (const field of Object.keys(problems) as RecordField[]) {
      // A USCC that is wrong (not merely incomplete) is shown while it is typed.
      const problem = problems[field]!;
      const visibleEarly = problem.code === 'uscc' && problem.problem.code !== 'LENGTH';
      if (!options.only.has(field) && !visibleEarly) delete problems[field];
    }
  }
  return problems;
}

const orUndefined = (value: string) => (value.trim() ? value.trim() : undefined);

/** The submission the platform receives; call only when validateRecordForm found nothing. */
export function toSubmission(form: RecordForm): RecordSubmissionV1 {
  const party = (name: string, uscc: string) =>
    name.trim() && uscc.trim() ? { name: name.trim(), uscc: uscc.replace(/\s+/g, '').toUpperCase() } : undefined;
  const submission: RecordSubmissionV1 = {
    kind: form.kind,
    subject: {
      name: form.subjectName.trim(),
      category: form.subjectCategory,
      uscc: form.subjectUscc.replace(/\s+/g, '').toUpperCase(),
    },
    decisionDocumentName: orUndefined(form.decisionDocumentName),
    decisionDocumentNumber: form.decisionDocumentNumber.trim(),
    legalBasis: orUndefined(form.legalBasis),
    content: form.content.trim(),
    category: orUndefined(form.category),
    decisionDate: form.decisionDate.trim(),
    validFrom: orUndefined(form.validFrom),
    validUntil: orUndefined(form.validUntil),
    decidingAuthority: party(form.decidingAuthorityName, form.decidingAuthorityUscc),
    sourceOrganization: party(form.sourceOrganizationName, form.sourceOrganizationUscc),
    severity: form.severity || undefined,
    fineAmountYuan: form.fineAmountYuan.trim() ? Number(form.fineAmountYuan.trim()) : undefined,
    remarks: orUndefined(form.remarks),
  };
  return JSON.parse(JSON.stringify(submission)) as RecordSubmissionV1; // drops the undefined fields
}

/** The platform's field paths (`subject.uscc`, `decidingAuthority.name`) as form fields. */
export function formFieldOf(apiField: string): RecordField | undefined {
  const map: Record<string, RecordField> = {
    kind: 'kind',
    'subject.name': 'subjectName',
    'subject.category': 'subjectCategory',
    'subject.uscc': 'subjectUscc',
    decisionDocumentName: 'decisionDocumentName',
    decisionDocumentNumber: 'decisionDocumentNumber',
    legalBasis: 'legalBasis',
    content: 'content',
    category: 'category',
    decisionDate: 'decisionDate',
    validFrom: 'validFrom',
    validUntil: 'validUntil',
    'decidingAuthority.name': 'decidingAuthorityName',
    'decidingAuthority.uscc': 'decidingAuthorityUscc',
    decidingAuthority: 'decidingAuthorityName',
    'sourceOrganization.name': 'sourceOrganizationName',
    'sourceOrganization.uscc': 'sourceOrganizationUscc',
    sourceOrganization: 'sourceOrganizationName',
    severity: 'severity',
    fineAmountYuan: 'fineAmountYuan',
    remarks: 'remarks',
  };
  return map[apiField];
}
