import { defaultCalendar } from '@credit-share/contracts';
import { specification } from '@credit-share/testing';
import {
  decideApply,
  decideDecision,
  decideOverdue,
  defaultRepairPolicy,
  repairAggregate,
  type ApplyForRepair,
  type DecideRepair,
  type RepairableRecordFacts,
  type RepairFacts,
  type RepairState,
} from './repair';
import type { RepairApplied, RepairEvent } from './repair.events';

const spec = specification<RepairState, RepairEvent>(repairAggregate);

const subject = { uscc: '91440300MA5FXXXX0K', name: '深圳市某某科技有限公司' };
// A general penalty decided 2025-11-20: repair possible after 3 months (from 00:00 CST 2026-02-21), publicity 1 year.
const record: RepairableRecordFacts = {
  recordId: 'rec-1',
  providerOrg: 'sz-amr',
  subject,
  status: 'published',
  severity: 'general',
  publicUntil: new Date('2026-11-20T16:00:00.000Z'),
  repairableFrom: new Date('2026-02-20T16:00:00.000Z'),
};
const facts: RepairFacts = { record, pendingRepairId: null, calendar: defaultCalendar, policy: defaultRepairPolicy };
// Monday 2 March 2026, 10:00 CST.
const appliedAt = new Date('2026-03-02T02:00:00.000Z');

const apply: ApplyForRepair = {
  repairId: 'rep-1',
  recordId: 'rec-1',
  commitment: ' 本企业承诺依法诚信经营 ',
  evidence: ['fine paid, receipt 2026-001', ' ', 'https://example.org/rectification-report.pdf'],
  callerUscc: subject.uscc,
};

const applied: RepairApplied = {
  type: 'RepairApplied',
  data: {
    repairId: 'rep-1',
    recordId: 'rec-1',
    providerOrg: 'sz-amr',
    subject,
    severity: 'general',
    commitment: '本企业承诺依法诚信经营',
    evidence: ['fine paid, receipt 2026-001', 'https://example.org/rectification-report.pdf'],
    appliedAt: appliedAt.toISOString(),
    // Decision within 3 working days (Thursday), feedback within 10 (Monday two weeks on).
    dueAt: '2026-03-05T15:59:59.999Z',
    feedbackDueAt: '2026-03-16T15:59:59.999Z',
    policyVersion: 'repair-3wd-10wd',
  },
};

describe('ApplyForRepair', () => {
  it('emits RepairApplied with the decision and feedback deadlines', () => {
    spec
      .given([])
      .when((s) => decideApply(apply, s, appliedAt, facts))
      .then([applied]);
  });

  it('admits an application at the first instant of eligibility', () => {
    const [event] = decideApply(apply, repairAggregate.initialState, record.repairableFrom!, facts);
    expect(event!.type).toBe('RepairApplied');
  });

  it('refuses an application before the minimum period is served', () => {
    const error = spec
      .given([])
      .when((s) => decideApply(apply, s, new Date(record.repairableFrom!.getTime() - 1), facts))
      .thenRefuses('REPAIR.NOT_YET_ELIGIBLE');
    expect(error.message).toContain('2026-02-20T16:00:00.000Z');
  });

  it('refuses a record that is not repairable by application (light)', () => {
    spec
      .given([])
      .when((s) => decideApply(apply, s, appliedAt, { ...facts, record: { ...record, severity: 'light', repairableFrom: null } }))
      .thenRefuses('REPAIR.NOT_REPAIRABLE');
  });

  it('refuses a record out of publicity, by status or by date', () => {
    spec
      .given([])
      .when((s) => decideApply(apply, s, appliedAt, { ...facts, record: { ...record, status: 'repaired' } }))
      .thenRefuses('REPAIR.RECORD_NOT_IN_PUBLICITY');
    spec
      .given([])
      .when((s) => decideApply(apply, s, record.publicUntil!, facts))
      .thenRefuses('REPAIR.RECORD_NOT_IN_PUBLICITY');
  });

  it('refuses a second application while one is pending', () => {
    spec
      .given([])
      .when((s) => decideApply(apply, s, appliedAt, { ...facts, pendingRepairId: 'rep-0' }))
      .thenRefuses('REPAIR.ALREADY_PENDING');
  });

  it("refuses another subject's record and a record that does not exist", () => {
    spec
      .given([])
      .when((s) => decideApply({ ...apply, callerUscc: '91110000600037341M' }, s, appliedAt, facts))
      .thenRefuses('RECORD.NOT_FOUND');
    spec
      .given([])
      .when((s) => decideApply(apply, s, appliedAt, { ...facts, record: null }))
      .thenRefuses('RECORD.NOT_FOUND');
  });

  it('refuses an application without commitment or evidence', () => {
    spec
      .given([])
      .when((s) => decideApply({ ...apply, commitment: ' ', evidence: [' '] }, s, appliedAt, facts))
      .thenRefuses('REPAIR.INVALID', ['commitment', 'evidence']);
  });

  it('is a no-op when the same application is sent again', () => {
    spec
      .given([applied])
      .when((s) => decideApply(apply, s, appliedAt, { ...facts, pendingRepairId: 'rep-1' }))
      .thenNothing();
  });
});

