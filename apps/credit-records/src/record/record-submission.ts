// One validation path for every channel (single JSON, batch JSON, CSV/XLSX import): a `RecordSubmissionV1` is checked
// against the catalogue version in force, the provider's organisation, the 双公示 required fields, the identifiers
// and the dates, and comes out either normalised or as a list of field errors `{field, code, message}`
// (PRODUCT.md §3.1, §3.2, §4). Pure: the catalogue, the organisation, the allow-list and the clock are arguments.
import {
  ALIAS_SCHEMES,
  SEVERITIES,
  SUBJECT_CATEGORIES,
  cstDateOf,
  parseIsoDate,
  type AliasScheme,
  type FieldError,
  type OrganizationType,
  type RecordDetailsV1,
  type Severity,
  type SubjectAliasV1,
  type SubjectCategory,
} from '@credit-share/contracts';
import type { CatalogueItem, CatalogueVersion } from '../catalogue/catalogue';
import { compactIdentifier } from '../subject/identifier';
import { validateResidentId } from '../subject/resident-id';
import { validateUscc } from '../subject/uscc';

/** Error codes of a submission row besides the identifier codes LENGTH | FORMAT | CHECKSUM | COMPONENT. */
export const SUBMISSION_ERROR_CODES = [
  'REQUIRED',
  'TYPE',
  'FORMAT',
  'TOO_LONG',
  'INVALID',
  'UNKNOWN_FIELD',
  'NOT_ALLOWED',
  'UNKNOWN_CATALOGUE_ITEM',
  'NOT_AUTHORISED',
  'NOT_MARKET_CREDIT_ITEM',
  'FUTURE_DATE',
  'BEFORE_DECISION_DATE',
  'LENGTH',
  'CHECKSUM',
  'COMPONENT',
] as const;

export interface SubmittingOrganization {
  id: string;
  type: OrganizationType;
  catalogueItems: readonly string[];
}

export interface SubmissionContext {
  catalogue: CatalogueVersion;
  provider: SubmittingOrganization;
  /** Operator's allow-list of legitimately issued non-conforming USCCs (normalised). */
  allowList: ReadonlySet<string>;
  now: Date;
}

export type ValidSubject =
  | {
      category: 'legal_person' | 'individual_business';
      uscc: string;
      name: string;
      aliases: SubjectAliasV1[];
      nonConformingIdentifier: boolean;
    }
  | {
      category: 'natural_person';
      /** Normalised 18-character resident ID. Only ever leaves this function towards encryption and masking. */
      residentId: string;
      name: string;
      aliases: SubjectAliasV1[];
      nonConformingIdentifier: false;
    };

export interface ValidSubmission {
  kind: string;
  item: CatalogueItem;
  catalogueVersion: number;
  subject: ValidSubject;
  severity: Severity | null;
  details: RecordDetailsV1;
}

export type SubmissionValidation = { ok: true; submission: ValidSubmission } | { ok: false; errors: FieldError[] };

const TOP_LEVEL = new Set([
  'kind',
  'subject',
  'decisionDocumentName',
  'decisionDocumentNumber',
  'legalBasis',
  'content',
  'category',
  'decisionDate',
  'validFrom',
  'validUntil',
  'decidingAuthority',
  'sourceOrganization',
  'severity',
  'fineAmountYuan',
  'remarks',
]);
const SUBJECT_FIELDS = new Set(['name', 'category', 'uscc', 'residentId', 'aliases']);
const PARTY_FIELDS = new Set(['name', 'uscc']);

const LIMITS = {
  name: 200,
  documentName: 200,
  documentNumber: 128,
  legalBasis: 2_000,
  content: 4_000,
  category: 200,
  remarks: 2_000,
  alias: 64,
} as const;

/** Largest fine we accept (¥10 trillion): anything larger is a unit error (万元 submitted as yuan ×10⁴ twice). */
const MAX_FINE_YUAN = 1e13;

