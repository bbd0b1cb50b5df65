// enforcement-coordination: measures, memoranda, coordinated alerts and their feedback, release, embedded checks.
import { DirectoryCopyController, directoryMigrations, directoryProviders } from '@credit-share/auth';
import { sqlMigrationsIn } from '@credit-share/event-store';
import {
  RUNTIME_SETTINGS,
  ServiceRuntime,
  serviceProviders,
  type RuntimeSettings,
  type ServiceDefinition,
} from '@credit-share/messaging';
import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { join } from 'node:path';
import { AlertController } from './alert/alert.controller';
import { AlertHandlers } from './alert/alert.handlers';
import { EnforcementConsumer } from './alert/enforcement.consumer';
import { EnforcementRunner } from './alert/enforcement.process';
import { enforcementProjection } from './alert/enforcement.projection';
import { CatalogueController } from './catalogue/catalogue.controller';
import { CatalogueHandlers } from './catalogue/catalogue.handlers';
import { catalogueProjection } from './catalogue/catalogue.projection';
import { CheckController } from './check/check.controller';
import { CheckHandlers } from './check/check.handlers';
import { AlertFeedListener } from './delivery/alert-feed-listener.consumer';
import { AlertStreamController } from './delivery/alert-stream.controller';
import { WebhookDispatcher } from './delivery/webhook-dispatcher.scheduler';
import { WebhookController } from './delivery/webhook.controller';
import { WebhookHandlers } from './delivery/webhook.handlers';
import { DEFAULT_ENFORCEMENT_SETTINGS, ENFORCEMENT_SETTINGS, type EnforcementSettings } from './enforcement-settings';
import { publish } from './publish';

export const ENFORCEMENT_COORDINATION: ServiceDefinition = {
  name: 'enforcement-coordination',
  schema: 'enforcement_coordination',
  migrations: [...directoryMigrations(), ...sqlMigrationsIn(join(__dirname, 'migrations'), 'enforcement-coordination')],
  publish,
  consumes: ['credit-records', 'joint-supervision'],
};

export interface EnforcementCoordinationModuleOptions {
  /** Serve this service's directory copy at GET /api/v1/organizations (only when it runs as its own process). */
  serveDirectoryCopy: boolean;
  /** Alert deadlines, calendar and webhook retries; the defaults of PRODUCT.md §3.6 when omitted. */
  settings?: EnforcementSettings;
}

/** Runs the webhook dispatcher in processes that run messaging (not in the CLI's replay and benchmarks). */
@Injectable()
export class WebhookDispatcherLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly dispatcher: WebhookDispatcher,
    @Inject(RUNTIME_SETTINGS) private readonly settings: RuntimeSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.startMessaging) this.dispatcher.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.dispatcher.stop();
  }
}

@Module({})
export class EnforcementCoordinationModule {
  static forRoot(options: EnforcementCoordinationModuleOptions): DynamicModule {
    return {
      module: EnforcementCoordinationModule,
      controllers: [
        // The stream before AlertController, whose GET /alerts/:id would otherwise answer /alerts/stream.
        AlertStreamController,
        AlertController,
        CatalogueController,
        WebhookController,
        CheckController,
        ...(options.serveDirectoryCopy ? [DirectoryCopyController] : []),
      ],
      providers: [
        ...serviceProviders(ENFORCEMENT_COORDINATION),
        ...directoryProviders({ replica: true }),
        { provide: ENFORCEMENT_SETTINGS, useValue: options.settings ?? DEFAULT_ENFORCEMENT_SETTINGS },
        EnforcementRunner,
        EnforcementConsumer,
        AlertHandlers,
        CatalogueHandlers,
        CheckHandlers,
        WebhookHandlers,
        AlertFeedListener,
        WebhookDispatcher,
        WebhookDispatcherLifecycle,
      ],
      exports: [WebhookDispatcher, AlertFeedListener, EnforcementRunner],
    };
  }
}

/** Projections enforcement-coordination can rebuild from its own history (`npx credit-share replay`). */
export function enforcementCoordinationProjections(_runtime: ServiceRuntime) {
  return [catalogueProjection, enforcementProjection];
}
