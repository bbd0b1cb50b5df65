// 双公示 (administrative penalty and licensing publicity) files onto the platform's one submission shape
// (RecordSubmissionV1), for both schema generations in use: the c.2016 set ("v1") and the 2019+ set ("v2"). Field codes
// and required flags follow the dictionary in test/fixtures/reference-data/credit_record_fields.tsv (its sources are
// named per row there). See docs/adr/0009-streaming-import.md for the choices made where the standards are silent.
//
// The two generations share most codes but not the meaning of the legacy identifier columns: in v1 code_2 is the
// organisation code (CF_XDR_ZDM) and code_3 the business registration number (CF_XDR_GSDJ); in v2 code_2 is the
// business registration number (CF_XDR_GSZC) and code_3 the organisation code (CF_XDR_ZZJG). The generation of a file
// is therefore decided once, from its header, and a header that mixes generation-specific columns is refused.
import type {
  AliasScheme,
  FieldError,
  RecordSubmissionV1,
  Severity,
  SubjectAliasV1,
  SubjectCategory,
} from '@credit-share/contracts';
import { wanYuanToYuan } from './amount';
import { parseImportDate } from './import-date';

export type Generation = 'v1' | 'v2';
export type RecordFamily = 'penalty' | 'license';

/** Where a column's value goes in the submission. */
type Target =
  | { to: 'subjectName' | 'subjectCategory' | 'uscc' | 'residentId' | 'personIdType' | 'personIdNumber' }
  | { to: 'alias'; scheme: AliasScheme }
  | { to: 'documentName' | 'documentNumber' | 'legalBasis' | 'content' | 'category' | 'remarks' }
  | { to: 'decisionDate' | 'validFrom' | 'validUntil' }
  | { to: 'authorityName' | 'authorityUscc' | 'sourceName' | 'sourceUscc' }
  | { to: 'fine' | 'severity' | 'operation' }
  /** Kept, labelled, in the remarks: the contract has no field of its own for it. */
  | { to: 'note'; label: string }
  /** Understood and deliberately not stored (personal data of a legal representative, feed bookkeeping). */
  | { to: 'ignored' };

interface ColumnSpec {
  code: string;
  generations: readonly Generation[];
  target: Target;
  /** Generations in which the dictionary marks the field required (必填). */
  requiredIn?: readonly Generation[];
}

const BOTH: readonly Generation[] = ['v1', 'v2'];
const V1: readonly Generation[] = ['v1'];
const V2: readonly Generation[] = ['v2'];

/** Not a 双公示 code: the platform's own optional column for a row's severity (light | general | serious). */
export const SEVERITY_COLUMN = 'SEVERITY';

