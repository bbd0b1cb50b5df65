import type { InspectionPlanPublishedV1, InspectionResultReportedV1 } from '@credit-share/contracts';

export interface InspectionPlanPublished {
  type: 'InspectionPlanPublished';
  /** organizerUscc: the Kafka key of the published event (the organiser's USCC). */
  data: InspectionPlanPublishedV1 & { organizerUscc: string };
}

export interface InspectionResultReported {
  type: 'InspectionResultReported';
  data: InspectionResultReportedV1;
}

export type InspectionPlanEvent = InspectionPlanPublished | InspectionResultReported;
