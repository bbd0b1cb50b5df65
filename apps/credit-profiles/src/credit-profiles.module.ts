// credit-profiles: the read side: profiles, as-of queries, purpose-bound access and its log.
import { DirectoryCopyController, directoryMigrations, directoryProviders } from '@credit-share/auth';
import { serviceProviders, type ServiceDefinition } from '@credit-share/messaging';
import { Module, type DynamicModule } from '@nestjs/common';
import { publish } from './publish';

export const CREDIT_PROFILES: ServiceDefinition = {
  name: 'credit-profiles',
  schema: 'credit_profiles',
  migrations: [...directoryMigrations()],
  publish,
  consumes: ['credit-records', 'joint-supervision', 'enforcement-coordination'],
};

export interface CreditProfilesModuleOptions {
  /** Serve this service's directory copy at GET /api/v1/organizations (only when it runs as its own process). */
  serveDirectoryCopy: boolean;
}

@Module({})
export class CreditProfilesModule {
  static forRoot(options: CreditProfilesModuleOptions): DynamicModule {
    return {
      module: CreditProfilesModule,
      controllers: options.serveDirectoryCopy ? [DirectoryCopyController] : [],
      providers: [...serviceProviders(CREDIT_PROFILES), ...directoryProviders({ replica: true })],
    };
  }
}