export function validateSubmission(input: unknown, context: SubmissionContext): SubmissionValidation {
  const errors: FieldError[] = [];
  const fail = (field: string, code: string, message: string) => errors.push({ field, code, message });

  if (!isObject(input)) return { ok: false, errors: [{ field: '', code: 'TYPE', message: 'a record is a JSON object' }] };
  for (const key of Object.keys(input))
    if (!TOP_LEVEL.has(key)) fail(key, 'UNKNOWN_FIELD', `"${key}" is not a field of a record`);

  // Catalogue item and the provider's authorisation.
  const kind = text(input, 'kind', errors, { required: true, max: 64 });
  let item: CatalogueItem | undefined;
  if (kind !== undefined) {
    item = context.catalogue.items.find((i) => i.kind === kind);
    if (!item) {
      fail('kind', 'UNKNOWN_CATALOGUE_ITEM', `"${kind}" is not in catalogue version ${context.catalogue.version}`);
    } else if (isAssociation(context.provider.type) && !item.marketCredit) {
      // Associations and social organisations provide market/industry credit information only (PRODUCT.md §1).
      fail('kind', 'NOT_MARKET_CREDIT_ITEM', `a ${context.provider.type} may only submit market/industry credit information`);
    } else if (!context.provider.catalogueItems.includes(kind)) {
      fail('kind', 'NOT_AUTHORISED', `organisation "${context.provider.id}" is not authorised for "${kind}"`);
    }
  }

  const subject = validateSubject(input['subject'], context, errors);

  const details: Partial<RecordDetailsV1> = {};
  details.decisionDocumentNumber = text(input, 'decisionDocumentNumber', errors, { required: true, max: LIMITS.documentNumber });
  details.decisionDocumentName = text(input, 'decisionDocumentName', errors, { max: LIMITS.documentName });
  details.legalBasis = text(input, 'legalBasis', errors, { max: LIMITS.legalBasis });
  details.content = text(input, 'content', errors, { required: true, max: LIMITS.content });
  details.category = text(input, 'category', errors, { required: item?.kind === 'administrative_penalty', max: LIMITS.category });
  details.remarks = text(input, 'remarks', errors, { max: LIMITS.remarks });

  const today = cstDateOf(context.now);
  details.decisionDate = date(input, 'decisionDate', errors, true);
  if (details.decisionDate !== undefined && details.decisionDate > today) {
    fail(
      'decisionDate',
      'FUTURE_DATE',
      `the decision date ${details.decisionDate} is after today (${today}, China Standard Time)`,
    );
  }
  details.validFrom = date(input, 'validFrom', errors, false);
  // 双公示: a penalty states how long it is in effect (CF_YXQ).
  details.validUntil = date(input, 'validUntil', errors, item?.kind === 'administrative_penalty');
  if (details.decisionDate !== undefined && details.validUntil !== undefined && details.validUntil < details.decisionDate) {
    fail('validUntil', 'BEFORE_DECISION_DATE', 'validUntil must not be before the decision date');
  }
  if (details.validFrom !== undefined && details.validUntil !== undefined && details.validUntil < details.validFrom) {
    fail('validUntil', 'INVALID', 'validUntil must not be before validFrom');
  }

  // 双公示 records name the deciding authority and the source organisation, each with its USCC (CF_CFJG/CF_CFJGDM,
  // CF_SJLY/CF_SJLYDM; XK_XKJG/XK_XKJGDM, XK_SJLY/XK_SJLYDM).
  const required = item?.doublePublicity === true;
  details.decidingAuthority = party(input, 'decidingAuthority', errors, required, context.allowList);
  details.sourceOrganization = party(input, 'sourceOrganization', errors, required, context.allowList);

  const fine = input['fineAmountYuan'];
  if (fine !== undefined && fine !== null) {
    if (typeof fine !== 'number' || !Number.isFinite(fine)) fail('fineAmountYuan', 'TYPE', 'fineAmountYuan is a number of yuan');
    else if (fine < 0 || fine > MAX_FINE_YUAN)
      fail('fineAmountYuan', 'INVALID', 'fineAmountYuan must be between 0 and 10¹³ yuan');
    else details.fineAmountYuan = Math.round(fine * 100) / 100;
  }

  let severity: Severity | null = null;
  const rawSeverity = input['severity'];
  if (rawSeverity !== undefined && rawSeverity !== null) {
    if (typeof rawSeverity !== 'string' || !(SEVERITIES as readonly string[]).includes(rawSeverity)) {
      fail('severity', 'INVALID', `severity is one of ${SEVERITIES.join(', ')}`);
    } else if (item && item.severity === 'none') {
      fail('severity', 'NOT_ALLOWED', `"${item.kind}" records have no severity`);
    } else {
      severity = rawSeverity as Severity;
    }
  } else if (item?.severity === 'required') {
    fail('severity', 'REQUIRED', `a "${item.kind}" record states its severity: ${SEVERITIES.join(', ')}`);
  } else if (item?.defaultSeverity) {
    severity = item.defaultSeverity;
  }

  if (errors.length > 0 || !item || !subject) return { ok: false, errors };
  return {
    ok: true,
    submission: {
      kind: item.kind,
      item,
      catalogueVersion: context.catalogue.version,
      subject,
      severity,
      details: withoutUndefined(details) as RecordDetailsV1,
    },
  };
}

