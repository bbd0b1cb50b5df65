// Integration tests run against a real PostgreSQL: an ephemeral embedded server for the whole run (or the server
// named by TEST_DATABASE_URL). Each test file then creates its own database (freshDatabaseUrl), so files never see
// each other's data and can run in parallel.
import { freePort, startEmbeddedPostgres } from '@credit-share/local-infra';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function globalSetup(): Promise<void> {
  if (process.env['TEST_DATABASE_URL']) {
    process.env['CREDIT_SHARE_TEST_ADMIN_URL'] = process.env['TEST_DATABASE_URL'];
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'credit-share-int-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as the postgres user when tests run as root
  const postgres = await startEmbeddedPostgres({
    dataDir: join(dir, 'postgres'),
    port: await freePort(),
    database: 'postgres',
    ephemeral: true,
  });
  process.env['CREDIT_SHARE_TEST_ADMIN_URL'] = postgres.url;
  (globalThis as Record<string, unknown>)['__creditSharePostgres'] = { postgres, dir };
}
