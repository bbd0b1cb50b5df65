import type { RecordedEvent } from '@credit-share/event-store';
import { toTransportMessage } from './publication';

describe('toTransportMessage', () => {
  const event: RecordedEvent = {
    eventId: '0192f0c4-0000-7000-8000-000000000001',
    streamId: 'organization-sz-amr',
    streamVersion: 1,
    type: 'OrganizationRegistered',
    schemaVersion: 1,
    data: { internal: true },
    metadata: {
      correlationId: 'corr-1',
      causationId: null,
      actor: { user: 'u1', org: 'platform' },
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    },
    occurredAt: new Date('2026-11-26T08:00:00.000Z'),
    recordedAt: new Date('2026-11-26T08:00:00.010Z'),
    cursor: { transactionId: '1', position: '1' },
  };

  it('builds the fixed envelope and headers of PRODUCT.md §4, keyed by the subject', () => {
    const message = toTransportMessage('credit-records', event, {
      type: 'OrganizationRegistered',
      version: 1,
      subject: '11440300690000015X',
      data: { id: 'sz-amr' },
    });
    expect(message.topic).toBe('credit-share.credit-records.v1');
    expect(message.key).toBe('11440300690000015X');
    expect(JSON.parse(message.value)).toEqual({
      id: event.eventId,
      type: 'OrganizationRegistered',
      version: 1,
      occurredAt: '2026-11-26T08:00:00.000Z',
      recordedAt: '2026-11-26T08:00:00.010Z',
      subject: '11440300690000015X',
      producer: 'credit-records',
      data: { id: 'sz-amr' },
    });
    expect(message.headers).toEqual({
      'message-id': event.eventId,
      type: 'OrganizationRegistered',
      'schema-version': '1',
      traceparent: event.metadata.traceparent,
      'correlation-id': 'corr-1',
      'causation-id': event.eventId,
    });
  });
});
