import { defaultCalendar } from '@credit-share/contracts';
import { specification } from '@credit-share/testing';
import {
  decideDecision,
  decidePropose,
  decideRemoval,
  decideWaive,
  listingAggregate,
  type BasisRecord,
  type ProposeListing,
} from './listing';
import type { ListingDecided, ListingEvent, ListingNoticed, ListingProposed } from './listing.events';

const USCC = '91440300MA5FAAAA1X';
const spec = specification(listingAggregate);
// Monday 2026-03-02 10:00 CST; five working days later is the end of Monday 2026-03-09 (CST).
const proposedAt = new Date('2026-03-02T02:00:00Z');
const windowEnds = '2026-03-09T15:59:59.999Z';

const basisRecord = (recordId: string, over: Partial<BasisRecord> = {}): BasisRecord => ({
  recordId,
  uscc: USCC,
  kind: 'administrative_penalty',
  severity: 'serious',
  providerOrg: 'sz-amr',
  inPublicity: true,
  ended: null,
  ...over,
});
const basis = (...records: BasisRecord[]) => new Map(records.map((r) => [r.recordId, r]));
const inForce = basis(basisRecord('r1'), basisRecord('r2'));

const propose: ProposeListing = {
  listingId: 'l1',
  uscc: USCC,
  listType: 'serious_dishonesty',
  basisRecordIds: ['r1', 'r2'],
  legalBasis: '《失信行为纠正后的信用信息修复管理办法》',
  proposedBy: 'sz-amr',
};

const proposed: ListingProposed = {
  type: 'ListingProposed',
  data: {
    listingId: 'l1',
    uscc: USCC,
    listType: 'serious_dishonesty',
    basisRecordIds: ['r1', 'r2'],
    legalBasis: propose.legalBasis,
    proposedBy: 'sz-amr',
    proposedAt: proposedAt.toISOString(),
  },
};
const noticed = (): ListingNoticed => {
  const [, n] = decidePropose(propose, { status: 'none' }, proposedAt, inForce, defaultCalendar) as [
    ListingEvent,
    ListingNoticed,
  ];
  return n;
};
const history = (): ListingEvent[] => [proposed, noticed()];
const afterWindow = new Date('2026-03-09T16:00:00Z');
const listedEvent = (): ListingDecided => ({
  type: 'ListingDecided',
  data: {
    listingId: 'l1',
    uscc: USCC,
    listType: 'serious_dishonesty',
    outcome: 'listed',
    reason: '情节严重',
    legalBasis: propose.legalBasis,
    basisRecordIds: ['r1', 'r2'],
    decidedBy: 'sz-amr',
    decidedAt: afterWindow.toISOString(),
    effectiveFrom: afterWindow.toISOString(),
    effectiveUntil: '2029-03-09T16:00:00.000Z',
  },
});

