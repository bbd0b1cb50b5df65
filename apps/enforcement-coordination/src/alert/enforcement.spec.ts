// The enforcement process manager, Given events / When input / Then events (or refusal): issue, duplicates,
// acknowledge, feedback, overdue and escalation, release cascade, repair, and the timers the events call for.
import { defaultCalendar, type ListingDecidedV1 } from '@credit-share/contracts';
import { specification } from '@credit-share/testing';
import {
  DEFAULT_ALERT_POLICY,
  alertIdOf,
  alertStatusOf,
  decideAcknowledge,
  decideDeadline,
  decideFeedback,
  decideOnListingDecided,
  decideOnListingRemoved,
  decideOnRecordRepaired,
  enforcementAggregate,
  timerCommandsOf,
  type Context,
  type EnforcementState,
  type MeasureFact,
} from './enforcement';
import type { EnforcementEvent } from './enforcement.events';

const spec = specification<EnforcementState, EnforcementEvent>(enforcementAggregate);

// Thursday 26 November 2026, 10:00 CST: ack by end of Friday 27th, feedback by end of Thursday 3 December.
const NOW = new Date('2026-11-26T02:00:00.000Z');
const ctx: Context = { now: NOW, calendar: defaultCalendar, policy: DEFAULT_ALERT_POLICY };
const ACK_BY = '2026-11-27T15:59:59.999Z';
const FEEDBACK_BY = '2026-12-03T15:59:59.999Z';
const USCC = '91440300MA5G00001X';
const LISTING = 'listing-1';

const decision: ListingDecidedV1 = {
  listingId: LISTING,
  uscc: USCC,
  listType: 'serious_dishonesty',
  outcome: 'listed',
  reason: '拒不履行法院判决',
  legalBasis: '《失信被执行人名单信息公布与惩戒办法》',
  basisRecordIds: ['rec-1', 'rec-2'],
  decidedBy: 'sz-court',
  decidedAt: '2026-11-26T01:00:00.000Z',
  effectiveUntil: '2029-11-26T01:00:00.000Z',
};

const measures: MeasureFact[] = [
  { measureId: 'procurement-exclusion', measureVersion: 2, org: 'sz-finance' },
  { measureId: 'licence-review', measureVersion: 1, org: 'sz-amr' },
  { measureId: 'procurement-exclusion', measureVersion: 2, org: 'sz-finance' }, // named by two memoranda
];

const financeAlert = alertIdOf(LISTING, 'procurement-exclusion', 'sz-finance', 'apply');
const amrAlert = alertIdOf(LISTING, 'licence-review', 'sz-amr', 'apply');

const enforced: EnforcementEvent = {
  type: 'ListingEnforced',
  data: {
    listingId: LISTING,
    uscc: USCC,
    listType: 'serious_dishonesty',
    legalBasis: decision.legalBasis,
    reason: decision.reason,
    decidedBy: 'sz-court',
    decidedAt: decision.decidedAt,
    basisRecordIds: ['rec-1', 'rec-2'],
    effectiveUntil: decision.effectiveUntil,
  },
};
const ref = (alertId: string, measureId: string, org: string, kind: 'apply' | 'release' = 'apply') => ({
  alertId,
  listingId: LISTING,
  uscc: USCC,
  measureId,
  org,
  kind,
});
const issued = (alertId: string, measureId: string, org: string, version: number): EnforcementEvent => ({
  type: 'AlertIssued',
  data: {
    ...ref(alertId, measureId, org),
    listType: 'serious_dishonesty',
    measureVersion: version,
    issuedAt: NOW.toISOString(),
    acknowledgeBy: ACK_BY,
    feedbackBy: FEEDBACK_BY,
  },
});
const financeIssued = issued(financeAlert, 'procurement-exclusion', 'sz-finance', 2);
const amrIssued = issued(amrAlert, 'licence-review', 'sz-amr', 1);
const listed = [enforced, financeIssued, amrIssued];
const later = (iso: string) => new Date(iso);
const financeAcked: EnforcementEvent = {
  type: 'AlertAcknowledged',
  data: {
    ...ref(financeAlert, 'procurement-exclusion', 'sz-finance'),
    acknowledgedAt: '2026-11-26T03:00:00.000Z',
    user: 'fin-1',
  },
};
const financeApplied: EnforcementEvent = {
  type: 'AlertClosed',
  data: {
    ...ref(financeAlert, 'procurement-exclusion', 'sz-finance'),
    outcome: 'applied',
    reason: '已限制投标',
    closedAt: '2026-11-27T03:00:00.000Z',
    user: 'fin-1',
  },
};

