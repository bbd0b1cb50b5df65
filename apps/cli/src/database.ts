// The CLI talks to the same database as `npm start`: DATABASE_URL, or the embedded PostgreSQL under DATA_DIR
// (reused while the platform runs, started for the duration of the command otherwise).
import { startEmbeddedPostgres } from '@credit-share/local-infra';
import { join, resolve } from 'node:path';
import type { StandaloneConfig } from '../../standalone/src/standalone.config';

export async function openDatabase(config: StandaloneConfig): Promise<{ url: string; close: () => Promise<void> }> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, close: async () => undefined };
  const postgres = await startEmbeddedPostgres({
    dataDir: join(resolve(config.DATA_DIR), 'postgres'),
    port: config.EMBEDDED_POSTGRES_PORT,
    database: config.EMBEDDED_POSTGRES_DATABASE,
  });
  return { url: postgres.url, close: () => postgres.stop() };
}
