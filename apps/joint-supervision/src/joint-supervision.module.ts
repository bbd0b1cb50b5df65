// joint-supervision: grading rule sets, grades, lists with due process, inspection plans (PRODUCT.md §3.4–3.5,
// ADR 0012). Driven by credit records' integration events only.
import { DirectoryCopyController, directoryMigrations, directoryProviders } from '@credit-share/auth';
import { sqlMigrationsIn, type Projection } from '@credit-share/event-store';
import { serviceProviders, type ServiceDefinition } from '@credit-share/messaging';
import { Module, type DynamicModule } from '@nestjs/common';
import { join } from 'node:path';
import { GradingConsumer } from './grading/grading.consumer';
import { gradesProjection, ruleSetsProjection } from './grading/grading.projection';
import { GradingService } from './grading/grading.handlers';
import { inspectionPlansProjection } from './inspection/inspection-plan.projection';
import { InspectionPlanService } from './inspection/inspection-plan.handlers';
import { listingsProjection } from './listing/listing.projection';
import { ListingService } from './listing/listing.handlers';
import { publish } from './publish';
import { SupervisionController } from './supervision.controller';

export const JOINT_SUPERVISION: ServiceDefinition = {
  name: 'joint-supervision',
  schema: 'joint_supervision',
  migrations: [...directoryMigrations(), ...sqlMigrationsIn(join(__dirname, 'migrations'), 'joint-supervision')],
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
      controllers: [SupervisionController, ...(options.serveDirectoryCopy ? [DirectoryCopyController] : [])],
      providers: [
        ...serviceProviders(JOINT_SUPERVISION),
        ...directoryProviders({ replica: true }),
        GradingService,
        ListingService,
        InspectionPlanService,
        GradingConsumer,
      ],
      exports: [GradingService, ListingService],
    };
  }
}

/** Projections joint-supervision can rebuild from its own history (`npx credit-share replay`). */
export function jointSupervisionProjections(): Projection[] {
  return [listingsProjection, gradesProjection, ruleSetsProjection, inspectionPlansProjection];
}

/** Its read model of credit records' events, rebuilt from the audit ledger's entries. */
export { recordFactsProjection } from './grading/grading.consumer';