describe('ListingDecided (listed)', () => {
  it('emits one alert per (organisation, measure) of the memoranda, with deadlines in working days', () => {
    spec
      .given([])
      .when((s) => decideOnListingDecided(decision, s, measures, ctx))
      .then(listed);
  });

  it('is a no-op when the same decision is replayed: never a second alert', () => {
    spec
      .given(listed)
      .when((s) => decideOnListingDecided(decision, s, measures, ctx))
      .thenNothing();
  });

  it('is a no-op for not_listed', () => {
    spec
      .given([])
      .when((s) => decideOnListingDecided({ ...decision, outcome: 'not_listed' }, s, measures, ctx))
      .thenNothing();
  });

  it('counts deadlines over the National Day holiday', () => {
    const events = decideOnListingDecided(decision, enforcementAggregate.initialState, measures.slice(0, 1), {
      ...ctx,
      now: new Date('2026-09-30T02:00:00.000Z'), // Wednesday before the 1–7 October holiday
    });
    const alert = events[1] as Extract<EnforcementEvent, { type: 'AlertIssued' }>;
    expect(alert.data.acknowledgeBy).toBe('2026-10-08T15:59:59.999Z');
  });
});

describe('AcknowledgeAlert', () => {
  it('emits AlertAcknowledged for the alert of the caller’s organisation', () => {
    spec
      .given(listed)
      .when((s) =>
        decideAcknowledge({ alertId: financeAlert, org: 'sz-finance', user: 'fin-1' }, s, later('2026-11-26T03:00:00.000Z')),
      )
      .then([financeAcked]);
  });

  it('refuses another organisation’s alert as not found', () => {
    spec
      .given(listed)
      .when((s) => decideAcknowledge({ alertId: financeAlert, org: 'sz-amr', user: 'amr-1' }, s, NOW))
      .thenRefuses('ALERT.NOT_FOUND');
  });

  it('is a no-op when already acknowledged', () => {
    spec
      .given([...listed, financeAcked])
      .when((s) => decideAcknowledge({ alertId: financeAlert, org: 'sz-finance', user: 'fin-2' }, s, NOW))
      .thenNothing();
  });
});

describe('ReportFeedback', () => {
  const feedback = { alertId: financeAlert, org: 'sz-finance', user: 'fin-1', outcome: 'applied' as const, reason: '已限制投标' };

  it('emits AlertClosed with the outcome and reason', () => {
    spec
      .given([...listed, financeAcked])
      .when((s) => decideFeedback(feedback, s, later('2026-11-27T03:00:00.000Z')))
      .then([financeApplied]);
  });

  it('refuses feedback before acknowledgement', () => {
    spec
      .given(listed)
      .when((s) => decideFeedback(feedback, s, NOW))
      .thenRefuses('ALERT.NOT_ACKNOWLEDGED');
  });

  it('refuses a blank reason', () => {
    spec
      .given([...listed, financeAcked])
      .when((s) => decideFeedback({ ...feedback, reason: '  ' }, s, NOW))
      .thenRefuses('ALERT.REASON_REQUIRED', ['reason']);
  });

  it('is a no-op for the identical feedback again, and refuses different feedback on a closed alert', () => {
    spec
      .given([...listed, financeAcked, financeApplied])
      .when((s) => decideFeedback(feedback, s, NOW))
      .thenNothing();
    spec
      .given([...listed, financeAcked, financeApplied])
      .when((s) => decideFeedback({ ...feedback, outcome: 'deferred' }, s, NOW))
      .thenRefuses('ALERT.ALREADY_CLOSED');
  });
});

