// The owner's directory table, written in the same transaction as the organisation's events (read-your-writes for
// the operator), through the same evolve as every other service's copy.
import { ORGANIZATION_EVENTS } from '@credit-share/contracts';
import { OrganizationDirectory, type DirectoryEvent } from '@credit-share/auth';
import type { Projection, RecordedEvent, Tx } from '@credit-share/event-store';
import type { OrganizationEvent } from './organization.events';

export function toDirectoryEvent(recorded: RecordedEvent): DirectoryEvent | null {
  const event = recorded as unknown as OrganizationEvent;
  const at = recorded.recordedAt.toISOString();
  switch (event.type) {
    case 'OrganizationRegistered':
      return { type: ORGANIZATION_EVENTS.registered, data: event.data, at };
    case 'OrganizationPermissionsChanged':
      return { type: ORGANIZATION_EVENTS.permissionsChanged, data: event.data, at };
    default:
      return null;
  }
}

export function organizationsProjection(directory: OrganizationDirectory): Projection {
  return {
    name: 'organizations',
    tables: ['organizations'],
    handles: ['OrganizationRegistered', 'OrganizationPermissionsChanged'],
    async apply(events: readonly RecordedEvent[], tx: Tx) {
      for (const recorded of events) {
        const event = toDirectoryEvent(recorded);
        if (event) await directory.apply(event, tx);
      }
    },
  };
}
