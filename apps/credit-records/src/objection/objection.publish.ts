// Objection events in the published language (libs/contracts records/record.contract.ts). The policy version and the
// record version the objection was filed against stay inside the service; the decider's user id is not published.
import { RECORD_EVENTS, type ObjectionDecidedV1, type ObjectionFiledV1, type ObjectionOverdueV1 } from '@credit-share/contracts';
import type { RecordedEvent } from '@credit-share/event-store';
import type { Publication } from '@credit-share/messaging';
import type { ObjectionEvent } from './objection.events';

/** The publication of an objection event, or undefined for events that are not objection events. */
export function publishObjectionEvent(recorded: RecordedEvent): Publication | undefined {
  const event = recorded as unknown as ObjectionEvent;
  switch (event.type) {
    case 'ObjectionFiled': {
      const { recordVersion: _version, policyVersion: _policy, ...data } = event.data;
      return {
        type: RECORD_EVENTS.objectionFiled,
        version: 1,
        subject: data.subject.uscc,
        data: data satisfies ObjectionFiledV1,
      };
    }
    case 'ObjectionDecided': {
      const { decidedBy: _by, late: _late, ...data } = event.data;
      return {
        type: RECORD_EVENTS.objectionDecided,
        version: 1,
        subject: data.subject.uscc,
        data: data satisfies ObjectionDecidedV1,
      };
    }
    case 'ObjectionOverdue':
      return {
        type: RECORD_EVENTS.objectionOverdue,
        version: 1,
        subject: event.data.subject.uscc,
        data: { ...event.data } satisfies ObjectionOverdueV1,
      };
    default:
      return undefined;
  }
}
