// The measures catalogue and the memoranda as plain tables, written with the events (read-your-writes for the
// operator) and rebuildable from them.
import type { Projection, RecordedEvent, Tx } from '@credit-share/event-store';
import type { MeasureEvent, MemorandumEvent } from './catalogue.events';

export const catalogueProjection: Projection = {
  name: 'catalogue',
  tables: ['measures', 'memoranda'],
  handles: ['MeasureRegistered', 'MemorandumAdopted'],
  async apply(events: readonly RecordedEvent[], tx: Tx) {
    for (const recorded of events) {
      const event = recorded as unknown as MeasureEvent | MemorandumEvent;
      const at = recorded.recordedAt;
      if (event.type === 'MeasureRegistered') {
        const d = event.data;
        await tx.query(
          `INSERT INTO measures (measure_id, version, content, target, legal_basis, implementing_org, registered_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
           ON CONFLICT (measure_id) DO UPDATE SET version = EXCLUDED.version, content = EXCLUDED.content,
             target = EXCLUDED.target, legal_basis = EXCLUDED.legal_basis, implementing_org = EXCLUDED.implementing_org,
             updated_at = EXCLUDED.updated_at`,
          [d.measureId, d.version, d.content, d.target, d.legalBasis, d.implementingOrg, at],
        );
      } else if (event.type === 'MemorandumAdopted') {
        const d = event.data;
        await tx.query(
          `INSERT INTO memoranda (memorandum_id, version, list_type, title, measure_ids, adopted_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $6)
           ON CONFLICT (memorandum_id) DO UPDATE SET version = EXCLUDED.version, list_type = EXCLUDED.list_type,
             title = EXCLUDED.title, measure_ids = EXCLUDED.measure_ids, updated_at = EXCLUDED.updated_at`,
          [d.memorandumId, d.version, d.listType, d.title, d.measureIds, at],
        );
      }
    }
  },
};

export interface MeasureRow {
  measure_id: string;
  version: number;
  content: string;
  target: string;
  legal_basis: string;
  implementing_org: string;
  registered_at: Date;
  updated_at: Date;
}

export function measureView(row: MeasureRow) {
  return {
    id: row.measure_id,
    version: row.version,
    content: row.content,
    target: row.target,
    legalBasis: row.legal_basis,
    implementingOrg: row.implementing_org,
    registeredAt: row.registered_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export interface MemorandumRow {
  memorandum_id: string;
  version: number;
  list_type: string;
  title: string;
  measure_ids: string[];
  adopted_at: Date;
  updated_at: Date;
}

export function memorandumView(row: MemorandumRow) {
  return {
    id: row.memorandum_id,
    version: row.version,
    listType: row.list_type,
    title: row.title,
    measureIds: row.measure_ids,
    adoptedAt: row.adopted_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
