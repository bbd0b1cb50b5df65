// Raw SQL migrations (TypeORM cannot declare xid8). Each service applies its own list inside its own schema; an
// advisory lock serialises replicas starting at once, and a checksum refuses a migration edited after it ran.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database';

export interface Migration {
  /** Globally unique and ordered within a service, e.g. `event-store/001_events`. */
  id: string;
  sql: string;
}

/** Reads `NNN_name.sql` files of a directory as migrations named `<prefix>/NNN_name`. */
export function sqlMigrationsIn(dir: string, prefix: string): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ id: `${prefix}/${f.replace(/\.sql$/, '')}`, sql: readFileSync(join(dir, f), 'utf8') }));
}

export async function migrate(db: Database, migrations: readonly Migration[]): Promise<string[]> {
  await db.ensureSchema();
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`migrate:${db.schema}`]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ id: string; checksum: string }>(`SELECT id, checksum FROM schema_migrations`);
    const applied = new Map(rows.map((r) => [r.id, r.checksum]));
    const newlyApplied: string[] = [];
    for (const migration of migrations) {
      const checksum = createHash('sha256').update(migration.sql).digest('hex');
      const previous = applied.get(migration.id);
      if (previous !== undefined) {
        if (previous !== checksum) {
          throw new Error(`migration ${migration.id} changed after it was applied to schema ${db.schema}`);
        }
        continue;
      }
      await tx.query(migration.sql);
      await tx.query(`INSERT INTO schema_migrations (id, checksum) VALUES ($1, $2)`, [migration.id, checksum]);
      newlyApplied.push(migration.id);
    }
    return newlyApplied;
  });
}
