import { defaultCalendar } from '@credit-share/contracts';
import { specification } from '@credit-share/testing';
import {
  decideDecision,
  decideFile,
  decideOverdue,
  defaultObjectionPolicy,
  objectionAggregate,
  objectionPolicy,
  type DecideObjection,
  type DisputedRecordFacts,
  type FileObjection,
  type ObjectionFacts,
  type ObjectionState,
} from './objection';
import type { ObjectionEvent, ObjectionFiled } from './objection.events';

const spec = specification<ObjectionState, ObjectionEvent>(objectionAggregate);

const subject = { uscc: '91440300MA5FXXXX0K', name: '深圳市某某科技有限公司' };
const record: DisputedRecordFacts = {
  recordId: 'rec-1',
  version: 2,
  providerOrg: 'sz-amr',
  subject,
  status: 'published',
  disputed: false,
};
const facts: ObjectionFacts = { record, calendar: defaultCalendar, policy: defaultObjectionPolicy };
// Monday 2 March 2026, 10:00 CST.
const filedAt = new Date('2026-03-02T02:00:00.000Z');

const file: FileObjection = {
  objectionId: 'obj-1',
  recordId: 'rec-1',
  ground: 'wrong_facts',
  statement: ' the fine was paid and the decision revoked ',
  filedBy: 'subject',
  callerUscc: subject.uscc,
};

const filed: ObjectionFiled = {
  type: 'ObjectionFiled',
  data: {
    objectionId: 'obj-1',
    recordId: 'rec-1',
    recordVersion: 2,
    providerOrg: 'sz-amr',
    subject,
    ground: 'wrong_facts',
    statement: 'the fine was paid and the decision revoked',
    filedBy: 'subject',
    filedAt: filedAt.toISOString(),
    // Five working days after Monday: the end of the next Monday, China Standard Time.
    dueAt: '2026-03-09T15:59:59.999Z',
    policyVersion: 'objection-window-5wd',
  },
};

const regulator = { user: 'amr:li', org: 'sz-amr' };
const reject: DecideObjection = {
  objectionId: 'obj-1',
  outcome: 'rejected',
  hasCorrection: false,
  reason: 'the penalty decision stands',
  decidedBy: regulator,
};
const decidedAt = new Date('2026-03-05T06:00:00.000Z');

describe('FileObjection', () => {
  it('emits ObjectionFiled with the deadline five working days on', () => {
    spec
      .given([])
      .when((s) => decideFile(file, s, filedAt, facts))
      .then([filed]);
  });

  it('counts the deadline over the National Day holidays', () => {
    const atHoliday = new Date('2026-09-29T02:00:00.000Z');
    const [event] = decideFile(file, objectionAggregate.initialState, atHoliday, facts);
    expect((event as ObjectionFiled).data.dueAt).toBe('2026-10-12T15:59:59.999Z');
  });

  it('uses a configured window and records its version', () => {
    const [event] = decideFile(file, objectionAggregate.initialState, filedAt, { ...facts, policy: objectionPolicy(3) });
    expect((event as ObjectionFiled).data).toMatchObject({
      dueAt: '2026-03-05T15:59:59.999Z',
      policyVersion: 'objection-window-3wd',
    });
  });

  it('lets the operator file on behalf of the subject', () => {
    spec
      .given([])
      .when((s) => decideFile({ ...file, filedBy: 'operator', callerUscc: undefined }, s, filedAt, facts))
      .then([{ ...filed, data: { ...filed.data, filedBy: 'operator' } }]);
  });

  it('is a no-op when the same objection is filed again', () => {
    spec
      .given([filed])
      .when((s) => decideFile(file, s, filedAt, { ...facts, record: { ...record, disputed: true } }))
      .thenNothing();
  });

  it('refuses a subject objecting to a record about another subject (as not found)', () => {
    spec
      .given([])
      .when((s) => decideFile({ ...file, callerUscc: '91110000600037341M' }, s, filedAt, facts))
      .thenRefuses('RECORD.NOT_FOUND');
  });

  it("refuses a record about a natural person: to a subject it is someone else's, to the operator not open", () => {
    spec
      .given([])
      .when((s) => decideFile(file, s, filedAt, { ...facts, record: { ...record, subject: null } }))
      .thenRefuses('RECORD.NOT_FOUND');
    spec
      .given([])
      .when((s) => decideFile({ ...file, filedBy: 'operator' }, s, filedAt, { ...facts, record: { ...record, subject: null } }))
      .thenRefuses('OBJECTION.NO_USCC_SUBJECT');
  });

  it('refuses a record that already has a pending objection', () => {
    spec
      .given([])
      .when((s) => decideFile(file, s, filedAt, { ...facts, record: { ...record, disputed: true } }))
      .thenRefuses('OBJECTION.ALREADY_PENDING');
  });

  it.each(['withdrawn', 'expired', 'repaired'] as const)('refuses a %s record', (status) => {
    spec
      .given([])
      .when((s) => decideFile(file, s, filedAt, { ...facts, record: { ...record, status } }))
      .thenRefuses('OBJECTION.RECORD_NOT_PUBLISHED');
  });

  it('refuses a record that does not exist', () => {
    spec
      .given([])
      .when((s) => decideFile(file, s, filedAt, { ...facts, record: null }))
      .thenRefuses('RECORD.NOT_FOUND');
  });

  it('refuses an empty statement and an unknown ground with field errors', () => {
    spec
      .given([])
      .when((s) => decideFile({ ...file, ground: 'bad_luck' as never, statement: '  ' }, s, filedAt, facts))
      .thenRefuses('OBJECTION.INVALID', ['ground', 'statement']);
  });

  it('refuses a different objection under an existing id', () => {
    spec
      .given([filed])
      .when((s) => decideFile({ ...file, ground: 'wrong_subject' }, s, filedAt, facts))
      .thenRefuses('OBJECTION.ALREADY_FILED');
  });
});

