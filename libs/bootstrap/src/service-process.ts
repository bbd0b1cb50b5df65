// One service as its own process (distributed mode, PRODUCT.md §5): its module, the platform modules around it,
// Kafka between processes, its own schema in a shared or dedicated PostgreSQL.
import { Module, type DynamicModule, type LoggerService } from '@nestjs/common';
import { IsDefined } from 'class-validator';
import { PlatformConfig } from './config';
import { createHttpApp } from './http-app';
import { platformModules } from './platform';
import { listen, onShutdown } from './run';

export class DistributedServiceConfig extends PlatformConfig {
  @IsDefined({ message: 'DATABASE_URL is required when a service runs as its own process' })
  declare DATABASE_URL: string;

  @IsDefined({ message: 'KAFKA_BROKERS is required when a service runs as its own process' })
  declare KAFKA_BROKERS: string;
}

@Module({})
class ServiceProcessModule {}

export async function runServiceProcess(
  service: string,
  serviceModule: DynamicModule,
  config: DistributedServiceConfig,
  logger: LoggerService,
): Promise<void> {
  const root: DynamicModule = {
    module: ServiceProcessModule,
    imports: [
      ...platformModules(config, { databaseUrl: config.DATABASE_URL, clientId: `credit-share-${service}` }),
      serviceModule,
    ],
  };
  const app = await createHttpApp(root, {
    title: `credit-share · ${service}`,
    description: `The ${service} service of credit-share (distributed mode).`,
    logger,
  });
  const url = await listen(app, config.HOST, config.PORT);
  onShutdown(logger, [() => app.close()]);
  logger.log(`${service} listening at ${url}`, 'process');
}
