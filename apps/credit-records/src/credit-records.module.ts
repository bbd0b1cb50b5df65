// credit-records: subjects, records, objections, repairs, catalogue, publicity periods — and the organisation
// directory, which it owns because organisations are authorised for catalogue items.
import { OrganizationDirectory, directoryMigrations, directoryProviders } from '@credit-share/auth';
import { sqlMigrationsIn } from '@credit-share/event-store';
import { ServiceRuntime, serviceProviders, type ServiceDefinition } from '@credit-share/messaging';
import { Module, type DynamicModule } from '@nestjs/common';
import { join } from 'node:path';
import { CatalogueController } from './catalogue/catalogue.controller';
import { CatalogueReader } from './catalogue/catalogue.repository';
import { DataQualityController } from './data-quality/data-quality.controller';
import { DevSignInController } from './dev-sign-in/dev-sign-in.controller';
import { RecordImportController } from './import/record-import.controller';
import { RECORD_IMPORT_SETTINGS, recordImportSettingsOf, type RecordImportSettings } from './import/record-import.config';
import { InspectionResultConsumer } from './inspection/inspection-result.consumer';
import {
  OBJECTION_REPAIR_SETTINGS,
  objectionRepairSettingsOf,
  type ObjectionRepairSettings,
} from './objection/objection-repair.config';
import { ObjectionController } from './objection/objection.controller';
import {
  DecideObjectionHandler,
  FileObjectionHandler,
  GetObjectionHandler,
  ListObjectionsHandler,
  ObjectionStore,
} from './objection/objection.handlers';
import { objectionsProjection } from './objection/objection.projection';
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
import { RecordController } from './record/record.controller';
import { RecordCommands } from './record/record.handlers';
import { recordsProjection } from './record/record.projection';
import { RecordQueries } from './record/record.queries';
import { RecordSubmissionService } from './record/record-submission.service';
import { RepairController } from './repair/repair.controller';
import {
  ApplyForRepairHandler,
  DecideRepairHandler,
  GetRepairHandler,
  ListRepairsHandler,
  RepairStore,
} from './repair/repair.handlers';
import { repairsProjection } from './repair/repair.projection';
import { IdentifierExceptionsController } from './subject/identifier-exceptions.controller';
import { IdentifierExceptionsReader } from './subject/identifier-exceptions.repository';
import { PERSON_KEYS, ephemeralPersonKeys, type PersonKeys } from './subject/person-keys';

export const CREDIT_RECORDS: ServiceDefinition = {
  name: 'credit-records',
  schema: 'credit_records',
  migrations: [...directoryMigrations(), ...sqlMigrationsIn(join(__dirname, 'migrations'), 'credit-records')],
  publish,
  // Inspection results become inspection_result records (inspection/inspection-result.consumer.ts).
  consumes: ['joint-supervision'],
};

export interface CreditRecordsOptions {
  platform: PlatformOrganizationSettings;
  /** Keys protecting natural persons' identifiers; fresh random keys when absent (tests and tools only). */
  personKeys?: PersonKeys;
  /** File import (POST /records/import); defaults when absent. */
  recordImport?: RecordImportSettings;
  /** Objection window and repair time limits (working days); the defaults of PRODUCT.md §3.3 when absent. */
  objectionRepair?: ObjectionRepairSettings;
}

@Module({})
export class CreditRecordsModule {
  static forRoot(options: CreditRecordsOptions): DynamicModule {
    return {
      module: CreditRecordsModule,
      controllers: [
        OrganizationController,
        DevSignInController,
        CatalogueController,
        IdentifierExceptionsController,
        RecordController,
        DataQualityController,
        RecordImportController,
        ObjectionController,
        RepairController,
      ],
      providers: [
        ...serviceProviders(CREDIT_RECORDS),
        ...directoryProviders({ replica: false }),
        { provide: PLATFORM_ORGANIZATION, useValue: options.platform },
        RegisterOrganizationHandler,
        ChangeOrganizationPermissionsHandler,
        ListOrganizationsHandler,
        PlatformOrganizationBootstrap,
        { provide: PERSON_KEYS, useValue: options.personKeys ?? ephemeralPersonKeys() },
        CatalogueReader,
        IdentifierExceptionsReader,
        RecordSubmissionService,
        RecordCommands,
        RecordQueries,
        { provide: RECORD_IMPORT_SETTINGS, useValue: options.recordImport ?? recordImportSettingsOf({}) },
        { provide: OBJECTION_REPAIR_SETTINGS, useValue: options.objectionRepair ?? objectionRepairSettingsOf({}) },
        InspectionResultConsumer,
        ObjectionStore,
        FileObjectionHandler,
        DecideObjectionHandler,
        ListObjectionsHandler,
        GetObjectionHandler,
        RepairStore,
        ApplyForRepairHandler,
        DecideRepairHandler,
        ListRepairsHandler,
        GetRepairHandler,
      ],
      // For the import channel and the objection/repair processes in this service.
      exports: [RecordSubmissionService, RecordCommands, RecordQueries, CatalogueReader],
    };
  }
}

/** Projections credit-records can rebuild from its own history (`npx credit-share replay`). */
export function creditRecordsProjections(runtime: ServiceRuntime) {
  return [
    organizationsProjection(new OrganizationDirectory(runtime.db)),
    recordsProjection(),
    objectionsProjection(),
    repairsProjection(),
  ];
}