describe('DecideObjection', () => {
  const rejected: ObjectionEvent = {
    type: 'ObjectionDecided',
    data: {
      objectionId: 'obj-1',
      recordId: 'rec-1',
      providerOrg: 'sz-amr',
      subject,
      outcome: 'rejected',
      reason: 'the penalty decision stands',
      decidedAt: decidedAt.toISOString(),
      decidedBy: regulator,
      late: false,
    },
  };

  it('emits ObjectionDecided rejected with reasons', () => {
    spec
      .given([filed])
      .when((s) => decideDecision(reject, s, decidedAt))
      .then([rejected]);
  });

  it('emits ObjectionDecided upheld with the resolution', () => {
    spec
      .given([filed])
      .when((s) =>
        decideDecision({ ...reject, outcome: 'upheld', resolution: 'withdrawn', reason: 'decision revoked' }, s, decidedAt),
      )
      .then([
        {
          type: 'ObjectionDecided',
          data: { ...rejected.data, outcome: 'upheld', resolution: 'withdrawn', reason: 'decision revoked' },
        },
      ]);
  });

  it('marks a decision after the deadline as late', () => {
    const late = new Date('2026-03-10T01:00:00.000Z');
    const [event] = decideDecision(reject, spec.given([filed]).when(() => []).state, late);
    expect(event!.data).toMatchObject({ late: true, decidedAt: late.toISOString() });
  });

  it('is a no-op when the same decision is sent again', () => {
    spec
      .given([filed, rejected])
      .when((s) => decideDecision(reject, s, new Date('2026-03-06T00:00:00.000Z')))
      .thenNothing();
  });

  it('refuses a different decision once decided', () => {
    spec
      .given([filed, rejected])
      .when((s) => decideDecision({ ...reject, outcome: 'upheld', resolution: 'withdrawn' }, s, decidedAt))
      .thenRefuses('OBJECTION.ALREADY_DECIDED');
  });

  it("refuses another organisation's regulator (as not found)", () => {
    spec
      .given([filed])
      .when((s) => decideDecision({ ...reject, decidedBy: { user: 'tax:wang', org: 'sz-tax' } }, s, decidedAt))
      .thenRefuses('OBJECTION.NOT_FOUND');
  });

  it('refuses an upheld decision without resolution, a correction without fields, a rejection with one', () => {
    const state = spec.given([filed]).when(() => []).state;
    spec
      .given([filed])
      .when((s) => decideDecision({ ...reject, outcome: 'upheld', reason: '' }, s, decidedAt))
      .thenRefuses('OBJECTION.INVALID_DECISION', ['resolution', 'reason']);
    spec
      .given([filed])
      .when((s) => decideDecision({ ...reject, outcome: 'upheld', resolution: 'corrected' }, s, decidedAt))
      .thenRefuses('OBJECTION.INVALID_DECISION', ['correction']);
    expect(() => decideDecision({ ...reject, resolution: 'withdrawn' }, state, decidedAt)).toThrow(/invalid/);
  });

  it('refuses an objection that does not exist', () => {
    spec
      .given([])
      .when((s) => decideDecision(reject, s, decidedAt))
      .thenRefuses('OBJECTION.NOT_FOUND');
  });
});

describe('MarkObjectionOverdue (timer at the deadline)', () => {
  const afterDeadline = new Date('2026-03-09T16:00:00.000Z');
  const overdue: ObjectionEvent = {
    type: 'ObjectionOverdue',
    data: { objectionId: 'obj-1', recordId: 'rec-1', providerOrg: 'sz-amr', subject, dueAt: '2026-03-09T15:59:59.999Z' },
  };

  it('emits ObjectionOverdue once the deadline has passed undecided', () => {
    spec
      .given([filed])
      .when((s) => decideOverdue(s, afterDeadline))
      .then([overdue]);
  });

  it('is a no-op before the deadline, after a decision, and when already overdue', () => {
    spec
      .given([filed])
      .when((s) => decideOverdue(s, new Date('2026-03-09T15:59:59.999Z')))
      .thenNothing();
    spec
      .given([
        filed,
        {
          type: 'ObjectionDecided',
          data: { ...overdue.data, outcome: 'rejected', reason: 'r', decidedAt: '', decidedBy: regulator, late: false },
        } as ObjectionEvent,
      ])
      .when((s) => decideOverdue(s, afterDeadline))
      .thenNothing();
    spec
      .given([filed, overdue])
      .when((s) => decideOverdue(s, afterDeadline))
      .thenNothing();
  });

  it('never refuses: a timer for an unknown objection does nothing', () => {
    spec
      .given([])
      .when((s) => decideOverdue(s, afterDeadline))
      .thenNothing();
  });
});