const PENALTY_COLUMNS: readonly ColumnSpec[] = [
  { code: 'CF_XDR_MC', generations: BOTH, target: { to: 'subjectName' }, requiredIn: BOTH },
  { code: 'CF_XDR_LB', generations: V2, target: { to: 'subjectCategory' }, requiredIn: V2 },
  { code: 'CF_XDR_SHXYM', generations: BOTH, target: { to: 'uscc' } },
  { code: 'CF_XDR_GSZC', generations: V2, target: { to: 'alias', scheme: 'business_registration_number' } },
  { code: 'CF_XDR_ZZJG', generations: V2, target: { to: 'alias', scheme: 'organization_code' } },
  { code: 'CF_XDR_ZDM', generations: V1, target: { to: 'alias', scheme: 'organization_code' } },
  { code: 'CF_XDR_GSDJ', generations: V1, target: { to: 'alias', scheme: 'business_registration_number' } },
  { code: 'CF_XDR_SWDJ', generations: BOTH, target: { to: 'alias', scheme: 'tax_registration_number' } },
  { code: 'CF_XDR_SYDW', generations: V2, target: { to: 'alias', scheme: 'institution_certificate_number' } },
  { code: 'CF_XDR_SHZZ', generations: V2, target: { to: 'alias', scheme: 'social_organization_certificate_number' } },
  { code: 'CF_XDR_SFZ', generations: V1, target: { to: 'residentId' } },
  { code: 'CF_XDR_ZJLX', generations: V2, target: { to: 'personIdType' } },
  { code: 'CF_XDR_ZJHM', generations: V2, target: { to: 'personIdNumber' } },
  { code: 'CF_FRDB', generations: V2, target: { to: 'ignored' } },
  { code: 'CF_FR_ZJLX', generations: V2, target: { to: 'ignored' } },
  { code: 'CF_FR_ZJHM', generations: V2, target: { to: 'ignored' } },
  { code: 'CF_FR', generations: V1, target: { to: 'ignored' } },
  { code: 'CF_WSH', generations: BOTH, target: { to: 'documentNumber' }, requiredIn: BOTH },
  { code: 'CF_CFMC', generations: V1, target: { to: 'documentName' } },
  { code: 'CF_WFXW', generations: V2, target: { to: 'category' }, requiredIn: V2 },
  { code: 'CF_CFLB', generations: V2, target: { to: 'note', label: '处罚类别' }, requiredIn: V2 },
  { code: 'CF_CFLB1', generations: V1, target: { to: 'category' } },
  { code: 'CF_CFLB2', generations: V1, target: { to: 'note', label: '处罚类别2' } },
  { code: 'CF_SY', generations: BOTH, target: { to: 'note', label: '违法事实' }, requiredIn: V2 },
  { code: 'CF_YJ', generations: BOTH, target: { to: 'legalBasis' }, requiredIn: V2 },
  { code: 'CF_NR', generations: V2, target: { to: 'content' }, requiredIn: V2 },
  { code: 'CF_JG', generations: V1, target: { to: 'content' }, requiredIn: V1 },
  { code: 'CF_NR_FK', generations: V2, target: { to: 'fine' } },
  { code: 'CF_NR_WFFF', generations: V2, target: { to: 'note', label: '没收违法所得、没收非法财物的金额(万元)' } },
  { code: 'CF_NR_ZKDX', generations: V2, target: { to: 'note', label: '暂扣或吊销证照名称及编号' } },
  { code: 'CF_JDRQ', generations: BOTH, target: { to: 'decisionDate' }, requiredIn: BOTH },
  // Validity, authority and source with their USCCs are v2 columns the c.2016 set lacked; a v1 file may carry them as
  // supplements (the platform needs them), so they do not mark a file as v2.
  { code: 'CF_YXQ', generations: BOTH, target: { to: 'validUntil' }, requiredIn: V2 },
  // The publicity end is computed from severity by the platform's policy, never taken from the provider's file.
  { code: 'CF_GSJZQ', generations: V2, target: { to: 'ignored' } },
  { code: 'CF_CFJG', generations: BOTH, target: { to: 'authorityName' }, requiredIn: V2 },
  { code: 'CF_CFJGDM', generations: BOTH, target: { to: 'authorityUscc' }, requiredIn: V2 },
  // v1 names the authority without its USCC, so it cannot be a `decidingAuthority`; it is kept in the remarks.
  { code: 'CF_XZJG', generations: V1, target: { to: 'note', label: '处罚机关' } },
  { code: 'CF_SJLY', generations: BOTH, target: { to: 'sourceName' }, requiredIn: V2 },
  { code: 'CF_SJLYDM', generations: BOTH, target: { to: 'sourceUscc' }, requiredIn: V2 },
  { code: 'CF_ZT', generations: V1, target: { to: 'ignored' } },
  { code: 'DFBM', generations: V1, target: { to: 'ignored' } },
  { code: 'SJC', generations: V1, target: { to: 'ignored' } },
  { code: 'BZ', generations: BOTH, target: { to: 'remarks' } },
  { code: SEVERITY_COLUMN, generations: BOTH, target: { to: 'severity' } },
];