describe('ProposeListing', () => {
  it('emits ListingProposed and the notice, with reasons, basis, consequences, how to object, removal conditions and a 5-working-day window', () => {
    const events = decidePropose(propose, { status: 'none' }, proposedAt, inForce, defaultCalendar);
    expect(events[0]).toEqual(proposed);
    expect(events[1]).toMatchObject({
      type: 'ListingNoticed',
      data: {
        listingId: 'l1',
        basisRecordIds: ['r1', 'r2'],
        legalBasis: propose.legalBasis,
        noticedAt: proposedAt.toISOString(),
        statementWindowEndsAt: windowEnds,
      },
    });
    const notice = (events[1] as ListingNoticed).data;
    for (const text of [notice.reasons, notice.consequences, notice.howToObject, notice.removalConditions])
      expect(text.length).toBeGreaterThan(10);
  });

  it('counts the window in working days over holidays (Labour Day 2026)', () => {
    const events = decidePropose(propose, { status: 'none' }, new Date('2026-04-30T02:00:00Z'), inForce, defaultCalendar);
    // 2026-05-01..05 are holidays, 2026-05-09 (Saturday) is a working day: 5 working days end on 2026-05-11 (CST).
    expect((events[1] as ListingNoticed).data.statementWindowEndsAt).toBe('2026-05-11T15:59:59.999Z');
  });

  it('is a no-op when the same proposal is sent again', () => {
    spec
      .given(history())
      .when((s) => decidePropose(propose, s, proposedAt, inForce, defaultCalendar))
      .thenNothing();
  });

  it('refuses a different proposal under the same id', () => {
    spec
      .given(history())
      .when((s) => decidePropose({ ...propose, legalBasis: 'other' }, s, proposedAt, inForce, defaultCalendar))
      .thenRefuses('LISTING.ALREADY_PROPOSED');
  });

  it('refuses an entry without basis records', () => {
    spec
      .given([])
      .when((s) => decidePropose({ ...propose, basisRecordIds: [] }, s, proposedAt, inForce, defaultCalendar))
      .thenRefuses('LISTING.BASIS_REQUIRED');
  });

  it('refuses unknown basis records, another subject’s, another organisation’s, and records no longer in publicity', () => {
    const known = basis(
      basisRecord('r1'),
      basisRecord('other', { uscc: '91440300MA5FBBBB2Y' }),
      basisRecord('gone', { inPublicity: false, ended: 'withdrawn' }),
      basisRecord('taxes', { providerOrg: 'sz-tax' }),
    );
    const error = spec
      .given([])
      .when((s) =>
        decidePropose(
          { ...propose, basisRecordIds: ['r1', 'nope', 'other', 'gone', 'taxes'] },
          s,
          proposedAt,
          known,
          defaultCalendar,
        ),
      )
      .thenRefuses('LISTING.BASIS_INVALID', ['basisRecordIds[1]', 'basisRecordIds[2]', 'basisRecordIds[3]', 'basisRecordIds[4]']);
    expect(error.errors.map((e) => e.code)).toEqual(['UNKNOWN_RECORD', 'OTHER_SUBJECT', 'NOT_IN_PUBLICITY', 'NOT_OWN_RECORD']);
  });

  it('refuses a serious-dishonesty entry resting only on records without a severity', () => {
    const honours = basis(basisRecord('h1', { kind: 'honor', severity: null }));
    spec
      .given([])
      .when((s) => decidePropose({ ...propose, basisRecordIds: ['h1'] }, s, proposedAt, honours, defaultCalendar))
      .thenRefuses('LISTING.BASIS_NOT_ADVERSE');
  });
});

describe('WaiveStatementWindow', () => {
  it('emits ListingWindowWaived for the subject', () => {
    spec
      .given(history())
      .when((s) => decideWaive(s, USCC, new Date('2026-03-03T00:00:00Z')))
      .then([
        {
          type: 'ListingWindowWaived',
          data: { listingId: 'l1', uscc: USCC, listType: 'serious_dishonesty', waivedAt: '2026-03-03T00:00:00.000Z' },
        },
      ]);
  });

  it('is a no-op when already waived or when the window has closed', () => {
    const waived: ListingEvent = {
      type: 'ListingWindowWaived',
      data: { listingId: 'l1', uscc: USCC, listType: 'serious_dishonesty', waivedAt: '2026-03-03T00:00:00.000Z' },
    };
    spec
      .given([...history(), waived])
      .when((s) => decideWaive(s, USCC, new Date('2026-03-04T00:00:00Z')))
      .thenNothing();
    spec
      .given(history())
      .when((s) => decideWaive(s, USCC, afterWindow))
      .thenNothing();
  });

  it('refuses another subject, an unknown listing and a decided one', () => {
    spec
      .given(history())
      .when((s) => decideWaive(s, '91440300MA5FBBBB2Y', proposedAt))
      .thenRefuses('LISTING.NOT_YOUR_LISTING');
    spec
      .given([])
      .when((s) => decideWaive(s, USCC, proposedAt))
      .thenRefuses('LISTING.NOT_FOUND');
    spec
      .given([...history(), listedEvent()])
      .when((s) => decideWaive(s, USCC, afterWindow))
      .thenRefuses('LISTING.ALREADY_DECIDED');
  });
});

