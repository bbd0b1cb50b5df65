// Everything a service needs around its domain code, wired once: its own schema and pool, the event store, the
// relay that publishes its events, and the consumer host that applies other services' events. Lifecycle (Nest):
// migrate and subscribe in onModuleInit, start the relay in onApplicationBootstrap — so in a single process every
// subscriber is registered before any relay publishes.
import { ContractRegistry, topicOf, type ServiceName } from '@credit-share/contracts';
import {
  CheckpointStore,
  Database,
  PgEventStore,
  UpcasterRegistry,
  eventStoreMigrations,
  migrate,
  sqlMigrationsIn,
  type Migration,
} from '@credit-share/event-store';
import { HealthChecks, Metrics } from '@credit-share/observability';
import { CLOCK, TimerScheduler, timerMigrations, type Clock } from '@credit-share/scheduling';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { join } from 'node:path';
import { ConsumerHost, type ConsumerHostOptions } from './consumer-host';
import type { PublishMap } from './publication';
import { Relay, type RelayOptions } from './relay';
import { TRANSPORT, type Transport } from './transport';

export interface ServiceDefinition {
  name: ServiceName;
  /** PostgreSQL schema owned by the service. */
  schema: string;
  /** The service's own migrations (read models, lookups), applied after the event store's and the inbox's. */
  migrations: Migration[];
  /** publish.ts of the service; omitted for services that publish nothing. */
  publish?: PublishMap;
  /** Producers whose topics this service consumes. */
  consumes?: ServiceName[];
  upcasters?: UpcasterRegistry;
  relay?: RelayOptions;
  consumer?: ConsumerHostOptions;
}

export interface RuntimeSettings {
  databaseUrl: string;
  poolSize: number;
  /** False for tools (replay, benchmarks) that use a service's store without publishing, consuming or firing timers. */
  startMessaging: boolean;
}

export const RUNTIME_SETTINGS = Symbol('RuntimeSettings');
export const SERVICE_DEFINITION = Symbol('ServiceDefinition');

export function messagingMigrations(): Migration[] {
  return sqlMigrationsIn(join(__dirname, 'migrations'), 'messaging');
}

@Injectable()
export class ServiceRuntime implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  readonly db: Database;
  readonly store: PgEventStore;
  readonly checkpoints: CheckpointStore;
  readonly consumers: ConsumerHost;
  readonly relay: Relay | undefined;
  /** Durable timers (deadlines, expiry) of this service. */
  readonly timers: TimerScheduler;
  private readonly logger: Logger;

  constructor(
    @Inject(SERVICE_DEFINITION) readonly definition: ServiceDefinition,
    @Inject(RUNTIME_SETTINGS) private readonly settings: RuntimeSettings,
    @Inject(TRANSPORT) private readonly transport: Transport,
    contracts: ContractRegistry,
    private readonly metrics: Metrics,
    private readonly health: HealthChecks,
    @Inject(CLOCK) readonly clock: Clock,
  ) {
    const { name, schema } = definition;
    this.logger = new Logger(name);
    this.db = new Database({ url: settings.databaseUrl, schema, poolSize: settings.poolSize, applicationName: name });
    this.store = new PgEventStore(this.db, { upcasters: definition.upcasters });
    this.checkpoints = new CheckpointStore(this.db);
    this.consumers = new ConsumerHost(name, this.db, transport, contracts, metrics, definition.consumer);
    this.timers = new TimerScheduler(this.db, clock, {
      onError: (error, timer) => this.logger.warn(`timer ${timer?.id ?? ''}: ${(error as Error).message}`),
    });
    this.relay = definition.publish
      ? new Relay(name, this.db, this.store, this.checkpoints, transport, definition.publish, metrics, {
          ...definition.relay,
          onError: (error) => this.logger.warn(`relay: ${(error as Error).message}`),
        })
      : undefined;
  }

  async onModuleInit(): Promise<void> {
    const applied = await migrate(this.db, [
      ...eventStoreMigrations(),
      ...messagingMigrations(),
      ...timerMigrations(),
      ...this.definition.migrations,
    ]);
    if (applied.length > 0) this.logger.log(`applied ${applied.length} migrations to schema ${this.db.schema}`);
    const name = this.definition.name;
    this.health.register(`${name}.database`, () => this.db.ping());
    this.metrics.onCollect(async () => {
      if (this.relay) this.metrics.relayLag.set({ service: name }, await this.relay.lag());
      const parked = await this.consumers.parkedCounts();
      this.metrics.deadLetters.set({ service: name, reason: 'poison' }, parked.poison);
      this.metrics.deadLetters.set({ service: name, reason: 'held' }, parked.held);
      const topics = (this.definition.consumes ?? []).map(topicOf);
      if (topics.length > 0 && this.consumers.handledTypes().length > 0) {
        const lag = await this.transport.consumerLag(this.consumers.group, topics);
        for (const [topic, n] of Object.entries(lag)) this.metrics.consumerLag.set({ service: name, topic }, n);
      }
    });
    if (this.settings.startMessaging && this.consumers.handledTypes().length > 0) {
      await this.consumers.subscribe((this.definition.consumes ?? []).map(topicOf));
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.startMessaging) return;
    await this.transport.start();
    this.relay?.start();
    this.timers.start();
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.relay?.stop(), this.timers.stop()]);
  }

  /** After the transport stopped delivering (MessagingModule.beforeApplicationShutdown). */
  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}

/** The providers that make a Nest module a service: its definition and its runtime. */
export function serviceProviders(definition: ServiceDefinition) {
  return [{ provide: SERVICE_DEFINITION, useValue: definition }, ServiceRuntime];
}

/** The runtime of a named service in an application that composes several (standalone process, tests, CLI). */
export function serviceRuntimeOf(
  app: { get<T>(type: new (...args: never[]) => T, options: { strict: false; each: true }): T[] },
  service: ServiceName,
): ServiceRuntime {
  const runtime = app.get(ServiceRuntime, { strict: false, each: true }).find((r) => r.definition.name === service);
  if (!runtime) throw new Error(`service ${service} is not part of this application`);
  return runtime;
}
