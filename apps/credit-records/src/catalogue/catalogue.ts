// The public credit information catalogue (公共信用信息目录, PRODUCT.md §2, §3.2) as versioned reference data. One
// stream holds every version the operator published; the newest version in force is what submissions are checked
// against, and every record keeps the catalogue version it was accepted under. Pure: state, evolve, decisions.
import { DomainError, SHARING_CLASSES, type FieldError, type SharingClass, type Severity } from '@credit-share/contracts';
import { MARKET_CREDIT_KINDS, PUBLIC_CREDIT_KINDS } from './record-kinds';

/**
 * 公开属性 of an item: `disclosed` — published to society (社会公开); `authorised` — shown only to those entitled to
 * query it (依申请/授权查询); `government` — shared between government departments only (政务共享).
 */
export const PUBLICITY_ATTRIBUTES = ['disclosed', 'authorised', 'government'] as const;
export type PublicityAttribute = (typeof PUBLICITY_ATTRIBUTES)[number];

export interface CatalogueItem {
  kind: string;
  name: string;
  nameZh: string;
  legalBasis: string;
  publicity: PublicityAttribute;
  sharingClass: SharingClass;
  /** Years the record is retained after its publicity ends (or after its decision when it has none). */
  retentionYears: number;
  /** Market/industry credit information (市场信用信息) of associations and social organisations. */
  marketCredit: boolean;
  /** Adverse (失信) information: its publicity period follows its severity. */
  adverse: boolean;
  /** Severity every record of this kind must state (`required`), may state, or gets by default. */
  severity: 'required' | 'optional' | 'none';
  defaultSeverity?: Severity;
  /** Carries the 双公示 fields (penalties and licences): document name, legal basis, deciding authority, source. */
  doublePublicity: boolean;
}

export interface CatalogueVersion {
  version: number;
  effectiveFrom: string;
  publishedAt: string;
  note: string;
  items: CatalogueItem[];
}

export interface CataloguePublished {
  type: 'CataloguePublished';
  data: CatalogueVersion;
}

export type CatalogueEvent = CataloguePublished;

export interface CatalogueState {
  versions: CatalogueVersion[];
}

export const CATALOGUE_STREAM = 'catalogue';

const KIND = /^[a-z][a-z0-9_]{2,62}$/;

const SOCIAL_CREDIT_REGULATION = '《社会信用体系建设法》（征求意见稿）、国办发〔2020〕49号';

/**
 * Version 1, in force from the first start: the kinds PRODUCT.md §3.2 ships. Legal bases are the instruments the
 * 双公示 and national catalogue notices cite (国家发展改革委 全国公共信用信息基础目录（2024年版）, 国办发〔2020〕49号).
 */
export const INITIAL_CATALOGUE: CatalogueVersion = {
  version: 1,
  effectiveFrom: '2025-01-01',
  publishedAt: '2025-01-01T00:00:00.000Z',
  note: 'initial catalogue (PRODUCT.md §3.2)',
  items: [
    item('administrative_license', 'Administrative licence', '行政许可', '《中华人民共和国行政许可法》第四十条', {
      doublePublicity: true,
    }),
    item('administrative_penalty', 'Administrative penalty', '行政处罚', '《中华人民共和国行政处罚法》第四十八条', {
      adverse: true,
      severity: 'required',
      doublePublicity: true,
    }),
    item(
      'court_enforcement',
      'Dishonest judgment debtor',
      '失信被执行人',
      '《最高人民法院关于公布失信被执行人名单信息的若干规定》',
      {
        adverse: true,
        severity: 'optional',
        defaultSeverity: 'serious',
      },
    ),
    item('tax_rating', 'Tax credit rating', '纳税信用等级', '《纳税信用管理办法》', {
      publicity: 'authorised',
      sharingClass: 'conditional',
    }),
    item('abnormal_operation', 'Abnormal operation list', '经营异常名录', '《企业经营异常名录管理暂行办法》', {
      adverse: true,
      severity: 'optional',
      defaultSeverity: 'general',
    }),
    item('credit_commitment', 'Credit commitment', '信用承诺', '国办发〔2020〕49号', {}),
    item('honor', 'Honour for trustworthiness', '诚实守信相关荣誉', '全国公共信用信息基础目录（2024年版）', {}),
    item(
      'inspection_result',
      'Inspection result',
      '检查结果',
      '《国务院关于在市场监管领域全面推行部门联合"双随机、一公开"监管的意见》',
      {
        adverse: true,
        severity: 'optional',
      },
    ),
    item('industry_self_discipline', 'Industry self-discipline measure', '行业自律惩戒', '行业协会章程及自律公约', {
      marketCredit: true,
      adverse: true,
      severity: 'optional',
      publicity: 'authorised',
      sharingClass: 'conditional',
    }),
    item('contract_performance', 'Contract performance', '合同履约', '《中华人民共和国民法典》合同编', {
      marketCredit: true,
      severity: 'optional',
      publicity: 'authorised',
      sharingClass: 'restricted',
    }),
  ],
};

function item(kind: string, name: string, nameZh: string, legalBasis: string, rest: Partial<CatalogueItem>): CatalogueItem {
  return {
    kind,
    name,
    nameZh,
    legalBasis: legalBasis || SOCIAL_CREDIT_REGULATION,
    publicity: 'disclosed',
    sharingClass: 'public',
    retentionYears: 5,
    marketCredit: false,
    adverse: false,
    severity: 'none',
    doublePublicity: false,
    ...rest,
  };
}

export const initialState: CatalogueState = { versions: [INITIAL_CATALOGUE] };

export function evolve(state: CatalogueState, event: CatalogueEvent): CatalogueState {
  switch (event.type) {
    case 'CataloguePublished':
      return { versions: [...state.versions.filter((v) => v.version !== event.data.version), event.data] };
  }
}