// The dictionary lists the licensing fields of v2 and, for v1, only the identifier columns that differ; the other
// XK_ codes are common to both. XK_XDR_LB/SHXYM/GSZC/ZZJG/SWDJ are named by analogy with CF_ (the cited export header
// shows those columns without codes).
const LICENSE_COLUMNS: readonly ColumnSpec[] = [
  { code: 'XK_XDR_MC', generations: BOTH, target: { to: 'subjectName' }, requiredIn: BOTH },
  { code: 'XK_XDR_LB', generations: V2, target: { to: 'subjectCategory' } },
  { code: 'XK_XDR_SHXYM', generations: BOTH, target: { to: 'uscc' } },
  { code: 'XK_XDR_GSZC', generations: V2, target: { to: 'alias', scheme: 'business_registration_number' } },
  { code: 'XK_XDR_ZZJG', generations: V2, target: { to: 'alias', scheme: 'organization_code' } },
  { code: 'XK_XDR_ZDM', generations: V1, target: { to: 'alias', scheme: 'organization_code' } },
  { code: 'XK_XDR_GSDJ', generations: V1, target: { to: 'alias', scheme: 'business_registration_number' } },
  { code: 'XK_XDR_SWDJ', generations: BOTH, target: { to: 'alias', scheme: 'tax_registration_number' } },
  { code: 'XK_XDR_SYDW', generations: V2, target: { to: 'alias', scheme: 'institution_certificate_number' } },
  { code: 'XK_XDR_SHZZ', generations: V2, target: { to: 'alias', scheme: 'social_organization_certificate_number' } },
  { code: 'XK_XDR_SFZ', generations: V1, target: { to: 'residentId' } },
  { code: 'XK_XDR_ZJLX', generations: V2, target: { to: 'personIdType' } },
  { code: 'XK_XDR_ZJHM', generations: V2, target: { to: 'personIdNumber' } },
  { code: 'XK_FDDB', generations: V2, target: { to: 'ignored' } },
  { code: 'XK_FR_SFZH', generations: V2, target: { to: 'ignored' } },
  { code: 'XK_XKWS', generations: BOTH, target: { to: 'documentName' } },
  { code: 'XK_WSH', generations: BOTH, target: { to: 'documentNumber' }, requiredIn: BOTH },
  { code: 'XK_XKLB', generations: BOTH, target: { to: 'category' } },
  { code: 'XK_XKZS', generations: BOTH, target: { to: 'note', label: '许可证书名称' } },
  { code: 'XK_XKBH', generations: BOTH, target: { to: 'note', label: '许可编号' } },
  { code: 'XK_NR', generations: BOTH, target: { to: 'content' }, requiredIn: BOTH },
  { code: 'XK_JDRQ', generations: BOTH, target: { to: 'decisionDate' }, requiredIn: BOTH },
  { code: 'XK_YXQZ', generations: BOTH, target: { to: 'validFrom' } },
  { code: 'XK_YXQZI', generations: BOTH, target: { to: 'validUntil' } },
  { code: 'XK_XKJG', generations: BOTH, target: { to: 'authorityName' } },
  { code: 'XK_XKJGDM', generations: BOTH, target: { to: 'authorityUscc' } },
  { code: 'XK_ZT', generations: BOTH, target: { to: 'ignored' } },
  { code: 'XK_LYDW', generations: BOTH, target: { to: 'sourceName' } },
  { code: 'XK_LYDWDM', generations: BOTH, target: { to: 'sourceUscc' } },
  { code: 'XK_SYFW', generations: V2, target: { to: 'ignored' } },
  { code: 'SCBMBM', generations: V2, target: { to: 'ignored' } },
  // 0 = normal, 1 = update, 2 = delete: a bulk feed's per-row operation.
  { code: 'ISINVALID', generations: V1, target: { to: 'operation' } },
  { code: 'SJC', generations: V1, target: { to: 'ignored' } },
  { code: 'BZ', generations: BOTH, target: { to: 'remarks' } },
  { code: SEVERITY_COLUMN, generations: BOTH, target: { to: 'severity' } },
];

