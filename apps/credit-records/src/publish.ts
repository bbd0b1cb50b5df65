// What credit-records tells the other services (the published language, libs/contracts). Domain events not listed
// here stay inside the service.
import {
  ORGANIZATION_EVENTS,
  type OrganizationPermissionsChangedV1,
  type OrganizationRegisteredV1,
} from '@credit-share/contracts';
import type { Publication, PublishMap } from '@credit-share/messaging';
import type { RecordedEvent } from '@credit-share/event-store';
import { publishObjectionEvent } from './objection/objection.publish';
import type { OrganizationEvent } from './organization/organization.events';
import { publishRepairEvent } from './repair/repair.publish';

export const publish: PublishMap = (recorded: RecordedEvent): Publication | null => {
  const objectionOrRepair = publishObjectionEvent(recorded) ?? publishRepairEvent(recorded);
  if (objectionOrRepair !== undefined) return objectionOrRepair;
  const event = recorded as unknown as OrganizationEvent;
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
    default:
      return null;
  }
};
