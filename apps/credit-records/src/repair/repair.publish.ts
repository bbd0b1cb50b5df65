// Repair events in the published language (libs/contracts records/record.contract.ts). The commitment and the
// evidence stay inside credit-records (they may describe people and documents); other services need the facts only.
// A missed decision deadline (RepairDecisionOverdue) is recorded and shown here, not published: no contract has it.
import { RECORD_EVENTS, type RepairAppliedV1, type RepairDecidedV1 } from '@credit-share/contracts';
import type { RecordedEvent } from '@credit-share/event-store';
import type { Publication } from '@credit-share/messaging';
import type { RepairEvent } from './repair.events';

/** The publication of a repair event: a Publication, null (stays inside), or undefined (not a repair event). */
export function publishRepairEvent(recorded: RecordedEvent): Publication | null | undefined {
  const event = recorded as unknown as RepairEvent;
  switch (event.type) {
    case 'RepairApplied': {
      const d = event.data;
      return {
        type: RECORD_EVENTS.repairApplied,
        version: 1,
        subject: d.subject.uscc,
        data: {
          repairId: d.repairId,
          recordId: d.recordId,
          providerOrg: d.providerOrg,
          subject: d.subject,
          appliedAt: d.appliedAt,
          dueAt: d.dueAt,
        } satisfies RepairAppliedV1,
      };
    }
    case 'RepairDecided': {
      const { decidedBy: _by, late: _late, ...data } = event.data;
      return {
        type: RECORD_EVENTS.repairDecided,
        version: 1,
        subject: data.subject.uscc,
        data: data satisfies RepairDecidedV1,
      };
    }
    case 'RepairDecisionOverdue':
      return null;
    default:
      return undefined;
  }
}