export const catalogueAggregate = { initialState, evolve };

/** The version in force at an instant: the newest whose effective date (CST day) has begun. */
export function versionInForce(state: CatalogueState, at: Date): CatalogueVersion {
  const day = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const inForce = state.versions.filter((v) => v.effectiveFrom <= day).sort((a, b) => b.version - a.version);
  return inForce[0] ?? state.versions[0]!;
}

export function latestVersion(state: CatalogueState): CatalogueVersion {
  return [...state.versions].sort((a, b) => b.version - a.version)[0]!;
}

export interface PublishCatalogue {
  effectiveFrom: string;
  note?: string;
  items: CatalogueItem[];
}

/** A new catalogue version: the whole list of items, checked as a whole. Items are never edited in place. */
export function decidePublish(command: PublishCatalogue, state: CatalogueState, now: Date): CatalogueEvent[] {
  const errors: FieldError[] = [];
  if (
    typeof command.effectiveFrom !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}$/.test(command.effectiveFrom) ||
    Number.isNaN(Date.parse(command.effectiveFrom))
  ) {
    errors.push({ field: 'effectiveFrom', code: 'FORMAT', message: 'effectiveFrom must be a date YYYY-MM-DD' });
  }
  if (!Array.isArray(command.items) || command.items.length === 0) {
    errors.push({ field: 'items', code: 'REQUIRED', message: 'a catalogue version lists at least one item' });
  }
  const seen = new Set<string>();
  (Array.isArray(command.items) ? command.items : []).forEach((entry, i) => {
    const at = (f: string) => `items[${i}].${f}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      errors.push({ field: `items[${i}]`, code: 'TYPE', message: 'an item is an object' });
      return;
    }
    if (typeof entry.kind !== 'string' || !KIND.test(entry.kind))
      errors.push({ field: at('kind'), code: 'FORMAT', message: 'kind is snake_case, 3–63 characters' });
    else if (seen.has(entry.kind))
      errors.push({ field: at('kind'), code: 'DUPLICATE', message: `"${entry.kind}" is listed twice` });
    seen.add(entry.kind);
    for (const f of ['name', 'nameZh', 'legalBasis'] as const) {
      if (typeof entry[f] !== 'string' || entry[f].trim() === '') {
        errors.push({ field: at(f), code: 'REQUIRED', message: `${f} is required` });
      }
    }
    if (!PUBLICITY_ATTRIBUTES.includes(entry.publicity)) {
      errors.push({ field: at('publicity'), code: 'INVALID', message: `publicity is one of ${PUBLICITY_ATTRIBUTES.join(', ')}` });
    }
    if (!SHARING_CLASSES.includes(entry.sharingClass)) {
      errors.push({
        field: at('sharingClass'),
        code: 'INVALID',
        message: `sharingClass is one of ${SHARING_CLASSES.join(', ')}`,
      });
    }
    if (!Number.isInteger(entry.retentionYears) || entry.retentionYears < 1 || entry.retentionYears > 100) {
      errors.push({ field: at('retentionYears'), code: 'INVALID', message: 'retentionYears is a whole number of years, 1–100' });
    }
    if (entry.marketCredit && isPublicKind(entry.kind)) {
      errors.push({ field: at('marketCredit'), code: 'INVALID', message: `"${entry.kind}" is public credit information` });
    }
    if (isMarketKind(entry.kind) && !entry.marketCredit) {
      // Associations' information is never public credit information (PRODUCT.md §1).
      errors.push({
        field: at('marketCredit'),
        code: 'INVALID',
        message: `"${entry.kind}" is market/industry credit information`,
      });
    }
    if (!['required', 'optional', 'none'].includes(entry.severity)) {
      errors.push({ field: at('severity'), code: 'INVALID', message: 'severity is required, optional or none' });
    }
    if (entry.defaultSeverity !== undefined && !['light', 'general', 'serious'].includes(entry.defaultSeverity)) {
      errors.push({ field: at('defaultSeverity'), code: 'INVALID', message: 'defaultSeverity is light, general or serious' });
    }
  });
  if (errors.length > 0) throw DomainError.validation('CATALOGUE.INVALID', 'the catalogue version has invalid items', errors);
  const latest = latestVersion(state);
  if (command.effectiveFrom < latest.effectiveFrom) {
    throw DomainError.ruleViolated(
      'CATALOGUE.EFFECTIVE_DATE_BEFORE_LATEST',
      `a new version cannot take effect before version ${latest.version} (${latest.effectiveFrom})`,
    );
  }
  return [
    {
      type: 'CataloguePublished',
      data: {
        version: latest.version + 1,
        effectiveFrom: command.effectiveFrom,
        publishedAt: now.toISOString(),
        note: command.note ?? '',
        items: command.items.map((entry) => ({
          kind: entry.kind,
          name: entry.name.trim(),
          nameZh: entry.nameZh.trim(),
          legalBasis: entry.legalBasis.trim(),
          publicity: entry.publicity,
          sharingClass: entry.sharingClass,
          retentionYears: entry.retentionYears,
          marketCredit: entry.marketCredit === true,
          adverse: entry.adverse === true,
          severity: entry.severity,
          ...(entry.defaultSeverity ? { defaultSeverity: entry.defaultSeverity } : {}),
          doublePublicity: entry.doublePublicity === true,
        })),
      },
    },
  ];
}

function isPublicKind(kind: string): boolean {
  return (PUBLIC_CREDIT_KINDS as readonly string[]).includes(kind);
}

function isMarketKind(kind: string): boolean {
  return (MARKET_CREDIT_KINDS as readonly string[]).includes(kind);
}