describe('DecideListing', () => {
  const listed = { outcome: 'listed' as const, reason: '情节严重', decidedBy: 'sz-amr' };

  it('emits ListingDecided listed with a 3-year effective period once the window has closed', () => {
    spec
      .given(history())
      .when((s) => decideDecision(listed, s, afterWindow, inForce))
      .then([listedEvent()]);
  });

  it('emits ListingDecided not_listed without a period', () => {
    const events = decideDecision(
      { ...listed, outcome: 'not_listed', reason: '陈述申辩理由成立' },
      spec.given(history()).when(() => []).state,
      afterWindow,
      inForce,
    );
    expect(events).toEqual([
      { type: 'ListingDecided', data: expect.objectContaining({ outcome: 'not_listed', reason: '陈述申辩理由成立' }) },
    ]);
    expect((events[0] as ListingDecided).data.effectiveUntil).toBeUndefined();
  });

  it('refuses a decision before the statement window closes', () => {
    spec
      .given(history())
      .when((s) => decideDecision(listed, s, new Date(Date.parse(windowEnds)), inForce))
      .thenRefuses('LISTING.STATEMENT_WINDOW_OPEN');
  });

  it('decides before the window closes when the subject waived it', () => {
    const waived: ListingEvent = {
      type: 'ListingWindowWaived',
      data: { listingId: 'l1', uscc: USCC, listType: 'serious_dishonesty', waivedAt: '2026-03-03T00:00:00.000Z' },
    };
    const events = decideDecision(
      listed,
      spec.given([...history(), waived]).when(() => []).state,
      new Date('2026-03-03T01:00:00Z'),
      inForce,
    );
    expect(events).toHaveLength(1);
  });

  it('refuses to list when a basis record was withdrawn while the proposal was pending', () => {
    spec
      .given(history())
      .when((s) =>
        decideDecision(
          listed,
          s,
          afterWindow,
          basis(basisRecord('r1'), basisRecord('r2', { inPublicity: false, ended: 'withdrawn' })),
        ),
      )
      .thenRefuses('LISTING.BASIS_WITHDRAWN');
  });

  it('still lets the proposer decide not_listed when a basis record was withdrawn', () => {
    const gone = basis(
      basisRecord('r1', { inPublicity: false, ended: 'withdrawn' }),
      basisRecord('r2', { inPublicity: false, ended: 'withdrawn' }),
    );
    const events = decideDecision(
      { ...listed, outcome: 'not_listed', reason: '依据已撤销' },
      spec.given(history()).when(() => []).state,
      afterWindow,
      gone,
    );
    expect(events).toHaveLength(1);
  });

  it('refuses another organisation than the proposer, an unknown listing, and a different second decision', () => {
    spec
      .given(history())
      .when((s) => decideDecision({ ...listed, decidedBy: 'sz-tax' }, s, afterWindow, inForce))
      .thenRefuses('LISTING.NOT_PROPOSER');
    spec
      .given([])
      .when((s) => decideDecision(listed, s, afterWindow, inForce))
      .thenRefuses('LISTING.NOT_FOUND');
    spec
      .given([...history(), listedEvent()])
      .when((s) => decideDecision({ ...listed, outcome: 'not_listed' }, s, afterWindow, inForce))
      .thenRefuses('LISTING.ALREADY_DECIDED');
  });

  it('is a no-op when the same decision is sent again', () => {
    spec
      .given([...history(), listedEvent()])
      .when((s) => decideDecision(listed, s, afterWindow, inForce))
      .thenNothing();
  });
});

