// What enforcement-coordination tells the other services (the published language, libs/contracts): the catalogue,
// every alert state change, and every embedded check's access entry. Internal steps of the process manager
// (ListingEnforced, BasisRecordRepaired, ListingEnforcementEnded) stay inside; a withdrawn alert is published as closed
// `not_applicable` by `system`, which is what it is for the organisation.
import {
  CHECK_EVENTS,
  ENFORCEMENT_EVENTS,
  type AlertAcknowledgedV1,
  type AlertClosedV1,
  type AlertIssuedV1,
  type AlertOverdueV1,
  type CheckLoggedV1,
  type MeasureRegisteredV1,
  type MemorandumAdoptedV1,
} from '@credit-share/contracts';
import type { RecordedEvent } from '@credit-share/event-store';
import type { Publication, PublishMap } from '@credit-share/messaging';
import type { EnforcementEvent } from './alert/enforcement.events';
import type { MeasureEvent, MemorandumEvent } from './catalogue/catalogue.events';
import type { CheckLogged } from './check/check.events';

type Published = EnforcementEvent | MeasureEvent | MemorandumEvent | CheckLogged;

export const publish: PublishMap = (recorded: RecordedEvent): Publication | null => {
  const event = recorded as unknown as Published;
  switch (event.type) {
    case 'MeasureRegistered': {
      const d = event.data;
      // A catalogue entry concerns no subject: keyed by its implementing organisation's USCC (its versions stay in order).
      return {
        type: ENFORCEMENT_EVENTS.measureRegistered,
        version: 1,
        subject: d.implementingOrgUscc,
        data: {
          measureId: d.measureId,
          version: d.version,
          content: d.content,
          target: d.target,
          legalBasis: d.legalBasis,
          implementingOrg: d.implementingOrg,
        } satisfies MeasureRegisteredV1,
      };
    }
    case 'MemorandumAdopted': {
      const d = event.data;
      return {
        type: ENFORCEMENT_EVENTS.memorandumAdopted,
        version: 1,
        subject: d.adoptedByUscc,
        data: {
          memorandumId: d.memorandumId,
          version: d.version,
          listType: d.listType,
          measureIds: d.measureIds,
        } satisfies MemorandumAdoptedV1,
      };
    }
    case 'AlertIssued': {
      const d = event.data;
      return {
        type: ENFORCEMENT_EVENTS.alertIssued,
        version: 1,
        subject: d.uscc,
        data: {
          alertId: d.alertId,
          uscc: d.uscc,
          listingId: d.listingId,
          measureId: d.measureId,
          org: d.org,
          kind: d.kind,
          listType: d.listType,
          issuedAt: d.issuedAt,
          acknowledgeBy: d.acknowledgeBy,
          feedbackBy: d.feedbackBy,
        } satisfies AlertIssuedV1,
      };
    }
    case 'AlertAcknowledged': {
      const d = event.data;
      return {
        type: ENFORCEMENT_EVENTS.alertAcknowledged,
        version: 1,
        subject: d.uscc,
        data: { ...refOf(d), acknowledgedAt: d.acknowledgedAt, user: d.user } satisfies AlertAcknowledgedV1,
      };
    }
    case 'AlertClosed': {
      const d = event.data;
      return {
        type: ENFORCEMENT_EVENTS.alertClosed,
        version: 1,
        subject: d.uscc,
        data: { ...refOf(d), outcome: d.outcome, reason: d.reason, closedAt: d.closedAt, user: d.user } satisfies AlertClosedV1,
      };
    }
    case 'AlertWithdrawn': {
      const d = event.data;
      return {
        type: ENFORCEMENT_EVENTS.alertClosed,
        version: 1,
        subject: d.uscc,
        data: {
          ...refOf(d),
          outcome: 'not_applicable',
          reason: d.reason,
          closedAt: d.withdrawnAt,
          user: 'system',
        } satisfies AlertClosedV1,
      };
    }
    case 'AlertOverdue': {
      const d = event.data;
      return {
        type: ENFORCEMENT_EVENTS.alertOverdue,
        version: 1,
        subject: d.uscc,
        data: { ...refOf(d), stage: d.stage, dueAt: d.dueAt, escalatedTo: d.escalatedTo } satisfies AlertOverdueV1,
      };
    }
    case 'CheckLogged':
      return {
        type: CHECK_EVENTS.checkLogged,
        version: 1,
        subject: event.data.uscc,
        data: { ...event.data } satisfies CheckLoggedV1,
      };
    default:
      return null;
  }
};

function refOf(d: {
  alertId: string;
  uscc: string;
  listingId: string;
  measureId: string;
  org: string;
  kind: 'apply' | 'release';
}) {
  return { alertId: d.alertId, uscc: d.uscc, listingId: d.listingId, measureId: d.measureId, org: d.org, kind: d.kind };
}
