// A consuming service's copy of the organisation directory: the consumer host applies the owner's events to the
// service's own `organizations` table, inside the inbox transaction.
import {
  ORGANIZATION_EVENTS,
  type OrganizationPermissionsChangedV1,
  type OrganizationRegisteredV1,
} from '@credit-share/contracts';
import { ServiceRuntime } from '@credit-share/messaging';
import { Controller, Get, Inject, Injectable, type Provider } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, ORGANIZATION_DIRECTORY } from '../guards';
import { OrganizationDirectory, organizationView } from './organization-directory';

@Injectable()
export class DirectoryReplica {
  constructor(runtime: ServiceRuntime, @Inject(ORGANIZATION_DIRECTORY) directory: OrganizationDirectory) {
    runtime.consumers
      .on<OrganizationRegisteredV1>(ORGANIZATION_EVENTS.registered, (event, tx) =>
        directory.apply({ type: ORGANIZATION_EVENTS.registered, data: event.data, at: event.recordedAt }, tx),
      )
      .on<OrganizationPermissionsChangedV1>(ORGANIZATION_EVENTS.permissionsChanged, (event, tx) =>
        directory.apply({ type: ORGANIZATION_EVENTS.permissionsChanged, data: event.data, at: event.recordedAt }, tx),
      );
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
