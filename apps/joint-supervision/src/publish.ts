// What joint-supervision tells the other services (the published language, libs/contracts/src/supervision). Keys:
// the subject's USCC; a rule set the platform operator's; a plan its organiser's.
import {
  SUPERVISION_EVENTS,
  type GradeChangedV1,
  type InspectionPlanPublishedV1,
  type InspectionResultReportedV1,
  type ListingDecidedV1,
  type ListingNoticedV1,
  type ListingProposedV1,
  type ListingRemovedV1,
  type ListingWindowWaivedV1,
  type RuleSetAdoptedV1,
} from '@credit-share/contracts';
import type { RecordedEvent } from '@credit-share/event-store';
import type { Publication, PublishMap } from '@credit-share/messaging';
import type { GradeEvent, RuleSetEvent } from './grading/grade.events';
import type { InspectionPlanEvent } from './inspection/inspection-plan.events';
import type { ListingEvent } from './listing/listing.events';

type SupervisionEvent = GradeEvent | RuleSetEvent | ListingEvent | InspectionPlanEvent;

export const publish: PublishMap = (recorded: RecordedEvent): Publication | null => {
  const event = recorded as unknown as SupervisionEvent;
  switch (event.type) {
    case 'GradeChanged':
      return v1(SUPERVISION_EVENTS.gradeChanged, event.data.uscc, { ...event.data } satisfies GradeChangedV1);
    case 'RuleSetAdopted': {
      const { keyUscc, ...data } = event.data;
      return v1(SUPERVISION_EVENTS.ruleSetAdopted, keyUscc ?? 'platform', {
        ...data,
        rules: { ...data.rules },
      } satisfies RuleSetAdoptedV1);
    }
    case 'ListingProposed':
      return v1(SUPERVISION_EVENTS.listingProposed, event.data.uscc, { ...event.data } satisfies ListingProposedV1);
    case 'ListingNoticed':
      return v1(SUPERVISION_EVENTS.listingNoticed, event.data.uscc, { ...event.data } satisfies ListingNoticedV1);
    case 'ListingWindowWaived':
      return v1(SUPERVISION_EVENTS.listingWindowWaived, event.data.uscc, { ...event.data } satisfies ListingWindowWaivedV1);
    case 'ListingDecided':
      return v1(SUPERVISION_EVENTS.listingDecided, event.data.uscc, { ...event.data } satisfies ListingDecidedV1);
    case 'ListingRemoved':
      return v1(SUPERVISION_EVENTS.listingRemoved, event.data.uscc, { ...event.data } satisfies ListingRemovedV1);
    case 'InspectionPlanPublished': {
      const { organizerUscc, ...data } = event.data;
      return v1(SUPERVISION_EVENTS.inspectionPlanPublished, organizerUscc, { ...data } satisfies InspectionPlanPublishedV1);
    }
    case 'InspectionResultReported':
      return v1(SUPERVISION_EVENTS.inspectionResultReported, event.data.uscc, {
        ...event.data,
      } satisfies InspectionResultReportedV1);
    default:
      return null;
  }
};

function v1(type: string, subject: string, data: unknown): Publication {
  return { type, version: 1, subject, data };
}
