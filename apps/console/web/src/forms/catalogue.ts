// The catalogue items an organisation can be authorised for (PRODUCT.md §3.2), with the rule of PRODUCT.md §1 that
// associations and social organisations provide market/industry credit information only. Kinds the platform
// returns that are not listed here are shown by their code (catalogue.spec.ts keeps this list equal to the
// platform's).
import type { OrganizationType } from '../../../../../libs/contracts/src/organizations/organization.contract';

export const PUBLIC_CREDIT_KINDS = [
  'administrative_license',
  'administrative_penalty',
  'court_enforcement',
  'tax_rating',
  'abnormal_operation',
  'credit_commitment',
  'honor',
  'inspection_result',
] as const;
export const MARKET_CREDIT_KINDS = ['industry_self_discipline', 'contract_performance'] as const;
export const RECORD_KINDS = [...PUBLIC_CREDIT_KINDS, ...MARKET_CREDIT_KINDS] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export function isKnownKind(kind: string): kind is RecordKind {
  return (RECORD_KINDS as readonly string[]).includes(kind);
}

/** The kinds an organisation of this type may be authorised for. */
export function kindsFor(type: OrganizationType): readonly RecordKind[] {
  switch (type) {
    case 'platform_operator':
      return [];
    case 'industry_association':
    case 'social_organization':
      return MARKET_CREDIT_KINDS;
    case 'government_department':
      return RECORD_KINDS;
  }
}
