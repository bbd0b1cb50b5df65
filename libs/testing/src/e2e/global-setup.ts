// End-to-end tests run the services as real processes from dist/ against a real PostgreSQL and real Kafka brokers.
// Setup once: build, start an ephemeral embedded PostgreSQL, and resolve the Kafka jars (Maven, cached) so the first
// test file does not pay for the download. Each test file starts the brokers and service processes it needs.
import { DEFAULT_KAFKA_VERSION, freePort, projectRoot, resolveKafkaJars, startEmbeddedPostgres } from '@credit-share/local-infra';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function globalSetup(): Promise<void> {
  const root = projectRoot();
  execFileSync(process.execPath, [join(root, 'scripts', 'build.js')], { stdio: 'inherit' });
  resolveKafkaJars(DEFAULT_KAFKA_VERSION, undefined, (line) => process.stderr.write(`${line}\n`));
  const dir = mkdtempSync(join(tmpdir(), 'credit-share-e2e-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as the postgres user when tests run as root
  const postgres = await startEmbeddedPostgres({
    dataDir: join(dir, 'postgres'),
    port: await freePort(),
    database: 'postgres',
    ephemeral: true,
  });
  process.env['CREDIT_SHARE_TEST_ADMIN_URL'] = postgres.url;
  process.env['CREDIT_SHARE_E2E_DIR'] = dir;
  (globalThis as Record<string, unknown>)['__creditSharePostgres'] = { postgres, dir };
}
