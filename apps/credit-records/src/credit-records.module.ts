// credit-records: subjects, records, objections, repairs, catalogue, publicity periods — and the organisation
// directory, which it owns because organisations are authorised for catalogue items.
import { OrganizationDirectory, directoryMigrations, directoryProviders } from '@credit-share/auth';
import { sqlMigrationsIn } from '@credit-share/event-store';
import { ServiceRuntime, serviceProviders, type ServiceDefinition } from '@credit-share/messaging';
import { Module, type DynamicModule } from '@nestjs/common';
import { join } from 'node:path';
import { DevSignInController } from './dev-sign-in/dev-sign-in.controller';
import { OrganizationController } from './organization/organization.controller';
import {
  ChangeOrganizationPermissionsHandler,
  ListOrganizationsHandler,
  RegisterOrganizationHandler,
} from './organization/organization.handlers';
import { organizationsProjection } from './organization/organization.projection';
import {
  PLATFORM_ORGANIZATION,
  PlatformOrganizationBootstrap,
  type PlatformOrganizationSettings,
} from './organization/platform-organization.bootstrap';
import { publish } from './publish';

export const CREDIT_RECORDS: ServiceDefinition = {
  name: 'credit-records',
  schema: 'credit_records',
  migrations: [...directoryMigrations(), ...sqlMigrationsIn(join(__dirname, 'migrations'), 'credit-records')],
  publish,
  consumes: [],
};

export interface CreditRecordsOptions {
  platform: PlatformOrganizationSettings;
}

@Module({})
export class CreditRecordsModule {
  static forRoot(options: CreditRecordsOptions): DynamicModule {
    return {
      module: CreditRecordsModule,
      controllers: [OrganizationController, DevSignInController],
      providers: [
        ...serviceProviders(CREDIT_RECORDS),
        ...directoryProviders({ replica: false }),
        { provide: PLATFORM_ORGANIZATION, useValue: options.platform },
        RegisterOrganizationHandler,
        ChangeOrganizationPermissionsHandler,
        ListOrganizationsHandler,
        PlatformOrganizationBootstrap,
      ],
    };
  }
}

/** Projections credit-records can rebuild from its own history (`npx credit-share replay`). */
export function creditRecordsProjections(runtime: ServiceRuntime) {
  return [organizationsProjection(new OrganizationDirectory(runtime.db))];
}
