// What credit-records tells the other services (the published language, libs/contracts). Domain events not listed
// here stay inside the service. Records about natural persons are never published: a person's identifier may not
// leave the service, be logged or become a Kafka key (PRODUCT.md §3.1), so neither their records nor their
// registration (PersonRegistered) are integration events.
import {
  ORGANIZATION_EVENTS,
  RECORD_EVENTS,
  type OrganizationPermissionsChangedV1,
  type ObjectionDecidedV1,
  type ObjectionFiledV1,
  type ObjectionOverdueV1,
  type OrganizationRegisteredV1,
  type RecordCorrectedV1,
  type RecordExpiredV1,
  type RecordPublishedV1,
  type RecordRepairedV1,
  type RecordWithdrawnV1,
  type RepairAppliedV1,
  type RepairDecidedV1,
  type SubjectRefV1,
  type SubjectRegisteredV1,
} from '@credit-share/contracts';
import type { Publication, PublishMap } from '@credit-share/messaging';
import type { RecordedEvent } from '@credit-share/event-store';
import type { ObjectionEvent } from './objection/objection.events';
import type { OrganizationEvent } from './organization/organization.events';
import type { RecordEvent, RecordReference, RecordSubject } from './record/record.events';
import type { RepairEvent } from './repair/repair.events';
import type { SubjectEvent } from './subject/subject.events';

type Published = OrganizationEvent | RecordEvent | SubjectEvent | ObjectionEvent | RepairEvent;

export const publish: PublishMap = (recorded: RecordedEvent): Publication | null => {
  const event = recorded as unknown as Published;
  switch (event.type) {
    case 'OrganizationRegistered':
      return {
        type: ORGANIZATION_EVENTS.registered,
        version: 1,
        subject: event.data.uscc,
        data: { ...event.data } satisfies OrganizationRegisteredV1,
      };
    case 'OrganizationPermissionsChanged':
      return {
        type: ORGANIZATION_EVENTS.permissionsChanged,
        version: 1,
        subject: event.data.uscc,
        data: { ...event.data } satisfies OrganizationPermissionsChangedV1,
      };
    case 'SubjectRegistered':
      return {
        type: RECORD_EVENTS.subjectRegistered,
        version: 1,
        subject: event.data.uscc,
        data: {
          uscc: event.data.uscc,
          name: event.data.name,
          aliases: event.data.aliases,
          nonConformingIdentifier: event.data.nonConformingIdentifier,
        } satisfies SubjectRegisteredV1,
      };
    case 'SubjectAliasesAdded': {
      // Consumers keep the latest registration of a subject: the same event again, with the union of its aliases.
      const subject = event.data.subject;
      if (!subject) return null;
      return {
        type: RECORD_EVENTS.subjectRegistered,
        version: 1,
        subject: subject.uscc,
        data: { ...subject } satisfies SubjectRegisteredV1,
      };
    }
    case 'RecordPublished': {
      const subject = organisationOf(event.data.subject);
      if (!subject) return null;
      const d = event.data;
      return {
        type: RECORD_EVENTS.published,
        version: 1,
        subject: subject.uscc,
        data: {
          recordId: d.recordId,
          version: d.version,
          kind: d.kind,
          catalogueVersion: d.catalogueVersion,
          sharingClass: d.sharingClass,
          marketCredit: d.marketCredit,
          providerOrg: d.providerOrg,
          subject,
          severity: d.severity,
          details: d.details,
          publicFrom: d.publicFrom,
          publicUntil: d.publicUntil,
          repairableFrom: d.repairableFrom,
          disputed: false,
        } satisfies RecordPublishedV1,
      };
    }
    case 'RecordCorrected': {
      const subject = organisationOf(event.data.subject);
      if (!subject) return null;
      const d = event.data;
      return {
        type: RECORD_EVENTS.corrected,
        version: 1,
        subject: subject.uscc,
        data: {
          recordId: d.recordId,
          version: d.version,
          kind: d.kind,
          catalogueVersion: d.catalogueVersion,
          sharingClass: d.sharingClass,
          marketCredit: d.marketCredit,
          providerOrg: d.providerOrg,
          subject,
          severity: d.severity,
          details: d.details,
          publicFrom: d.publicFrom,
          publicUntil: d.publicUntil,
          repairableFrom: d.repairableFrom,
          disputed: d.disputed,
          reason: d.reason,
        } satisfies RecordCorrectedV1,
      };
    }
    case 'RecordWithdrawn': {
      const reference = referenceOf(event.data);
      if (!reference) return null;
      return {
        type: RECORD_EVENTS.withdrawn,
        version: 1,
        subject: reference.subject.uscc,
        data: {
          ...reference,
          reason: event.data.reason,
          withdrawnAt: event.data.withdrawnAt,
          ...(event.data.objectionId ? { objectionId: event.data.objectionId } : {}),
        } satisfies RecordWithdrawnV1,
      };
    }
    case 'RecordExpired': {
      const reference = referenceOf(event.data);
      if (!reference) return null;
      return {
        type: RECORD_EVENTS.expired,
        version: 1,
        subject: reference.subject.uscc,
        data: { ...reference, expiredAt: event.data.expiredAt } satisfies RecordExpiredV1,
      };
    }
    case 'RecordRepaired': {
      const reference = referenceOf(event.data);
      if (!reference) return null;
      return {
        type: RECORD_EVENTS.repaired,
        version: 1,
        subject: reference.subject.uscc,
        data: { ...reference, repairId: event.data.repairId, repairedAt: event.data.repairedAt } satisfies RecordRepairedV1,
      };
    }
    // Objections and repairs (ADR 0010). The policy version, the record version an objection was filed against, the
    // decider's user id, a repair's commitment and evidence (they may describe people and documents) stay inside.
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
      return { type: RECORD_EVENTS.repairDecided, version: 1, subject: data.subject.uscc, data: data satisfies RepairDecidedV1 };
    }
    // A missed repair deadline is recorded and shown on GET /repairs; no contract carries it.
    case 'RepairDecisionOverdue':
      return null;
    default:
      return null;
  }
};

/** The subject as other services know it; null for a natural person, whose records stay inside the service. */
function organisationOf(subject: RecordSubject): SubjectRefV1 | null {
  return subject.category === 'natural_person' ? null : { uscc: subject.uscc, name: subject.name };
}

function referenceOf(data: RecordReference) {
  const subject = organisationOf(data.subject);
  if (!subject) return null;
  return {
    recordId: data.recordId,
    version: data.version,
    kind: data.kind,
    providerOrg: data.providerOrg,
    subject,
    disputed: data.disputed,
  };
}