describe('DeadlineReached (overdue and escalation)', () => {
  const afterAck = later('2026-11-27T16:00:00.000Z');
  const ackDeadline = { kind: 'apply' as const, stage: 'acknowledgement' as const };
  const amrAcked: EnforcementEvent = {
    type: 'AlertAcknowledged',
    data: { ...ref(amrAlert, 'licence-review', 'sz-amr'), acknowledgedAt: '2026-11-27T03:00:00.000Z', user: 'amr-1' },
  };
  const overdue = (alertId: string, measureId: string, org: string, stage: 'acknowledgement' | 'feedback'): EnforcementEvent => ({
    type: 'AlertOverdue',
    data: {
      ...ref(alertId, measureId, org),
      stage,
      dueAt: stage === 'acknowledgement' ? ACK_BY : FEEDBACK_BY,
      escalatedTo: 'platform',
    },
  });

  it('emits AlertOverdue, escalated to the operator, for each alert not acknowledged by the deadline', () => {
    spec
      .given([...listed, financeAcked])
      .when((s) => decideDeadline(ackDeadline, s, afterAck))
      .then([overdue(amrAlert, 'licence-review', 'sz-amr', 'acknowledgement')]);
  });

  it('is a no-op when every alert was acknowledged in time, or at the deadline’s last instant', () => {
    spec
      .given([...listed, financeAcked, amrAcked])
      .when((s) => decideDeadline(ackDeadline, s, afterAck))
      .thenNothing();
    spec
      .given(listed)
      .when((s) => decideDeadline(ackDeadline, s, later(ACK_BY)))
      .thenNothing();
    spec
      .given(listed)
      .when((s) => decideDeadline({ kind: 'release', stage: 'acknowledgement' }, s, afterAck))
      .thenNothing();
  });

  it('emits feedback overdue once per open alert, which shows overdue until closed', () => {
    const afterFeedback = later('2026-12-04T00:00:00.000Z');
    const history = [...listed, financeAcked, amrAcked];
    const both = [
      overdue(financeAlert, 'procurement-exclusion', 'sz-finance', 'feedback'),
      overdue(amrAlert, 'licence-review', 'sz-amr', 'feedback'),
    ];
    spec
      .given(history)
      .when((s) => decideDeadline({ kind: 'apply', stage: 'feedback' }, s, afterFeedback))
      .then(both);
    const { state } = spec.given([...history, ...both]).when(() => []);
    expect(state.status !== 'none' && alertStatusOf(state.alerts[financeAlert]!)).toBe('overdue');
    spec
      .given([...history, ...both])
      .when((s) => decideDeadline({ kind: 'apply', stage: 'feedback' }, s, afterFeedback))
      .thenNothing();
    spec
      .given([...history, financeApplied])
      .when((s) => decideDeadline({ kind: 'apply', stage: 'feedback' }, s, afterFeedback))
      .then([both[1]!]);
  });
});

