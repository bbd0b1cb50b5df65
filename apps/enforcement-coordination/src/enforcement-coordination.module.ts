// enforcement-coordination: measures, memoranda, coordinated alerts and their feedback, release, embedded checks.
import { DirectoryCopyController, directoryMigrations, directoryProviders } from '@credit-share/auth';
import { serviceProviders, type ServiceDefinition } from '@credit-share/messaging';
import { Module, type DynamicModule } from '@nestjs/common';
import { publish } from './publish';

export const ENFORCEMENT_COORDINATION: ServiceDefinition = {
  name: 'enforcement-coordination',
  schema: 'enforcement_coordination',
  migrations: [...directoryMigrations()],
  publish,
  consumes: ['credit-records', 'joint-supervision'],
};

export interface EnforcementCoordinationModuleOptions {
  /** Serve this service's directory copy at GET /api/v1/organizations (only when it runs as its own process). */
  serveDirectoryCopy: boolean;
}

@Module({})
export class EnforcementCoordinationModule {
  static forRoot(options: EnforcementCoordinationModuleOptions): DynamicModule {
    return {
      module: EnforcementCoordinationModule,
      controllers: options.serveDirectoryCopy ? [DirectoryCopyController] : [],
      providers: [...serviceProviders(ENFORCEMENT_COORDINATION), ...directoryProviders({ replica: true })],
    };
  }
}
