// The kinds of record the catalogue ships with (PRODUCT.md §3.2). Records of industry associations and social
// organisations are market/industry credit information (市场信用信息), never public credit information, so those
// organisations may only be authorised for the market kinds.

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

export const RECORD_KINDS: readonly string[] = [...PUBLIC_CREDIT_KINDS, ...MARKET_CREDIT_KINDS];

export function isRecordKind(kind: string): boolean {
  return RECORD_KINDS.includes(kind);
}

export function isMarketKind(kind: string): boolean {
  return (MARKET_CREDIT_KINDS as readonly string[]).includes(kind);
}