function validateSubject(value: unknown, context: SubmissionContext, errors: FieldError[]): ValidSubject | undefined {
  const fail = (field: string, code: string, message: string) => errors.push({ field: `subject.${field}`, code, message });
  if (value === undefined || value === null) {
    errors.push({ field: 'subject', code: 'REQUIRED', message: 'the subject of the record is required' });
    return undefined;
  }
  if (!isObject(value)) {
    errors.push({ field: 'subject', code: 'TYPE', message: 'subject is an object {name, category, uscc | residentId}' });
    return undefined;
  }
  const before = errors.length;
  for (const key of Object.keys(value))
    if (!SUBJECT_FIELDS.has(key)) fail(key, 'UNKNOWN_FIELD', `"${key}" is not a subject field`);
  const name = text(value, 'name', errors, { required: true, max: LIMITS.name }, 'subject.');
  const rawCategory = value['category'] ?? 'legal_person';
  let category: SubjectCategory = 'legal_person';
  if (typeof rawCategory !== 'string' || !(SUBJECT_CATEGORIES as readonly string[]).includes(rawCategory)) {
    fail('category', 'INVALID', `category is one of ${SUBJECT_CATEGORIES.join(', ')}`);
  } else {
    category = rawCategory as SubjectCategory;
  }
  const aliases = validateAliases(value['aliases'], errors);

  if (category === 'natural_person') {
    if (value['uscc'] !== undefined && value['uscc'] !== null) {
      fail('uscc', 'NOT_ALLOWED', 'a natural person is identified by residentId, not a USCC');
    }
    const raw = value['residentId'];
    if (raw === undefined || raw === null || raw === '') {
      fail('residentId', 'REQUIRED', 'a natural person is identified by a resident ID number');
      return undefined;
    }
    if (typeof raw !== 'string') {
      fail('residentId', 'TYPE', 'residentId is a string');
      return undefined;
    }
    // The messages of validateResidentId never contain the number: a rejected row's report may be shown and logged.
    const result = validateResidentId(raw, context.now);
    if (!result.ok) {
      fail('residentId', result.error.code, result.error.message);
      return undefined;
    }
    if (errors.length > before || name === undefined) return undefined;
    return { category, residentId: result.id, name, aliases, nonConformingIdentifier: false };
  }

  if (value['residentId'] !== undefined && value['residentId'] !== null) {
    // A person's identifier only ever travels as the subject of a natural-person record, never as an extra field.
    fail('residentId', 'NOT_ALLOWED', 'residentId is only for natural persons (category natural_person)');
  }
  const raw = value['uscc'];
  if (raw === undefined || raw === null || raw === '') {
    fail('uscc', 'REQUIRED', "the subject's Unified Social Credit Code is required");
    return undefined;
  }
  if (typeof raw !== 'string') {
    fail('uscc', 'TYPE', 'uscc is a string');
    return undefined;
  }
  const result = validateUscc(raw, context.allowList);
  if (!result.ok) {
    fail('uscc', result.error.code, result.error.message);
    return undefined;
  }
  if (errors.length > before || name === undefined) return undefined;
  return {
    category,
    uscc: result.uscc,
    name,
    aliases,
    nonConformingIdentifier: result.flags.includes('ALLOW_LISTED_NONCONFORMING'),
  };
}

