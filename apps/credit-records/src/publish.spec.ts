// Everything publish.ts emits must validate against the published contracts (libs/contracts schemas), and records
// about natural persons are never published.
import { ContractRegistry } from '@credit-share/contracts';
import type { DomainEvent, RecordedEvent } from '@credit-share/event-store';
import { toTransportMessage } from '@credit-share/messaging';
import { publish } from './publish';
import {
  decideCorrect,
  decideExpire,
  decidePublish,
  decideWithdraw,
  markDisputed,
  markRepaired,
  recordAggregate,
  type PublishRecord,
} from './record/record';
import type { RecordEvent } from './record/record.events';

const registry = new ContractRegistry();
let position = 0;

function recorded(event: DomainEvent): RecordedEvent {
  position++;
  return {
    eventId: `0192f0c4-0000-7000-8000-${String(position).padStart(12, '0')}`,
    streamId: 's',
    streamVersion: position,
    type: event.type,
    schemaVersion: 1,
    data: event.data,
    metadata: { correlationId: 'c', causationId: null, actor: { user: 'u', org: 'sz-amr' }, traceparent: null },
    occurredAt: new Date('2026-03-02T02:00:00Z'),
    recordedAt: new Date('2026-03-02T02:00:00Z'),
    cursor: { transactionId: '1', position: String(position) },
  };
}

const fold = (events: RecordEvent[]) => events.reduce(recordAggregate.evolve, recordAggregate.initialState);

const base: PublishRecord = {
  recordId: '0192f0c4-aaaa-7000-8000-000000000001',
  kind: 'administrative_penalty',
  catalogueVersion: 1,
  sharingClass: 'public',
  marketCredit: false,
  providerOrg: 'sz-amr',
  subject: {
    key: '91230500MA1B3N1N2M',
    category: 'legal_person',
    uscc: '91230500MA1B3N1N2M',
    name: '双鸭山智慧城市运营有限公司',
  },
  severity: 'general',
  details: {
    decisionDocumentNumber: '市场【2026】1号',
    content: '罚款2000元',
    decisionDate: '2026-02-27',
    validUntil: '2026-03-06',
    decidingAuthority: { name: '深圳市市场监督管理局', uscc: '11440300690000015X' },
    sourceOrganization: { name: '深圳市市场监督管理局', uscc: '11440300690000015X' },
    fineAmountYuan: 2000,
  },
};

function lifecycle(command: PublishRecord): RecordEvent[] {
  const t0 = new Date('2026-03-02T02:00:00Z');
  const events: RecordEvent[] = decidePublish(command, recordAggregate.initialState, t0);
  events.push(...markDisputed({ recordId: command.recordId, objectionId: 'o1' }, fold(events), t0));
  events.push(
    ...decideCorrect(
      {
        recordId: command.recordId,
        providerOrg: 'sz-amr',
        reason: '金额更正',
        subjectKey: command.subject.key,
        subjectName: command.subject.name,
        kind: command.kind,
        severity: 'general',
        details: { ...command.details, fineAmountYuan: 3000 },
      },
      fold(events),
      t0,
    ),
  );
  const repairable = fold(events);
  events.push(...markRepaired({ recordId: command.recordId, repairId: 'rp1' }, repairable, new Date('2026-06-01T00:00:00Z')));
  return events;
}

function published(events: DomainEvent[]) {
  return events
    .map((e) => recorded(e))
    .flatMap((r) => {
      const publication = publish(r);
      return publication ? [{ recorded: r, publication }] : [];
    });
}

describe('publish.ts', () => {
  it('maps every record event about an organisation to a contract event that validates', () => {
    const events = lifecycle(base);
    const expired = decideExpire(
      fold(decidePublish(base, recordAggregate.initialState, new Date())),
      new Date('2028-01-01T00:00:00Z'),
    );
    const withdrawn = decideWithdraw(
      { recordId: base.recordId, providerOrg: 'sz-amr', reason: '撤销' },
      fold(decidePublish(base, recordAggregate.initialState, new Date())),
      new Date(),
    );
    const subject = {
      type: 'SubjectRegistered',
      data: {
        uscc: base.subject.key,
        name: '甲',
        category: 'legal_person',
        aliases: [{ scheme: 'organization_code', value: 'MA1B3N1N2' }],
        nonConformingIdentifier: false,
      },
    };
    const aliases = {
      type: 'SubjectAliasesAdded',
      data: {
        subjectKey: base.subject.key,
        aliases: [{ scheme: 'business_registration_number', value: '230500100012345' }],
        subject: {
          uscc: base.subject.key,
          name: '甲',
          aliases: [
            { scheme: 'organization_code', value: 'MA1B3N1N2' },
            { scheme: 'business_registration_number', value: '230500100012345' },
          ],
          nonConformingIdentifier: false,
        },
      },
    };
    const out = published([...events, ...expired, ...withdrawn, subject, aliases]);
    expect(out.map((o) => o.publication.type)).toEqual([
      'RecordPublished',
      'RecordCorrected',
      'RecordRepaired',
      'RecordExpired',
      'RecordWithdrawn',
      'SubjectRegistered',
      'SubjectRegistered',
    ]);
    for (const { recorded: r, publication } of out) {
      const message = toTransportMessage('credit-records', r, publication);
      expect(message.key).toBe('91230500MA1B3N1N2M');
      expect(registry.validate(JSON.parse(message.value))).toEqual([]);
    }
    // The objection's flag travels with every later record event.
    expect(out.find((o) => o.publication.type === 'RecordCorrected')!.publication.data).toMatchObject({
      disputed: true,
      version: 2,
    });
    expect(out.find((o) => o.publication.type === 'RecordRepaired')!.publication.data).toMatchObject({ disputed: true });
  });

  it('publishes nothing about natural persons, and their identifier appears in no message', () => {
    const person: PublishRecord = {
      ...base,
      recordId: '0192f0c4-aaaa-7000-8000-000000000002',
      subject: { key: 'person:tok', category: 'natural_person', maskedId: '3604**********0071', name: '张三' },
    };
    const events: DomainEvent[] = [
      ...lifecycle(person),
      {
        type: 'PersonRegistered',
        data: { personToken: 'tok', encryptedId: 'v1.x.y', maskedId: '3604**********0071', name: '张三' },
      },
    ];
    expect(published(events)).toEqual([]);
  });

  it('keeps internal events inside the service', () => {
    const internal: DomainEvent[] = [
      { type: 'RecordDisputed', data: { recordId: 'r', objectionId: 'o', at: '2026-03-02T02:00:00Z' } },
      { type: 'CataloguePublished', data: {} },
      { type: 'UsccExceptionAllowed', data: {} },
      { type: 'SubjectAliasesAdded', data: { subjectKey: 'person:tok', aliases: [] } },
    ];
    expect(published(internal)).toEqual([]);
  });
});
