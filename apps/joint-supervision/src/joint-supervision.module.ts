// joint-supervision: grading rule sets, grades, lists with due process, inspection plans.
import { DirectoryCopyController, directoryMigrations, directoryProviders } from '@credit-share/auth';
import { serviceProviders, type ServiceDefinition } from '@credit-share/messaging';
import { Module, type DynamicModule } from '@nestjs/common';
import { publish } from './publish';

export const JOINT_SUPERVISION: ServiceDefinition = {
  name: 'joint-supervision',
  schema: 'joint_supervision',
  migrations: [...directoryMigrations()],
  publish,
  consumes: ['credit-records'],
};

export interface JointSupervisionModuleOptions {
  /** Serve this service's directory copy at GET /api/v1/organizations (only when it runs as its own process). */
  serveDirectoryCopy: boolean;
}

@Module({})
export class JointSupervisionModule {
  static forRoot(options: JointSupervisionModuleOptions): DynamicModule {
    return {
      module: JointSupervisionModule,
      controllers: options.serveDirectoryCopy ? [DirectoryCopyController] : [],
      providers: [...serviceProviders(JOINT_SUPERVISION), ...directoryProviders({ replica: true })],
    };
  }
}
