// One service as its own process (distributed mode, PRODUCT.md §5): its module, the platform modules around it,
// Kafka between processes, its own schema in a shared or dedicated PostgreSQL.
import { Module, type DynamicModule, type LoggerService } from '@nestjs/common';
import { PlatformConfig, loadConfig } from './config';
import { createHttpApp } from './http-app';
import { platformModules } from './platform';
import { listen, onShutdown } from './run';

/** A service as its own process needs an existing PostgreSQL and Kafka (no embedded defaults, no in-process transport). */
export class DistributedServiceConfig extends PlatformConfig {
  declare DATABASE_URL: string;
  declare KAFKA_BROKERS: string;
}

export function loadDistributedServiceConfig(env: NodeJS.ProcessEnv): DistributedServiceConfig {
  return loadConfig(DistributedServiceConfig, env, { require: ['DATABASE_URL', 'KAFKA_BROKERS'] });
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
