// credit-profiles: the read side: profiles, as-of queries, purpose-bound access and its log (PRODUCT.md §3.7, ADR 0014).
import { DirectoryCopyController, directoryMigrations, directoryProviders } from '@credit-share/auth';
import { sqlMigrationsIn, type Projection } from '@credit-share/event-store';
import { serviceProviders, type ServiceDefinition, type ServiceRuntime } from '@credit-share/messaging';
import { Module, type DynamicModule } from '@nestjs/common';
import { join } from 'node:path';
import { accessLogProjection } from './access-log/access-log.repository';
import { ProfileConsumer } from './profile/profile.consumer';
import { ProfileController } from './profile/profile.controller';
import { profilesProjection } from './profile/profile.projection';
import { ProfileQueries } from './profile/profile.handlers';
import { publish } from './publish';

export const CREDIT_PROFILES: ServiceDefinition = {
  name: 'credit-profiles',
  schema: 'credit_profiles',
  migrations: [...directoryMigrations(), ...sqlMigrationsIn(join(__dirname, 'migrations'), 'credit-profiles')],
  publish,
  consumes: ['credit-records', 'joint-supervision', 'enforcement-coordination'],
};

/** The read models `npx credit-share replay` rebuilds from this service's own store. */
export function creditProfilesProjections(_runtime: ServiceRuntime): Projection[] {
  return [profilesProjection(), accessLogProjection()];
}

export interface CreditProfilesModuleOptions {
  /** Serve this service's directory copy at GET /api/v1/organizations (only when it runs as its own process). */
  serveDirectoryCopy: boolean;
}

@Module({})
export class CreditProfilesModule {
  static forRoot(options: CreditProfilesModuleOptions): DynamicModule {
    return {
      module: CreditProfilesModule,
      controllers: [ProfileController, ...(options.serveDirectoryCopy ? [DirectoryCopyController] : [])],
      providers: [
        ...serviceProviders(CREDIT_PROFILES),
        ...directoryProviders({ replica: true }),
        ProfileConsumer,
        ProfileQueries,
      ],
    };
  }
}