const FAMILIES: Record<RecordFamily, { kind: string; prefix: string; columns: readonly ColumnSpec[] }> = {
  penalty: { kind: 'administrative_penalty', prefix: 'CF_', columns: PENALTY_COLUMNS },
  license: { kind: 'administrative_license', prefix: 'XK_', columns: LICENSE_COLUMNS },
};

/** A header that cannot be imported at all: the whole file is refused with these field errors. */
export class HeaderError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}

export interface ColumnMapping {
  family: RecordFamily;
  generation: Generation;
  kind: string;
  /** Canonical code of each column, in file order. */
  columns: readonly string[];
  /** Canonical codes the mapping looks for; `fieldOf` translates submission paths back to them. */
  specs: ReadonlyMap<string, ColumnSpec>;
  /** Codes the dictionary marks required in this generation, in dictionary order. */
  required: readonly string[];
}

export function normaliseHeaderCell(cell: string): string {
  return cell
    .replace(/^\uFEFF/, '')
    .trim()
    .toUpperCase();
}

/** Decides the record family and schema generation of a file from its header row. */
export function resolveHeader(header: readonly string[]): ColumnMapping {
  const columns = header.map(normaliseHeaderCell);
  // Spreadsheet exports often carry empty columns after the last named one; they hold nothing to import.
  while (columns.length > 0 && columns[columns.length - 1] === '') columns.pop();
  if (columns.length === 0) throw new HeaderError('IMPORT.HEADER_MISSING', 'the first row must name the columns');
  const family = familyOf(columns);
  const { kind, columns: dictionary } = FAMILIES[family];
  const byCode = new Map(dictionary.map((spec) => [spec.code, spec]));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  columns.forEach((code, index) => {
    if (code === '') {
      errors.push({ field: `column ${columnLetter(index)}`, code: 'EMPTY_HEADER', message: 'a column without a field code' });
    } else if (!byCode.has(code)) {
      errors.push({
        field: code,
        code: 'UNKNOWN_COLUMN',
        message: `${code} is not a ${family} field code of either 双公示 generation`,
      });
    } else if (seen.has(code)) {
      errors.push({ field: code, code: 'DUPLICATE_COLUMN', message: `${code} appears more than once` });
    }
    seen.add(code);
  });
  if (errors.length > 0) {
    throw new HeaderError('IMPORT.UNKNOWN_COLUMNS', `the header has ${errors.length} column(s) that cannot be imported`, errors);
  }
  const v1Only = columns.filter((c) => sameGenerations(byCode.get(c)!.generations, V1));
  const v2Only = columns.filter((c) => sameGenerations(byCode.get(c)!.generations, V2));
  if (v1Only.length > 0 && v2Only.length > 0) {
    throw new HeaderError(
      'IMPORT.MIXED_GENERATIONS',
      `the header mixes the c.2016 columns ${v1Only.join(', ')} with the 2019+ columns ${v2Only.join(', ')}; ` +
        'their legacy identifier columns mean different things, so use one generation per file',
      [...v1Only, ...v2Only].map((field) => ({ field, code: 'MIXED_GENERATIONS', message: 'column of the other generation' })),
    );
  }
  // A header of only the columns both generations share is read as the current generation.
  const generation: Generation = v1Only.length > 0 ? 'v1' : 'v2';
  const required = dictionary.filter((spec) => spec.requiredIn?.includes(generation)).map((spec) => spec.code);
  return { family, generation, kind, columns, specs: byCode, required };
}

function familyOf(columns: readonly string[]): RecordFamily {
  const penalty = columns.some((c) => c.startsWith('CF_'));
  const license = columns.some((c) => c.startsWith('XK_'));
  if (penalty && license) {
    throw new HeaderError('IMPORT.MIXED_RECORD_TYPES', 'one file holds either penalties (CF_*) or licences (XK_*), not both');
  }
  if (!penalty && !license) {
    throw new HeaderError(
      'IMPORT.UNKNOWN_RECORD_TYPE',
      'the header has no 双公示 field codes: penalties use CF_* (e.g. CF_XDR_MC, CF_WSH), licences XK_* (e.g. XK_XDR_MC, XK_WSH)',
    );
  }
  return penalty ? 'penalty' : 'license';
}

