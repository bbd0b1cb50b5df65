// The console lists the catalogue items an operator may grant; the platform decides which exist and which an
// association may have (apps/credit-records/src/catalogue/record-kinds.ts). The two lists must not drift.
import {
  MARKET_CREDIT_KINDS as PLATFORM_MARKET_KINDS,
  RECORD_KINDS as PLATFORM_KINDS,
  isMarketKind,
} from '../../../../credit-records/src/catalogue/record-kinds';
import { RECORD_KINDS, isKnownKind, kindsFor } from './catalogue';

describe('catalogue items in the console', () => {
  it('are the platform’s', () => {
    expect([...RECORD_KINDS]).toEqual([...PLATFORM_KINDS]);
  });

  it('offer associations and social organisations the market kinds only, the platform operator none', () => {
    expect([...kindsFor('industry_association')]).toEqual([...PLATFORM_MARKET_KINDS]);
    expect(kindsFor('social_organization').every(isMarketKind)).toBe(true);
    expect(kindsFor('government_department')).toEqual(RECORD_KINDS);
    expect(kindsFor('platform_operator')).toEqual([]);
  });

  it('recognise only the kinds they list', () => {
    expect(isKnownKind('honor')).toBe(true);
    expect(isKnownKind('weather_report')).toBe(false);
  });
});
