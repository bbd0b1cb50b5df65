// What credit-profiles publishes validates against the contracts the audit ledger and every consumer check.
import { ContractRegistry } from '@credit-share/contracts';
import type { RecordedEvent } from '@credit-share/event-store';
import { toTransportMessage } from '@credit-share/messaging';
import type { AccessLoggedEvent } from './access-log/access-log.repository';
import { publish } from './publish';

const recorded = (type: string, data: unknown): RecordedEvent => ({
  eventId: '01930000-0000-7000-8000-000000000001',
  streamId: 'access-91440300MA0000001X',
  streamVersion: 1,
  type,
  schemaVersion: 1,
  data,
  metadata: { correlationId: 'c', causationId: null, actor: { user: 'u', org: 'sz-tax' }, traceparent: null },
  occurredAt: new Date('2026-11-26T08:00:00Z'),
  recordedAt: new Date('2026-11-26T08:00:00Z'),
  cursor: { transactionId: '1', position: '1' },
});

const served: AccessLoggedEvent = {
  entryId: '01930000-0000-7000-8000-000000000001',
  at: '2026-11-26T08:00:00.000Z',
  org: 'sz-tax',
  user: 'sz-tax:wang',
  roles: ['regulator'],
  purpose: 'inspection',
  uscc: '91440300MA0000001X',
  query: 'report',
  asOf: '2026-06-01T00:00:00.000Z',
  outcome: 'served',
  sharingClasses: ['public'],
  reportNumber: 'CSR-20261126-000000000001',
  reportHash: 'ab'.repeat(32),
};

describe('credit-profiles publish map', () => {
  const contracts = new ContractRegistry();

  it('publishes served and denied access entries as contract-valid AccessLogged v1, keyed by the subject', () => {
    const denied: AccessLoggedEvent = {
      ...served,
      purpose: null,
      outcome: 'denied',
      denialReason: 'PURPOSE_REQUIRED',
      sharingClasses: [],
    };
    delete denied.asOf;
    for (const entry of [served, denied]) {
      const event = recorded('AccessLogged', entry);
      const publication = publish(event)!;
      expect(publication).toMatchObject({ type: 'AccessLogged', version: 1, subject: entry.uscc });
      const message = toTransportMessage('credit-profiles', event, publication);
      expect(message.key).toBe(entry.uscc);
      expect(contracts.validate(JSON.parse(message.value))).toEqual([]);
    }
  });

  it('keeps the report number and hash, and the received history, inside the service', () => {
    expect(publish(recorded('AccessLogged', served))!.data).not.toHaveProperty('reportHash');
    expect(publish(recorded('IntegrationEventReceived', { type: 'RecordPublished' }))).toBeNull();
  });
});
