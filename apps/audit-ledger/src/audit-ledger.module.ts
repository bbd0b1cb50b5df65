// audit-ledger: the RFC 9162 Merkle log over every integration event and access entry (PRODUCT.md §3.8, ADR 0007).
import { DirectoryCopyController, directoryMigrations, directoryProviders } from '@credit-share/auth';
import { sqlMigrationsIn } from '@credit-share/event-store';
import {
  RUNTIME_SETTINGS,
  ServiceRuntime,
  serviceProviders,
  type RuntimeSettings,
  type ServiceDefinition,
} from '@credit-share/messaging';
import { HealthChecks } from '@credit-share/observability';
import {
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { join } from 'node:path';
import { LedgerConsumer } from './ledger/ledger.consumer';
import { LedgerController } from './ledger/ledger.controller';
import {
  GetConsistencyProofHandler,
  GetEntriesHandler,
  GetInclusionProofHandler,
  GetLatestCheckpointHandler,
  GetLedgerKeyHandler,
  LEDGER_SIGNER,
  ListCheckpointsHandler,
} from './ledger/ledger.handlers';
import { LedgerRepository } from './ledger/ledger.repository';
import { LedgerSequencer } from './ledger/ledger-sequencer.scheduler';
import type { LedgerSettings } from './ledger/ledger-settings';
import { loadLedgerSigner } from './ledger/ledger-signing-key';
import type { NoteSigner } from './ledger/signed-note';
import { publish } from './publish';

export const AUDIT_LEDGER: ServiceDefinition = {
  name: 'audit-ledger',
  schema: 'audit_ledger',
  migrations: [...directoryMigrations(), ...sqlMigrationsIn(join(__dirname, 'migrations'), 'audit-ledger')],
  publish,
  consumes: ['credit-records', 'joint-supervision', 'enforcement-coordination', 'credit-profiles'],
};

export interface AuditLedgerModuleOptions {
  /** Serve this service's directory copy at GET /api/v1/organizations (only when it runs as its own process). */
  serveDirectoryCopy: boolean;
  ledger: LedgerSettings;
}

const LEDGER_SETTINGS = Symbol('LedgerSettings');

/** Runs the sequencer in processes that run messaging (not in the CLI's replay and benchmarks). */
@Injectable()
export class LedgerSequencerLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly sequencer: LedgerSequencer,
    @Inject(RUNTIME_SETTINGS) private readonly settings: RuntimeSettings,
    health: HealthChecks,
  ) {
    health.register('audit-ledger.ledger', async () => this.sequencer.assertIntegrity());
  }

  onApplicationBootstrap(): void {
    if (this.settings.startMessaging) this.sequencer.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.sequencer.stop();
  }
}

@Module({})
export class AuditLedgerModule {
  static forRoot(options: AuditLedgerModuleOptions): DynamicModule {
    const logger = new Logger('audit-ledger');
    return {
      module: AuditLedgerModule,
      controllers: [LedgerController, ...(options.serveDirectoryCopy ? [DirectoryCopyController] : [])],
      providers: [
        ...serviceProviders(AUDIT_LEDGER),
        // The directory copy is fed by LedgerConsumer (every message is recorded first), not by a replica of its own.
        ...directoryProviders({ replica: false }),
        { provide: LEDGER_SETTINGS, useValue: options.ledger },
        { provide: LEDGER_SIGNER, inject: [LEDGER_SETTINGS], useFactory: (s: LedgerSettings) => loadLedgerSigner(s) },
        { provide: LedgerRepository, inject: [ServiceRuntime], useFactory: (r: ServiceRuntime) => new LedgerRepository(r.db) },
        {
          provide: LedgerSequencer,
          inject: [ServiceRuntime, LedgerRepository, LEDGER_SIGNER, LEDGER_SETTINGS],
          useFactory: (runtime: ServiceRuntime, repository: LedgerRepository, signer: NoteSigner, settings: LedgerSettings) =>
            new LedgerSequencer(runtime.db, repository, signer, runtime.clock, {
              intervalMs: settings.checkpointIntervalMs,
              batchSize: settings.batchSize,
              onError: (error) => logger.error(`sequencer: ${(error as Error).message}`),
            }),
        },
        LedgerSequencerLifecycle,
        LedgerConsumer,
        GetLatestCheckpointHandler,
        ListCheckpointsHandler,
        GetEntriesHandler,
        GetInclusionProofHandler,
        GetConsistencyProofHandler,
        GetLedgerKeyHandler,
      ],
      exports: [LedgerSequencer, LedgerRepository, LEDGER_SIGNER],
    };
  }
}