function sameGenerations(a: readonly Generation[], b: readonly Generation[]): boolean {
  return a.length === b.length && a.every((g) => b.includes(g));
}

function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export interface MappedRow {
  row: number;
  submission?: RecordSubmissionV1;
  errors?: FieldError[];
}

export interface RowDefaults {
  /** Severity for penalty rows that do not carry one (the form field `severity`). */
  severity?: Severity;
  /**
   * The submitting organisation. It is the source (数据来源单位) of every row that names none, and the deciding
   * authority of a row that names none or names it by name only (the c.2016 CF_XZJG has no USCC column).
   */
  provider?: { name: string; uscc: string };
}

const SEVERITY_WORDS: Record<string, Severity> = {
  light: 'light',
  general: 'general',
  serious: 'serious',
  轻微: 'light',
  一般: 'general',
  严重: 'serious',
};

export function parseSeverity(value: string): Severity | undefined {
  return SEVERITY_WORDS[value.trim().toLowerCase()];
}

// CF_XDR_LB values as written by providers; the numeric codes are the 2019 standard's code list as commonly exported.
const CATEGORY_WORDS: Record<string, SubjectCategory> = {
  法人及非法人组织: 'legal_person',
  法人和非法人组织: 'legal_person',
  法人: 'legal_person',
  非法人组织: 'legal_person',
  '1': 'legal_person',
  自然人: 'natural_person',
  '2': 'natural_person',
  个体工商户: 'individual_business',
  '3': 'individual_business',
  legal_person: 'legal_person',
  natural_person: 'natural_person',
  individual_business: 'individual_business',
};

const RESIDENT_ID_TYPE = /身份证|^111$|^resident/i;

