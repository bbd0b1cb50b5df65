// The modules every process is made of, around its service modules: observability, authentication, messaging
// (transport + database settings) and typed command/query dispatch.
import { AuthModule, type AuthSettings } from '@credit-share/auth';
import { MessagingModule, type TransportSettings } from '@credit-share/messaging';
import { ObservabilityModule } from '@credit-share/observability';
import type { DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { resolve } from 'node:path';
import type { Clock } from '@credit-share/scheduling';
import type { PlatformConfig } from './config';

export function authSettings(config: PlatformConfig): AuthSettings {
  return config.AUTH_MODE === 'oidc'
    ? { mode: 'oidc', jwksUrl: config.AUTH_JWKS_URL!, issuer: config.AUTH_ISSUER!, audience: config.AUTH_AUDIENCE }
    : { mode: 'dev', dataDir: resolve(config.DATA_DIR) };
}

export function transportSettings(config: PlatformConfig, clientId: string): TransportSettings {
  return config.KAFKA_BROKERS
    ? {
        kind: 'kafka',
        brokers: config.KAFKA_BROKERS.split(','),
        clientId,
        partitions: config.KAFKA_PARTITIONS,
        replicationFactor: config.KAFKA_REPLICATION_FACTOR,
        retentionMs: config.KAFKA_TOPIC_RETENTION_MS,
        ssl: config.KAFKA_SSL,
        sasl: config.KAFKA_SASL_MECHANISM
          ? {
              mechanism: config.KAFKA_SASL_MECHANISM,
              username: config.KAFKA_SASL_USERNAME!,
              password: config.KAFKA_SASL_PASSWORD!,
            }
          : undefined,
      }
    : { kind: 'in-process' };
}

export function platformModules(
  config: PlatformConfig,
  options: { databaseUrl: string; clientId: string; startMessaging?: boolean; clock?: Clock },
): DynamicModule[] {
  return [
    ObservabilityModule.forRoot(),
    AuthModule.forRoot(authSettings(config)),
    MessagingModule.forRoot({
      transport: transportSettings(config, options.clientId),
      runtime: {
        databaseUrl: options.databaseUrl,
        poolSize: config.DATABASE_POOL_SIZE,
        startMessaging: options.startMessaging ?? true,
      },
      clock: options.clock,
    }),
    CqrsModule.forRoot(),
  ];
}
