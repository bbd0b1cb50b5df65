// What credit-records publishes for objections and repairs validates against the contracts every consumer checks.
import { ContractRegistry, RECORD_EVENTS } from '@credit-share/contracts';
import type { RecordedEvent } from '@credit-share/event-store';
import { toTransportMessage } from '@credit-share/messaging';
import { publish } from '../publish';
import type { RepairEvent } from '../repair/repair.events';
import type { ObjectionEvent } from './objection.events';

const registry = new ContractRegistry();
const subject = { uscc: '91110000600037341L', name: '北京某某有限公司' };
const regulator = { user: 'amr:li', org: 'sz-amr' };

function recorded(event: ObjectionEvent | RepairEvent, version = 1): RecordedEvent {
  return {
    eventId: `0193a0c0-0000-7000-8000-00000000000${version}`,
    streamId: 'any',
    streamVersion: version,
    type: event.type,
    schemaVersion: 1,
    data: event.data,
    metadata: { correlationId: 'c', causationId: null, actor: regulator, traceparent: null },
    occurredAt: new Date('2026-03-02T02:00:00.000Z'),
    recordedAt: new Date('2026-03-02T02:00:00.001Z'),
    cursor: { transactionId: '1', position: String(version) },
  };
}

const base = { recordId: 'rec-1', providerOrg: 'sz-amr', subject };
const cases: [ObjectionEvent | RepairEvent, string][] = [
  [
    {
      type: 'ObjectionFiled',
      data: {
        ...base,
        objectionId: 'obj-1',
        recordVersion: 1,
        ground: 'wrong_facts',
        statement: 'the fine was paid',
        filedBy: 'subject',
        filedAt: '2026-03-02T02:00:00.000Z',
        dueAt: '2026-03-09T15:59:59.999Z',
        policyVersion: 'objection-window-5wd',
      },
    },
    RECORD_EVENTS.objectionFiled,
  ],
  [
    {
      type: 'ObjectionDecided',
      data: {
        ...base,
        objectionId: 'obj-1',
        outcome: 'upheld',
        resolution: 'corrected',
        reason: 'amount corrected',
        decidedAt: '2026-03-03T02:00:00.000Z',
        decidedBy: regulator,
        late: false,
      },
    },
    RECORD_EVENTS.objectionDecided,
  ],
  [
    {
      type: 'ObjectionDecided',
      data: {
        ...base,
        objectionId: 'obj-2',
        outcome: 'rejected',
        reason: 'stands',
        decidedAt: '2026-03-03T02:00:00.000Z',
        decidedBy: regulator,
        late: true,
      },
    },
    RECORD_EVENTS.objectionDecided,
  ],
  [
    { type: 'ObjectionOverdue', data: { ...base, objectionId: 'obj-1', dueAt: '2026-03-09T15:59:59.999Z' } },
    RECORD_EVENTS.objectionOverdue,
  ],
  [
    {
      type: 'RepairApplied',
      data: {
        ...base,
        repairId: 'rep-1',
        severity: 'general',
        commitment: '承诺',
        evidence: ['receipt'],
        appliedAt: '2026-03-02T02:00:00.000Z',
        dueAt: '2026-03-05T15:59:59.999Z',
        feedbackDueAt: '2026-03-16T15:59:59.999Z',
        policyVersion: 'repair-3wd-10wd',
      },
    },
    RECORD_EVENTS.repairApplied,
  ],
  [
    {
      type: 'RepairDecided',
      data: {
        ...base,
        repairId: 'rep-1',
        outcome: 'approved',
        reason: 'fulfilled',
        decidedAt: '2026-03-04T02:00:00.000Z',
        decidedBy: regulator,
        late: false,
      },
    },
    RECORD_EVENTS.repairDecided,
  ],
];

describe('publish.ts: objections and repairs', () => {
  it.each(cases.map(([event, type], i) => [i, event.type, type, event] as const))(
    '#%i %s is published as a valid %s keyed by the subject',
    (i, _domain, type, event) => {
      const publication = publish(recorded(event, i + 1));
      expect(publication).not.toBeNull();
      expect(publication!.type).toBe(type);
      const message = toTransportMessage('credit-records', recorded(event, i + 1), publication!);
      expect(message.key).toBe(subject.uscc);
      expect(message.topic).toBe('credit-share.credit-records.v1');
      expect(registry.validate(JSON.parse(message.value))).toEqual([]);
    },
  );

  it('keeps the commitment, the evidence, the decider and internal versions inside the service', () => {
    const applied = publish(recorded(cases[4]![0]))!.data as Record<string, unknown>;
    expect(applied).not.toHaveProperty('commitment');
    expect(applied).not.toHaveProperty('evidence');
    const decided = publish(recorded(cases[1]![0]))!.data as Record<string, unknown>;
    expect(decided).not.toHaveProperty('decidedBy');
    const filed = publish(recorded(cases[0]![0]))!.data as Record<string, unknown>;
    expect(filed).not.toHaveProperty('policyVersion');
  });

  it('does not publish a missed repair deadline (no contract; shown on GET /repairs)', () => {
    expect(
      publish(
        recorded({
          type: 'RepairDecisionOverdue',
          data: { ...base, repairId: 'rep-1', dueAt: '2026-03-05T15:59:59.999Z' },
        }),
      ),
    ).toBeNull();
  });

  it('would catch a contract break: a malformed subject fails validation', () => {
    const event = { ...cases[3]![0], data: { ...cases[3]![0].data, subject: { uscc: 'nope', name: 'x' } } } as ObjectionEvent;
    const publication = publish(recorded(event))!;
    const message = toTransportMessage('credit-records', recorded(event), publication);
    expect(registry.validate(JSON.parse(message.value)).length).toBeGreaterThan(0);
  });
});
