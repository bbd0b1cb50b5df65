// What publish.ts emits validates against the published contracts (libs/contracts JSON Schemas), envelope included.
import { ContractRegistry, defaultCalendar, type IntegrationEvent } from '@credit-share/contracts';
import type { RecordedEvent } from '@credit-share/event-store';
import { toTransportMessage } from '@credit-share/messaging';
import {
  DEFAULT_ALERT_POLICY,
  decideAcknowledge,
  decideDeadline,
  decideFeedback,
  decideOnListingDecided,
  decideOnListingRemoved,
  enforcementAggregate,
} from './alert/enforcement';
import type { EnforcementEvent } from './alert/enforcement.events';
import type { MeasureEvent, MemorandumEvent } from './catalogue/catalogue.events';
import type { CheckLogged } from './check/check.events';
import { publish } from './publish';

const contracts = new ContractRegistry();
const NOW = new Date('2026-11-26T02:00:00.000Z');
const ctx = { now: NOW, calendar: defaultCalendar, policy: DEFAULT_ALERT_POLICY };
const USCC = '91440300MA5G00001X';

function recorded(event: { type: string; data: unknown }, n: number): RecordedEvent {
  return {
    eventId: `0192f0f0-0000-7000-8000-${String(n).padStart(12, '0')}`,
    streamId: 's',
    streamVersion: n,
    type: event.type,
    schemaVersion: 1,
    data: event.data,
    metadata: { correlationId: 'c', causationId: null, actor: { user: 'u', org: 'platform' }, traceparent: null },
    occurredAt: NOW,
    recordedAt: NOW,
    cursor: { transactionId: '1', position: String(n) },
  };
}

/** A whole enforcement: listed → acknowledged → applied → overdue (other org) → removed → release. */
function lifecycle(): EnforcementEvent[] {
  const events: EnforcementEvent[] = [];
  const run = (decide: (s: ReturnType<typeof enforcementAggregate.evolve>) => EnforcementEvent[]) => {
    const state = events.reduce(enforcementAggregate.evolve, enforcementAggregate.initialState);
    events.push(...decide(state));
  };
  run((s) =>
    decideOnListingDecided(
      {
        listingId: 'listing-1',
        uscc: USCC,
        listType: 'serious_dishonesty',
        outcome: 'listed',
        reason: 'r',
        legalBasis: 'l',
        basisRecordIds: ['rec-1'],
        decidedBy: 'sz-court',
        decidedAt: NOW.toISOString(),
      },
      s,
      [
        { measureId: 'm-1', measureVersion: 1, org: 'sz-finance' },
        { measureId: 'm-2', measureVersion: 1, org: 'sz-amr' },
      ],
      ctx,
    ),
  );
  const [finance] = events.filter((e) => e.type === 'AlertIssued').map((e) => (e.data as { alertId: string }).alertId);
  run((s) => decideAcknowledge({ alertId: finance!, org: 'sz-finance', user: 'fin-1' }, s, NOW));
  run((s) =>
    decideFeedback({ alertId: finance!, org: 'sz-finance', user: 'fin-1', outcome: 'applied', reason: '已限制' }, s, NOW),
  );
  run((s) => decideDeadline({ kind: 'apply', stage: 'acknowledgement' }, s, new Date('2026-12-01T00:00:00Z')));
  run((s) => decideOnListingRemoved({ cause: 'expired', reason: '期满', removedAt: NOW.toISOString() }, s, ctx));
  return events;
}

describe('publish.ts', () => {
  it('emits contract-valid integration events for every published domain event, and keeps internal steps inside', () => {
    const catalogue: (MeasureEvent | MemorandumEvent | CheckLogged)[] = [
      {
        type: 'MeasureRegistered',
        data: {
          measureId: 'm-1',
          version: 1,
          content: 'c',
          target: 't',
          legalBasis: 'l',
          implementingOrg: 'sz-finance',
          implementingOrgUscc: '11440300690000031L',
        },
      },
      {
        type: 'MemorandumAdopted',
        data: {
          memorandumId: 'memo-1',
          version: 1,
          listType: 'serious_dishonesty',
          measureIds: ['m-1'],
          title: 'x',
          adoptedByUscc: '12440300MB2C00013E',
        },
      },
      {
        type: 'CheckLogged',
        data: {
          entryId: 'e-1',
          at: NOW.toISOString(),
          org: 'sz-finance',
          user: 'u',
          roles: ['enforcer'],
          purpose: null,
          uscc: USCC,
          query: 'check',
          outcome: 'denied',
          denialReason: 'PURPOSE_REQUIRED',
          sharingClasses: [],
        },
      },
    ];
    const all = [...catalogue, ...lifecycle()];
    const published: IntegrationEvent[] = [];
    all.forEach((event, i) => {
      const publication = publish(recorded(event, i + 1));
      if (!publication) return;
      const message = toTransportMessage('enforcement-coordination', recorded(event, i + 1), publication);
      const envelope = JSON.parse(message.value) as IntegrationEvent;
      expect([envelope.type, contracts.validate(envelope)]).toEqual([envelope.type, []]);
      published.push(envelope);
    });
    expect(published.map((e) => e.type)).toEqual([
      'MeasureRegistered',
      'MemorandumAdopted',
      'CheckLogged',
      'AlertIssued',
      'AlertIssued',
      'AlertAcknowledged',
      'AlertClosed',
      'AlertOverdue',
      'AlertIssued', // release to the organisation that applied
      'AlertClosed', // the other organisation's alert, withdrawn
    ]);
    expect(published.at(-1)!.data).toMatchObject({ outcome: 'not_applicable', user: 'system' });
    expect(published.filter((e) => e.type.startsWith('Alert')).every((e) => e.subject === USCC)).toBe(true);
    expect(published.map((e) => e.subject).slice(0, 2)).toEqual(['11440300690000031L', '12440300MB2C00013E']); // catalogue: the organisations' USCCs
    expect(publish(recorded({ type: 'ListingEnforced', data: {} }, 99))).toBeNull();
  });
});