describe('RemoveListing', () => {
  const listedHistory = () => [...history(), listedEvent()];
  const removed = (cause: string, reason: string, at: string) => ({
    type: 'ListingRemoved',
    data: { listingId: 'l1', uscc: USCC, listType: 'serious_dishonesty', cause, reason, removedAt: at },
  });

  it('emits ListingRemoved on expiry, at the end of the effective period and not before', () => {
    spec
      .given(listedHistory())
      .when((s) => decideRemoval({ cause: 'expired' }, s, new Date('2029-03-09T15:59:59Z')))
      .thenNothing();
    spec
      .given(listedHistory())
      .when((s) => decideRemoval({ cause: 'expired' }, s, new Date('2029-03-09T16:00:00Z')))
      .then([
        removed(
          'expired',
          '有效期于 2029-03-09T16:00:00.000Z 届满 / the effective period ended',
          '2029-03-09T16:00:00.000Z',
        ) as ListingEvent,
      ]);
  });

  it('emits ListingRemoved on repair only when every basis record is repaired', () => {
    const at = new Date('2027-06-01T00:00:00Z');
    const oneRepaired = basis(basisRecord('r1', { ended: 'repaired', inPublicity: false }), basisRecord('r2'));
    spec
      .given(listedHistory())
      .when((s) => decideRemoval({ cause: 'repaired' }, s, at, oneRepaired))
      .thenNothing();
    const allRepaired = basis(
      basisRecord('r1', { ended: 'repaired', inPublicity: false }),
      basisRecord('r2', { ended: 'repaired', inPublicity: false }),
    );
    spec
      .given(listedHistory())
      .when((s) => decideRemoval({ cause: 'repaired' }, s, at, allRepaired))
      .then([
        removed(
          'repaired',
          '作为认定依据的全部记录已完成信用修复 / every basis record was repaired',
          at.toISOString(),
        ) as ListingEvent,
      ]);
  });

  it('emits ListingRemoved by decision of the proposer, and refuses anyone else or an entry not listed', () => {
    const at = new Date('2027-01-01T00:00:00Z');
    spec
      .given(listedHistory())
      .when((s) => decideRemoval({ cause: 'decision', reason: '撤销认定', removedBy: 'sz-amr' }, s, at))
      .then([removed('decision', '撤销认定', at.toISOString()) as ListingEvent]);
    spec
      .given(listedHistory())
      .when((s) => decideRemoval({ cause: 'decision', reason: 'x', removedBy: 'sz-tax' }, s, at))
      .thenRefuses('LISTING.NOT_PROPOSER');
    spec
      .given(history())
      .when((s) => decideRemoval({ cause: 'decision', reason: 'x', removedBy: 'sz-amr' }, s, at))
      .thenRefuses('LISTING.NOT_LISTED');
  });

  it('is a no-op on an entry already removed', () => {
    const gone = removed('decision', '撤销认定', '2027-01-01T00:00:00.000Z') as ListingEvent;
    spec
      .given([...listedHistory(), gone])
      .when((s) => decideRemoval({ cause: 'expired' }, s, new Date('2030-01-01T00:00:00Z')))
      .thenNothing();
  });

  it('lets the subject decline a red-list entry, and nothing else', () => {
    const red = (e: ListingEvent): ListingEvent => ({ ...e, data: { ...e.data, listType: 'red' } }) as ListingEvent;
    const at = new Date('2027-01-01T00:00:00Z');
    spec
      .given(listedHistory().map(red))
      .when((s) => decideRemoval({ cause: 'declined', callerUscc: USCC }, s, at))
      .then([
        {
          ...removed('declined', '主体申请不予公示 / the subject declined being shown', at.toISOString()),
          data: {
            ...removed('declined', '主体申请不予公示 / the subject declined being shown', at.toISOString()).data,
            listType: 'red',
          },
        } as ListingEvent,
      ]);
    spec
      .given(listedHistory())
      .when((s) => decideRemoval({ cause: 'declined', callerUscc: USCC }, s, at))
      .thenRefuses('LISTING.NOT_DECLINABLE');
    spec
      .given(listedHistory().map(red))
      .when((s) => decideRemoval({ cause: 'declined', callerUscc: '91440300MA5FBBBB2Y' }, s, at))
      .thenRefuses('LISTING.NOT_YOUR_LISTING');
  });
});
