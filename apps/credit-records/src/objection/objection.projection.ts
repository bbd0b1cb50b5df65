// The `objections` read model: one row per objection, `evolve(row, event)` applied inside the command transaction
// (read-your-writes for the parties) and replayable from the history.
import type { Projection, Queryable, RecordedEvent, Tx } from '@credit-share/event-store';
import type { ObjectionGround } from '@credit-share/contracts';
import type { ObjectionEvent } from './objection.events';

export interface ObjectionRow {
  objection_id: string;
  record_id: string;
  record_version: number;
  provider_org: string;
  subject_uscc: string;
  subject_name: string;
  ground: ObjectionGround;
  statement: string;
  filed_by: 'subject' | 'operator';
  filed_at: Date;
  due_at: Date;
  policy_version: string;
  status: 'pending' | 'upheld' | 'rejected';
  overdue: boolean;
  resolution: 'corrected' | 'withdrawn' | null;
  reason: string | null;
  decided_at: Date | null;
  decided_by_org: string | null;
  decided_by_user: string | null;
  late: boolean | null;
}

export const OBJECTION_EVENT_TYPES: readonly ObjectionEvent['type'][] = [
  'ObjectionFiled',
  'ObjectionDecided',
  'ObjectionOverdue',
];

export function evolveObjectionRow(row: ObjectionRow | null, event: ObjectionEvent): ObjectionRow | null {
  switch (event.type) {
    case 'ObjectionFiled': {
      const d = event.data;
      return {
        objection_id: d.objectionId,
        record_id: d.recordId,
        record_version: d.recordVersion,
        provider_org: d.providerOrg,
        subject_uscc: d.subject.uscc,
        subject_name: d.subject.name,
        ground: d.ground,
        statement: d.statement,
        filed_by: d.filedBy,
        filed_at: new Date(d.filedAt),
        due_at: new Date(d.dueAt),
        policy_version: d.policyVersion,
        status: 'pending',
        overdue: false,
        resolution: null,
        reason: null,
        decided_at: null,
        decided_by_org: null,
        decided_by_user: null,
        late: null,
      };
    }
    case 'ObjectionOverdue':
      return row && { ...row, overdue: true };
    case 'ObjectionDecided': {
      const d = event.data;
      return (
        row && {
          ...row,
          status: d.outcome,
          resolution: d.resolution ?? null,
          reason: d.reason,
          decided_at: new Date(d.decidedAt),
          decided_by_org: d.decidedBy.org,
          decided_by_user: d.decidedBy.user,
          late: d.late,
        }
      );
    }
  }
}

const COLUMNS: (keyof ObjectionRow)[] = [
  'objection_id',
  'record_id',
  'record_version',
  'provider_org',
  'subject_uscc',
  'subject_name',
  'ground',
  'statement',
  'filed_by',
  'filed_at',
  'due_at',
  'policy_version',
  'status',
  'overdue',
  'resolution',
  'reason',
  'decided_at',
  'decided_by_org',
  'decided_by_user',
  'late',
];

const UPSERT = `INSERT INTO objections (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (objection_id) DO UPDATE SET ${COLUMNS.slice(1)
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')}`;

export async function findObjectionRow(runner: Queryable, objectionId: string): Promise<ObjectionRow | null> {
  const { rows } = await runner.query<ObjectionRow>(`SELECT * FROM objections WHERE objection_id = $1`, [objectionId]);
  return rows[0] ?? null;
}

export function objectionsProjection(): Projection {
  return {
    name: 'objections',
    tables: ['objections'],
    handles: OBJECTION_EVENT_TYPES,
    async apply(events: readonly RecordedEvent[], tx: Tx) {
      for (const recorded of events) {
        const event = recorded as unknown as ObjectionEvent;
        if (!OBJECTION_EVENT_TYPES.includes(event.type)) continue;
        const current = event.type === 'ObjectionFiled' ? null : await findObjectionRow(tx, event.data.objectionId);
        const next = evolveObjectionRow(current, event);
        if (next)
          await tx.query(
            UPSERT,
            COLUMNS.map((c) => next[c]),
          );
      }
    },
  };
}