/** Maps one data row (cells in header order) onto a submission, or onto field errors named by 双公示 code. */
export function mapRow(mapping: ColumnMapping, row: number, cells: readonly string[], defaults: RowDefaults = {}): MappedRow {
  const errors: FieldError[] = [];
  const value = new Map<string, string>();
  for (let index = 0; index < mapping.columns.length; index++) {
    const raw = cells[index];
    if (raw === undefined || raw === '') continue;
    const cell = raw.trim();
    if (cell !== '') value.set(mapping.columns[index]!, cell);
  }
  if (cells.length > mapping.columns.length && cells.slice(mapping.columns.length).some((c) => c.trim() !== '')) {
    errors.push({
      field: `column ${columnLetter(mapping.columns.length)}`,
      code: 'EXTRA_CELLS',
      message: `the row has ${cells.length} cells but the header names ${mapping.columns.length} columns`,
    });
  }
  for (const code of mapping.required) {
    if (!value.has(code)) errors.push({ field: code, code: 'REQUIRED', message: `${code} is required` });
  }

  const submission: Partial<RecordSubmissionV1> & { subject: RecordSubmissionV1['subject'] } = {
    kind: mapping.kind,
    subject: { name: '' },
  };
  const aliases: SubjectAliasV1[] = [];
  const notes: string[] = [];
  let remarks: string | undefined;
  let personIdType: { code: string; value: string } | undefined;
  let personId: { code: string; value: string } | undefined;
  const authority: { name?: string; uscc?: string; codes: string[] } = { codes: [] };
  const source: { name?: string; uscc?: string; codes: string[] } = { codes: [] };

  for (const [code, cell] of value) {
    const target = mapping.specs.get(code)!.target;
    switch (target.to) {
      case 'subjectName':
        submission.subject.name = cell;
        break;
      case 'subjectCategory': {
        const category = CATEGORY_WORDS[cell.replace(/\s/g, '')] ?? CATEGORY_WORDS[cell.toLowerCase()];
        if (category) submission.subject.category = category;
        else
          errors.push({ field: code, code: 'UNKNOWN_VALUE', message: `"${cell}" is not 法人及非法人组织, 自然人 or 个体工商户` });
        break;
      }
      case 'uscc':
        submission.subject.uscc = cell;
        break;
      case 'alias':
        aliases.push({ scheme: target.scheme, value: cell });
        break;
      case 'residentId':
        personId = { code, value: cell };
        break;
      case 'personIdType':
        personIdType = { code, value: cell };
        break;
      case 'personIdNumber':
        personId = { code, value: cell };
        break;
      case 'documentName':
        submission.decisionDocumentName = cell;
        break;
      case 'documentNumber':
        submission.decisionDocumentNumber = cell;
        break;
      case 'legalBasis':
        submission.legalBasis = cell;
        break;
      case 'content':
        submission.content = cell;
        break;
      case 'category':
        submission.category = submission.category ? `${submission.category}；${cell}` : cell;
        break;
      case 'remarks':
        remarks = cell;
        break;
      case 'note':
        notes.push(`${target.label}：${cell}`);
        break;
      case 'decisionDate':
      case 'validFrom':
      case 'validUntil': {
        const parsed = parseImportDate(cell);
        if (parsed.ok) submission[target.to] = parsed.date;
        else errors.push({ field: code, code: 'DATE_FORMAT', message: parsed.message });
        break;
      }
      case 'authorityName':
        authority.name = cell;
        authority.codes.push(code);
        break;
      case 'authorityUscc':
        authority.uscc = cell;
        authority.codes.push(code);
        break;
      case 'sourceName':
        source.name = cell;
        source.codes.push(code);
        break;
      case 'sourceUscc':
        source.uscc = cell;
        source.codes.push(code);
        break;
      case 'fine': {
        const amount = wanYuanToYuan(cell);
        if (amount.ok) submission.fineAmountYuan = amount.yuan;
        else errors.push({ field: code, code: `AMOUNT_${amount.code}`, message: amount.message });
        break;
      }
      case 'severity': {
        const severity = parseSeverity(cell);
        if (severity) submission.severity = severity;
        else
          errors.push({
            field: code,
            code: 'UNKNOWN_VALUE',
            message: `"${cell}" is not light, general or serious (轻微/一般/严重)`,
          });
        break;
      }
      case 'operation':
        if (cell === '2') {
          errors.push({
            field: code,
            code: 'DELETE_NOT_IMPORTED',
            message: 'rows marked deleted (isinvalid = 2) are not imported; withdraw the record with its reason instead',
          });
        } else if (cell !== '0' && cell !== '1') {
          errors.push({ field: code, code: 'UNKNOWN_VALUE', message: `"${cell}" is not 0 (normal), 1 (update) or 2 (delete)` });
        }
        break;
      case 'ignored':
        break;
    }
  }

  if (personId) {
    if (personIdType && !RESIDENT_ID_TYPE.test(personIdType.value)) {
      errors.push({
        field: personIdType.code,
        code: 'UNSUPPORTED_ID_TYPE',
        message: `natural persons are identified by a resident identity card (居民身份证), not "${personIdType.value}"`,
      });
    } else {
      submission.subject.residentId = personId.value;
    }
  }
  // v1 and licence files have no category column: a subject known only by a resident id is a natural person.
  if (!submission.subject.category && !value.has(categoryColumn(mapping))) {
    submission.subject.category = personId && !submission.subject.uscc ? 'natural_person' : 'legal_person';
  }
  if (aliases.length > 0) submission.subject.aliases = aliases;
  const provider = defaults.provider;
  if (provider && source.codes.length === 0) submission.sourceOrganization = { ...provider };
  if (provider && authority.codes.length === 0) {
    const named = legacyAuthority(mapping, value);
    if (named === undefined || named === provider.name) submission.decidingAuthority = { ...provider };
  }
  for (const [pair, field] of [
    [authority, 'decidingAuthority'],
    [source, 'sourceOrganization'],
  ] as const) {
    if (pair.name !== undefined && pair.uscc !== undefined) submission[field] = { name: pair.name, uscc: pair.uscc };
    else if (pair.codes.length > 0) {
      const [nameCode, usccCode] = pairCodes(mapping, field);
      const missing = pair.name === undefined ? nameCode : usccCode;
      if (!errors.some((e) => e.field === missing)) {
        errors.push({ field: missing, code: 'REQUIRED', message: `${missing} is required together with ${pair.codes[0]}` });
      }
    }
  }
  if (notes.length > 0 || remarks !== undefined) {
    submission.remarks =
      notes.length === 0 ? remarks : [...notes, ...(remarks !== undefined ? [`备注：${remarks}`] : [])].join('；');
  }
  if (mapping.family === 'penalty' && submission.severity === undefined && defaults.severity) {
    submission.severity = defaults.severity;
  }
  if (errors.length > 0) return { row, errors };
  return { row, submission: submission as RecordSubmissionV1 };
}