describe('DecideRepair', () => {
  const regulator = { user: 'amr:li', org: 'sz-amr' };
  const approve: DecideRepair = { repairId: 'rep-1', outcome: 'approved', reason: 'obligations fulfilled', decidedBy: regulator };
  const decidedAt = new Date('2026-03-04T02:00:00.000Z');
  const approved: RepairEvent = {
    type: 'RepairDecided',
    data: {
      repairId: 'rep-1',
      recordId: 'rec-1',
      providerOrg: 'sz-amr',
      subject,
      outcome: 'approved',
      reason: 'obligations fulfilled',
      decidedAt: decidedAt.toISOString(),
      decidedBy: regulator,
      late: false,
    },
  };

  it('emits RepairDecided', () => {
    spec
      .given([applied])
      .when((s) => decideDecision(approve, s, decidedAt))
      .then([approved]);
  });

  it('marks a decision after the deadline as late', () => {
    spec
      .given([applied])
      .when((s) => decideDecision({ ...approve, outcome: 'rejected' }, s, new Date('2026-03-06T01:00:00.000Z')))
      .then([
        {
          type: 'RepairDecided',
          data: { ...approved.data, outcome: 'rejected', decidedAt: '2026-03-06T01:00:00.000Z', late: true },
        },
      ]);
  });

  it('is a no-op when the same decision is sent again', () => {
    spec
      .given([applied, approved])
      .when((s) => decideDecision(approve, s, decidedAt))
      .thenNothing();
  });

  it('refuses a different decision once decided', () => {
    spec
      .given([applied, approved])
      .when((s) => decideDecision({ ...approve, outcome: 'rejected' }, s, decidedAt))
      .thenRefuses('REPAIR.ALREADY_DECIDED');
  });

  it("refuses another organisation's regulator, a missing reason, an unknown repair", () => {
    spec
      .given([applied])
      .when((s) => decideDecision({ ...approve, decidedBy: { user: 'x', org: 'sz-tax' } }, s, decidedAt))
      .thenRefuses('REPAIR.NOT_FOUND');
    spec
      .given([applied])
      .when((s) => decideDecision({ ...approve, reason: ' ' }, s, decidedAt))
      .thenRefuses('REPAIR.INVALID_DECISION', ['reason']);
    spec
      .given([])
      .when((s) => decideDecision(approve, s, decidedAt))
      .thenRefuses('REPAIR.NOT_FOUND');
  });
});

describe('MarkRepairDecisionOverdue (timer at the deadline)', () => {
  const overdue: RepairEvent = {
    type: 'RepairDecisionOverdue',
    data: { repairId: 'rep-1', recordId: 'rec-1', providerOrg: 'sz-amr', subject, dueAt: '2026-03-05T15:59:59.999Z' },
  };

  it('emits RepairDecisionOverdue after the deadline', () => {
    spec
      .given([applied])
      .when((s) => decideOverdue(s, new Date('2026-03-05T16:00:00.000Z')))
      .then([overdue]);
  });

  it('is a no-op before the deadline and once overdue', () => {
    spec
      .given([applied])
      .when((s) => decideOverdue(s, new Date('2026-03-05T15:59:59.999Z')))
      .thenNothing();
    spec
      .given([applied, overdue])
      .when((s) => decideOverdue(s, new Date('2026-03-06T00:00:00.000Z')))
      .thenNothing();
  });
});