describe('ListingRemoved (release cascade)', () => {
  const removal = { cause: 'decision' as const, reason: '撤销列入决定', removedAt: '2026-12-10T02:00:00.000Z' };
  const ended: EnforcementEvent = {
    type: 'ListingEnforcementEnded',
    data: { listingId: LISTING, uscc: USCC, listType: 'serious_dishonesty', ...removal },
  };
  const releaseAlert = alertIdOf(LISTING, 'procurement-exclusion', 'sz-finance', 'release');

  it('issues a release alert to every organisation that applied a measure, and withdraws alerts without feedback', () => {
    spec
      .given([...listed, financeAcked, financeApplied])
      .when((s) => decideOnListingRemoved(removal, s, ctx))
      .then([
        ended,
        {
          type: 'AlertIssued',
          data: {
            ...ref(releaseAlert, 'procurement-exclusion', 'sz-finance', 'release'),
            listType: 'serious_dishonesty',
            measureVersion: 2,
            releases: financeAlert,
            issuedAt: NOW.toISOString(),
            acknowledgeBy: ACK_BY,
            feedbackBy: FEEDBACK_BY,
          },
        },
        {
          type: 'AlertWithdrawn',
          data: {
            ...ref(amrAlert, 'licence-review', 'sz-amr'),
            reason: 'listing removed (decision) before feedback: nothing to apply',
            withdrawnAt: NOW.toISOString(),
          },
        },
      ]);
  });

  it('is a no-op when the listing was never enforced or is already removed', () => {
    spec
      .given([])
      .when((s) => decideOnListingRemoved(removal, s, ctx))
      .thenNothing();
    spec
      .given([...listed, ended])
      .when((s) => decideOnListingRemoved(removal, s, ctx))
      .thenNothing();
  });

  it('accepts only a confirmation (applied) to close a release alert', () => {
    const released = decideOnListingRemoved(
      removal,
      [...listed, financeAcked, financeApplied].reduce(enforcementAggregate.evolve, enforcementAggregate.initialState),
      ctx,
    );
    const ack: EnforcementEvent = {
      type: 'AlertAcknowledged',
      data: {
        ...ref(releaseAlert, 'procurement-exclusion', 'sz-finance', 'release'),
        acknowledgedAt: NOW.toISOString(),
        user: 'fin-1',
      },
    };
    spec
      .given([...listed, financeAcked, financeApplied, ...released, ack])
      .when((s) =>
        decideFeedback({ alertId: releaseAlert, org: 'sz-finance', user: 'fin-1', outcome: 'deferred', reason: '稍后' }, s, NOW),
      )
      .thenRefuses('ALERT.RELEASE_NEEDS_CONFIRMATION', ['outcome']);
    spec
      .given([...listed, financeAcked, financeApplied, ...released, ack])
      .when((s) =>
        decideFeedback({ alertId: releaseAlert, org: 'sz-finance', user: 'fin-1', outcome: 'applied', reason: '已解除' }, s, NOW),
      )
      .then([
        {
          type: 'AlertClosed',
          data: {
            ...ref(releaseAlert, 'procurement-exclusion', 'sz-finance', 'release'),
            outcome: 'applied',
            reason: '已解除',
            closedAt: NOW.toISOString(),
            user: 'fin-1',
          },
        },
      ]);
  });
});

describe('RecordRepaired', () => {
  const repaired = (recordId: string): EnforcementEvent => ({
    type: 'BasisRecordRepaired',
    data: { listingId: LISTING, uscc: USCC, recordId, repairedAt: '2026-12-01T02:00:00.000Z' },
  });

  it('notes a repaired basis record while others remain', () => {
    spec
      .given(listed)
      .when((s) => decideOnRecordRepaired({ recordId: 'rec-1', repairedAt: '2026-12-01T02:00:00.000Z' }, s, ctx))
      .then([repaired('rec-1')]);
  });

  it('releases when the last basis record is repaired', () => {
    const { state } = spec.given([...listed, repaired('rec-1')]).when(() => []);
    const decided = decideOnRecordRepaired({ recordId: 'rec-2', repairedAt: '2026-12-01T02:00:00.000Z' }, state, ctx);
    expect(decided.map((e) => e.type)).toEqual([
      'BasisRecordRepaired',
      'ListingEnforcementEnded',
      'AlertWithdrawn',
      'AlertWithdrawn',
    ]);
    expect(decided[1]).toMatchObject({ data: { cause: 'repaired' } });
  });

  it('is a no-op for a record that is not a basis record, or repaired twice', () => {
    spec
      .given(listed)
      .when((s) => decideOnRecordRepaired({ recordId: 'rec-9', repairedAt: NOW.toISOString() }, s, ctx))
      .thenNothing();
    spec
      .given([...listed, repaired('rec-1')])
      .when((s) => decideOnRecordRepaired({ recordId: 'rec-1', repairedAt: NOW.toISOString() }, s, ctx))
      .thenNothing();
  });
});

describe('timers the events call for', () => {
  it('sets one timer per (listing, kind, stage) just after the deadline’s last instant, and none for other events', () => {
    expect(timerCommandsOf([enforced, financeIssued, amrIssued, financeAcked, financeApplied])).toEqual([
      {
        timerId: `alert-acknowledgement:${LISTING}:apply`,
        listingId: LISTING,
        kind: 'apply',
        stage: 'acknowledgement',
        dueAt: '2026-11-27T16:00:00.000Z',
      },
      {
        timerId: `alert-feedback:${LISTING}:apply`,
        listingId: LISTING,
        kind: 'apply',
        stage: 'feedback',
        dueAt: '2026-12-03T16:00:00.000Z',
      },
    ]);
    expect(timerCommandsOf([financeAcked, financeApplied])).toEqual([]);
  });
});
