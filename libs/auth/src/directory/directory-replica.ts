// A consuming service's copy of the organisation directory: the consumer host applies the owner's events to the
// service's own `organizations` table, inside the inbox transaction.
import {
  ORGANIZATION_EVENTS,
  type IntegrationEvent,
  type OrganizationPermissionsChangedV1,
  type OrganizationRegisteredV1,
} from '@credit-share/contracts';
import type { Tx } from '@credit-share/event-store';
import { ServiceRuntime, consumeInto, type IntegrationProjection } from '@credit-share/messaging';
import { Controller, Get, Inject, Injectable, type Provider } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, ORGANIZATION_DIRECTORY } from '../guards';
import { OrganizationDirectory, organizationView, type DirectoryEvent } from './organization-directory';

/**
 * A consumer's directory copy as a projection of the owner's integration events: the consumer host applies it live,
 * and `npx credit-share replay` rebuilds it from the audit ledger's entries, through the same code.
 */
export function directoryCopyProjection(directory: OrganizationDirectory): IntegrationProjection {
  return {
    name: 'organizations',
    tables: ['organizations'],
    handles: [ORGANIZATION_EVENTS.registered, ORGANIZATION_EVENTS.permissionsChanged],
    async apply(event: IntegrationEvent, tx: Tx) {
      const directoryEvent = directoryEventOf(event);
      if (directoryEvent) await directory.apply(directoryEvent, tx);
    },
  };
}

function directoryEventOf(event: IntegrationEvent): DirectoryEvent | null {
  switch (event.type) {
    case ORGANIZATION_EVENTS.registered:
      return { type: ORGANIZATION_EVENTS.registered, data: event.data as OrganizationRegisteredV1, at: event.recordedAt };
    case ORGANIZATION_EVENTS.permissionsChanged:
      return {
        type: ORGANIZATION_EVENTS.permissionsChanged,
        data: event.data as OrganizationPermissionsChangedV1,
        at: event.recordedAt,
      };
    default:
      return null;
  }
}

@Injectable()
export class DirectoryReplica {
  constructor(runtime: ServiceRuntime, @Inject(ORGANIZATION_DIRECTORY) directory: OrganizationDirectory) {
    consumeInto(runtime.consumers, directoryCopyProjection(directory));
  }
}

/** The service's directory table, and (for consumers) the replica that fills it. */
export function directoryProviders(options: { replica: boolean }): Provider[] {
  return [
    {
      provide: ORGANIZATION_DIRECTORY,
      inject: [ServiceRuntime],
      useFactory: (runtime: ServiceRuntime) => new OrganizationDirectory(runtime.db),
    },
    ...(options.replica ? [DirectoryReplica] : []),
  ];
}

/**
 * Serves a consuming service's own copy of the directory. Mounted only when the service runs as its own process
 * (distributed mode), where it lets operators and tests see what that service believes; in the standalone process
 * the route belongs to credit-records.
 */
@ApiTags('organizations')
@Controller('api/v1/organizations')
export class DirectoryCopyController {
  constructor(@Inject(ORGANIZATION_DIRECTORY) private readonly directory: OrganizationDirectory) {}

  @Get()
  @Authorize('operator', 'auditor')
  @ApiOperation({ summary: "This service's copy of the organisation directory" })
  @ApiOkResponse({ description: 'Organisations as this service knows them' })
  async list() {
    return (await this.directory.list()).map(organizationView);
  }
}
