// Named positions in the global order: the relay's, each projection's. Saved in the same transaction as the work
// they acknowledge where there is one, so a crash never moves a checkpoint past unfinished work.
import type { Database, Queryable } from './database';
import { START, type Cursor } from './event';

export class CheckpointStore {
  constructor(private readonly db: Database) {}

  async load(name: string, runner: Queryable = this.db): Promise<Cursor> {
    const { rows } = await runner.query<{ tx: string; position: string }>(
      `SELECT transaction_id::text AS tx, global_position::text AS position FROM checkpoints WHERE name = $1`,
      [name],
    );
    const row = rows[0];
    return row ? { transactionId: row.tx, position: row.position } : START;
  }

  async save(name: string, cursor: Cursor, runner: Queryable = this.db): Promise<void> {
    await runner.query(
      `INSERT INTO checkpoints (name, transaction_id, global_position, updated_at) VALUES ($1, $2::xid8, $3, now())
       ON CONFLICT (name) DO UPDATE SET transaction_id = EXCLUDED.transaction_id,
         global_position = EXCLUDED.global_position, updated_at = now()`,
      [name, cursor.transactionId, cursor.position],
    );
  }

  async reset(name: string, runner: Queryable = this.db): Promise<void> {
    await runner.query(`DELETE FROM checkpoints WHERE name = $1`, [name]);
  }
}