function validateAliases(value: unknown, errors: FieldError[]): SubjectAliasV1[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.push({ field: 'subject.aliases', code: 'TYPE', message: 'aliases is a list of {scheme, value}' });
    return [];
  }
  const aliases: SubjectAliasV1[] = [];
  value.forEach((entry: unknown, i) => {
    const field = `subject.aliases[${i}]`;
    if (!isObject(entry)) {
      errors.push({ field, code: 'TYPE', message: 'an alias is {scheme, value}' });
      return;
    }
    const scheme = entry['scheme'];
    if (typeof scheme !== 'string' || !(ALIAS_SCHEMES as readonly string[]).includes(scheme)) {
      errors.push({ field: `${field}.scheme`, code: 'INVALID', message: `scheme is one of ${ALIAS_SCHEMES.join(', ')}` });
      return;
    }
    const raw = entry['value'];
    if (typeof raw !== 'string' || compactIdentifier(raw) === '') {
      errors.push({ field: `${field}.value`, code: 'REQUIRED', message: 'an alias has a value' });
      return;
    }
    const compact = compactIdentifier(raw);
    if (compact.length > LIMITS.alias) {
      errors.push({ field: `${field}.value`, code: 'TOO_LONG', message: `at most ${LIMITS.alias} characters` });
      return;
    }
    if (!aliases.some((a) => a.scheme === scheme && a.value === compact))
      aliases.push({ scheme: scheme as AliasScheme, value: compact });
  });
  return aliases;
}

function party(
  input: Record<string, unknown>,
  field: 'decidingAuthority' | 'sourceOrganization',
  errors: FieldError[],
  required: boolean,
  allowList: ReadonlySet<string>,
): { name: string; uscc: string } | undefined {
  const value = input[field];
  if (value === undefined || value === null) {
    if (required) errors.push({ field, code: 'REQUIRED', message: `${field} {name, uscc} is required for this kind (双公示)` });
    return undefined;
  }
  if (!isObject(value)) {
    errors.push({ field, code: 'TYPE', message: `${field} is an object {name, uscc}` });
    return undefined;
  }
  const before = errors.length;
  for (const key of Object.keys(value)) {
    if (!PARTY_FIELDS.has(key))
      errors.push({ field: `${field}.${key}`, code: 'UNKNOWN_FIELD', message: `"${key}" is not a field` });
  }
  const name = text(value, 'name', errors, { required: true, max: LIMITS.name }, `${field}.`);
  const raw = value['uscc'];
  let uscc: string | undefined;
  if (raw === undefined || raw === null || raw === '') {
    errors.push({ field: `${field}.uscc`, code: 'REQUIRED', message: 'the USCC is required' });
  } else if (typeof raw !== 'string') {
    errors.push({ field: `${field}.uscc`, code: 'TYPE', message: 'uscc is a string' });
  } else {
    const result = validateUscc(raw, allowList);
    if (result.ok) uscc = result.uscc;
    else errors.push({ field: `${field}.uscc`, code: result.error.code, message: result.error.message });
  }
  return errors.length > before || name === undefined || uscc === undefined ? undefined : { name, uscc };
}

function text(
  input: Record<string, unknown>,
  field: string,
  errors: FieldError[],
  rule: { required?: boolean; max: number },
  prefix = '',
): string | undefined {
  const value = input[field];
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (rule.required) errors.push({ field: prefix + field, code: 'REQUIRED', message: `${field} is required` });
    return undefined;
  }
  if (typeof value !== 'string') {
    errors.push({ field: prefix + field, code: 'TYPE', message: `${field} is a string` });
    return undefined;
  }
  const trimmed = value.trim();
  if (trimmed.length > rule.max) {
    errors.push({ field: prefix + field, code: 'TOO_LONG', message: `${field} has at most ${rule.max} characters` });
    return undefined;
  }
  return trimmed;
}

function date(input: Record<string, unknown>, field: string, errors: FieldError[], required: boolean): string | undefined {
  const value = input[field];
  if (value === undefined || value === null || value === '') {
    if (required) errors.push({ field, code: 'REQUIRED', message: `${field} is required (YYYY-MM-DD)` });
    return undefined;
  }
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || parseIsoDate(value) === null) {
    errors.push({ field, code: 'FORMAT', message: `${field} must be a calendar date YYYY-MM-DD` });
    return undefined;
  }
  if (value < '1949-10-01') {
    errors.push({ field, code: 'INVALID', message: `${field} is before 1949-10-01` });
    return undefined;
  }
  return value;
}

function isAssociation(type: OrganizationType): boolean {
  return type === 'industry_association' || type === 'social_organization';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