function legacyAuthority(mapping: ColumnMapping, value: ReadonlyMap<string, string>): string | undefined {
  return mapping.family === 'penalty' ? value.get('CF_XZJG') : undefined;
}

function categoryColumn(mapping: ColumnMapping): string {
  return mapping.family === 'penalty' ? 'CF_XDR_LB' : 'XK_XDR_LB';
}

function pairCodes(mapping: ColumnMapping, field: 'decidingAuthority' | 'sourceOrganization'): [string, string] {
  const find = (to: string) =>
    [...mapping.specs.values()].find((s) => s.target.to === to && s.generations.includes(mapping.generation))!.code;
  return field === 'decidingAuthority'
    ? [find('authorityName'), find('authorityUscc')]
    : [find('sourceName'), find('sourceUscc')];
}

// Submission paths (as the record core names them in its field errors) and the target each comes from.
const PATH_TARGETS: ReadonlyArray<[string, Target['to']]> = [
  ['subject.name', 'subjectName'],
  ['subject.category', 'subjectCategory'],
  ['subject.uscc', 'uscc'],
  ['subject.residentId', 'residentId'],
  ['decisionDocumentName', 'documentName'],
  ['decisionDocumentNumber', 'documentNumber'],
  ['legalBasis', 'legalBasis'],
  ['content', 'content'],
  ['category', 'category'],
  ['decisionDate', 'decisionDate'],
  ['validFrom', 'validFrom'],
  ['validUntil', 'validUntil'],
  ['decidingAuthority.name', 'authorityName'],
  ['decidingAuthority.uscc', 'authorityUscc'],
  ['decidingAuthority', 'authorityName'],
  ['sourceOrganization.name', 'sourceName'],
  ['sourceOrganization.uscc', 'sourceUscc'],
  ['sourceOrganization', 'sourceName'],
  ['fineAmountYuan', 'fine'],
  ['severity', 'severity'],
  ['remarks', 'remarks'],
];

/**
 * The 双公示 column a submission path came from in this file, so that errors found by the record core (a USCC that
 * fails its check, a decision date in the future) point at the column the provider knows. Unknown paths stay as they are.
 */
export function columnOf(mapping: ColumnMapping, path: string): string {
  for (const [prefix, to] of PATH_TARGETS) {
    if (path !== prefix && !path.startsWith(`${prefix}.`) && !path.startsWith(`${prefix}[`)) continue;
    const candidates = mapping.columns.filter((code) => {
      const target = mapping.specs.get(code)!.target.to;
      return target === to || (to === 'residentId' && target === 'personIdNumber');
    });
    if (candidates.length > 0) return candidates[0]!;
    if (to === 'severity') return 'severity';
    // Not in this file: name the column the provider should add.
    const dictionary = [...mapping.specs.values()].filter((s) => s.target.to === to);
    const preferred = dictionary.find((s) => s.generations.includes(mapping.generation)) ?? dictionary[0];
    if (preferred) return preferred.code;
  }
  return path;
}
