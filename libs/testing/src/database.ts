import { Database, eventStoreMigrations, migrate, type Migration } from '@credit-share/event-store';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server of this test run (set by the integration or e2e global setup). */
export function adminUrl(): string {
  const url = process.env['CREDIT_SHARE_TEST_ADMIN_URL'];
  if (!url) throw new Error('no test PostgreSQL: run this test through jest (--selectProjects integration or e2e)');
  return url;
}

/** Creates an empty database on the test server and returns its URL. */
export async function freshDatabaseUrl(prefix = 't'): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** A schema-pinned Database on a fresh database with the event store (and any extra) migrations applied. */
export async function migratedDatabase(schema: string, extra: Migration[] = []): Promise<Database> {
  const db = new Database({ url: await freshDatabaseUrl(), schema, poolSize: 20 });
  await migrate(db, [...eventStoreMigrations(), ...extra]);
  return db;
}
