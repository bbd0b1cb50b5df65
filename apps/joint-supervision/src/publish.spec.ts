// What publish.ts emits must validate against the published contracts (libs/contracts/schemas): every consumer
// validates what it receives and parks what does not.
import { ContractRegistry, defaultCalendar, type IntegrationEvent } from '@credit-share/contracts';
import { uuidv7, type DomainEvent, type RecordedEvent } from '@credit-share/event-store';
import { toTransportMessage } from '@credit-share/messaging';
import { decideRegrade, gradeAt, type SubjectFact } from './grading/grading';
import { decideAdoptRuleSet, initialRuleSets } from './grading/rule-set';
import {
  DEFAULT_SAMPLING_RATES,
  decidePublish,
  decideReport,
  evolve as evolvePlan,
  initialState as noPlan,
} from './inspection/inspection-plan';
import {
  decideDecision,
  decidePropose,
  decideRemoval,
  decideWaive,
  evolve,
  initialState,
  type ListingState,
} from './listing/listing';
import { publish } from './publish';

const USCC = '91440300MA5FAAAA1X';
const registry = new ContractRegistry();

function recorded(event: DomainEvent): RecordedEvent {
  const at = new Date('2026-03-02T02:00:00Z');
  return {
    eventId: uuidv7(),
    streamId: 's',
    streamVersion: 1,
    type: event.type,
    schemaVersion: 1,
    data: event.data,
    metadata: { correlationId: uuidv7(), causationId: null, actor: { user: 'u', org: 'sz-amr' }, traceparent: null },
    occurredAt: at,
    recordedAt: at,
    cursor: { transactionId: '1', position: '1' },
  };
}

function published(event: DomainEvent): IntegrationEvent {
  const publication = publish(recorded(event));
  expect(publication).not.toBeNull();
  return JSON.parse(toTransportMessage('joint-supervision', recorded(event), publication!).value) as IntegrationEvent;
}

describe('publish.ts output is contract-valid', () => {
  const now = new Date('2026-03-02T02:00:00Z');
  const facts: SubjectFact[] = [
    {
      type: 'record',
      at: 0,
      recordId: 'r1',
      kind: 'administrative_penalty',
      severity: 'serious',
      publicFrom: 0,
      publicUntil: null,
      disputed: true,
    },
    { type: 'listing-entered', at: 0, listingId: 'l0', listType: 'serious_dishonesty', until: null },
  ];
  const basis = new Map([
    [
      'r1',
      {
        recordId: 'r1',
        uscc: USCC,
        kind: 'administrative_penalty',
        severity: 'serious',
        providerOrg: 'sz-amr',
        inPublicity: true,
        ended: null,
      },
    ],
  ]);

  const events: DomainEvent[] = [];
  events.push(...decideRegrade(gradeAt(USCC, facts, now.getTime(), []), { status: 'ungraded' }));
  events.push(
    ...decideAdoptRuleSet({ rules: {}, effectiveFrom: now, adoptedBy: 'platform' }, initialRuleSets, now).map((e) => ({
      ...e,
      data: { ...e.data, keyUscc: '12440300MB2C00013E' },
    })),
  );
  let listing: ListingState = initialState;
  const step = (produced: DomainEvent[]) => {
    events.push(...produced);
    for (const e of produced) listing = evolve(listing, e as never);
  };
  step(
    decidePropose(
      {
        listingId: 'l1',
        uscc: USCC,
        listType: 'serious_dishonesty',
        basisRecordIds: ['r1'],
        legalBasis: '依据',
        proposedBy: 'sz-amr',
      },
      listing,
      now,
      basis,
      defaultCalendar,
    ),
  );
  step(decideWaive(listing, USCC, now));
  step(decideDecision({ outcome: 'listed', reason: '情节严重', decidedBy: 'sz-amr' }, listing, now, basis));
  step(decideRemoval({ cause: 'decision', reason: '撤销', removedBy: 'sz-amr' }, listing, now));
  const plan = decidePublish(
    {
      planId: 'p1',
      seed: 's',
      samplingRates: DEFAULT_SAMPLING_RATES,
      inspectors: ['i1'],
      organizer: 'sz-amr',
      organizerUscc: '11440300690000015X',
      ruleSetVersion: 1,
    },
    noPlan,
    [{ uscc: USCC, grade: 'D' }],
    now,
  );
  events.push(...plan);
  const planState = plan.reduce(evolvePlan, noPlan);
  events.push(
    ...decideReport(
      {
        resultId: 'res',
        uscc: USCC,
        subjectName: '示例',
        inspector: 'i1',
        outcome: 'compliant',
        findings: '无问题',
        inspectedOn: '2026-03-01',
        reportedBy: 'sz-amr',
      },
      planState,
      now,
    ),
  );

  it.each(events.map((e) => [e.type, e] as const))('%s', (_type, event) => {
    const message = published(event);
    expect(registry.validate(message)).toEqual([]);
  });

  it('covers every supervision event, keyed by the subject, the platform or the organiser', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set([
        'GradeChanged',
        'RuleSetAdopted',
        'ListingProposed',
        'ListingNoticed',
        'ListingWindowWaived',
        'ListingDecided',
        'ListingRemoved',
        'InspectionPlanPublished',
        'InspectionResultReported',
      ]),
    );
    const keys = Object.fromEntries(events.map((e) => [e.type, published(e).subject]));
    expect(keys).toMatchObject({
      GradeChanged: USCC,
      RuleSetAdopted: '12440300MB2C00013E',
      InspectionPlanPublished: '11440300690000015X',
    });
    expect(published(events.find((e) => e.type === 'RuleSetAdopted')!).data).not.toHaveProperty('keyUscc');
    expect(published(events.find((e) => e.type === 'InspectionPlanPublished')!).data).not.toHaveProperty('organizerUscc');
  });
});
