import { ContractRegistry } from '@credit-share/contracts';
import { Global, Inject, Logger, Module, type DynamicModule, type BeforeApplicationShutdown } from '@nestjs/common';
import { HealthChecks } from '@credit-share/observability';
import { CLOCK, systemClock, type Clock } from '@credit-share/scheduling';
import { InProcessTransport } from './in-process.transport';
import { KafkaTransport } from './kafka.transport';
import { RUNTIME_SETTINGS, type RuntimeSettings } from './service-runtime';
import { TRANSPORT, type Transport } from './transport';

export type TransportSettings =
  | { kind: 'in-process' }
  | {
      kind: 'kafka';
      brokers: string[];
      clientId: string;
      partitions: number;
      replicationFactor: number;
      retentionMs: number;
      ssl: boolean;
      sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
    };

/** Process-wide messaging: the transport, the contract registry and the database settings every service uses. */
@Global()
@Module({})
export class MessagingModule implements BeforeApplicationShutdown {
  constructor(@Inject(TRANSPORT) private readonly transport: Transport) {}

  static forRoot(settings: { transport: TransportSettings; runtime: RuntimeSettings; clock?: Clock }): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: RUNTIME_SETTINGS, useValue: settings.runtime },
        { provide: CLOCK, useValue: settings.clock ?? systemClock },
        { provide: ContractRegistry, useFactory: () => new ContractRegistry() },
        {
          provide: TRANSPORT,
          inject: [HealthChecks],
          useFactory: (health: HealthChecks): Transport => {
            const transport = createTransport(settings.transport);
            health.register('transport', () => transport.probe());
            return transport;
          },
        },
      ],
      exports: [RUNTIME_SETTINGS, ContractRegistry, TRANSPORT, CLOCK],
    };
  }

  /** Consumers stop before the services close their pools (ServiceRuntime.onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.transport.stop();
  }
}

export function createTransport(settings: TransportSettings): Transport {
  if (settings.kind === 'in-process') return new InProcessTransport();
  const logger = new Logger('kafka');
  return new KafkaTransport({
    brokers: settings.brokers,
    clientId: settings.clientId,
    partitions: settings.partitions,
    replicationFactor: settings.replicationFactor,
    retentionMs: settings.retentionMs,
    ssl: settings.ssl,
    sasl: settings.sasl,
    log: (level, message) =>
      level === 'error' ? logger.error(message) : level === 'warn' ? logger.warn(message) : logger.log(message),
  });
}
