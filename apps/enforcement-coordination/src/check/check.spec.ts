import { checkAnswer, checkPurpose, type AlertFact, type ListingFact } from './check';

const at = new Date('2026-11-26T02:00:00.000Z');
const listing = (id: string, status: 'listed' | 'removed'): ListingFact => ({
  listingId: id,
  listType: 'serious_dishonesty',
  status,
  legalBasis: '《失信被执行人名单信息公布与惩戒办法》',
  reason: '拒不履行',
  decidedBy: 'sz-court',
  decidedAt: '2026-11-01T02:00:00.000Z',
  effectiveUntil: null,
  removedAt: status === 'removed' ? '2026-11-20T02:00:00.000Z' : null,
  removalCause: status === 'removed' ? 'decision' : null,
});
const alert = (id: string, listingId: string, kind: 'apply' | 'release', status: string, outcome: string | null): AlertFact => ({
  alertId: id,
  listingId,
  measureId: 'procurement-exclusion',
  org: 'sz-finance',
  kind,
  status,
  outcome,
});
const measure = {
  measureId: 'procurement-exclusion',
  version: 1,
  content: '限制参与政府采购',
  target: '失信主体',
  legalBasis: '《政府采购法》第二十二条',
  implementingOrg: 'sz-finance',
};

describe('embedded check', () => {
  it('requires a known purpose', () => {
    expect(checkPurpose(undefined)).toEqual({ ok: false, reason: 'PURPOSE_REQUIRED' });
    expect(checkPurpose(' ')).toEqual({ ok: false, reason: 'PURPOSE_REQUIRED' });
    expect(checkPurpose('curiosity')).toEqual({ ok: false, reason: 'PURPOSE_UNKNOWN' });
    expect(checkPurpose('public_procurement')).toEqual({ ok: true, purpose: 'public_procurement' });
  });

  it('lists measures in force with why (listing, decision, legal basis), and residual restrictions', () => {
    const answer = checkAnswer(
      { uscc: '91440300MA5G00001X', purpose: 'public_procurement', at },
      [listing('l-1', 'listed'), listing('l-2', 'removed')],
      [
        alert('a-1', 'l-1', 'apply', 'acknowledged', null),
        alert('a-2', 'l-1', 'apply', 'closed', 'not_applicable'),
        alert('a-3', 'l-2', 'apply', 'closed', 'applied'),
        alert('a-4', 'l-2', 'release', 'open', null),
      ],
      new Map([[measure.measureId, measure]]),
    );
    expect(answer.restricted).toBe(true);
    expect(answer.measuresInForce).toEqual([
      {
        measure,
        org: 'sz-finance',
        alertId: 'a-1',
        feedback: { status: 'acknowledged', outcome: null },
        listing: expect.objectContaining({
          listingId: 'l-1',
          legalBasis: '《失信被执行人名单信息公布与惩戒办法》',
          decidedBy: 'sz-court',
        }),
      },
    ]);
    expect(answer.residualRestrictions).toEqual([
      {
        listingId: 'l-2',
        listType: 'serious_dishonesty',
        removedAt: '2026-11-20T02:00:00.000Z',
        cause: 'decision',
        pendingReleases: [{ alertId: 'a-4', org: 'sz-finance', measureId: 'procurement-exclusion', status: 'open' }],
      },
    ]);
  });

  it('is unrestricted once every release is confirmed', () => {
    const answer = checkAnswer(
      { uscc: '91440300MA5G00001X', purpose: 'enforcement', at },
      [listing('l-2', 'removed')],
      [alert('a-3', 'l-2', 'apply', 'closed', 'applied'), alert('a-4', 'l-2', 'release', 'closed', 'applied')],
      new Map(),
    );
    expect(answer).toMatchObject({ restricted: false, measuresInForce: [], residualRestrictions: [] });
  });
});
