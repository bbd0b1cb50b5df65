// The `repairs` read model: one row per application, `evolve(row, event)` applied inside the command transaction and
// replayable from the history. Its partial unique index (one pending application per record) guards racing
// applications.
import type { Projection, Queryable, RecordedEvent, Tx } from '@credit-share/event-store';
import type { Severity } from '@credit-share/contracts';
import type { RepairEvent } from './repair.events';

export interface RepairRow {
  repair_id: string;
  record_id: string;
  provider_org: string;
  subject_uscc: string;
  subject_name: string;
  severity: Severity | null;
  commitment: string;
  evidence: string[];
  applied_at: Date;
  due_at: Date;
  feedback_due_at: Date;
  policy_version: string;
  status: 'pending' | 'approved' | 'rejected';
  overdue: boolean;
  reason: string | null;
  decided_at: Date | null;
  decided_by_org: string | null;
  decided_by_user: string | null;
  late: boolean | null;
}

export const REPAIR_EVENT_TYPES: readonly RepairEvent['type'][] = ['RepairApplied', 'RepairDecided', 'RepairDecisionOverdue'];

export function evolveRepairRow(row: RepairRow | null, event: RepairEvent): RepairRow | null {
  switch (event.type) {
    case 'RepairApplied': {
      const d = event.data;
      return {
        repair_id: d.repairId,
        record_id: d.recordId,
        provider_org: d.providerOrg,
        subject_uscc: d.subject.uscc,
        subject_name: d.subject.name,
        severity: d.severity,
        commitment: d.commitment,
        evidence: d.evidence,
        applied_at: new Date(d.appliedAt),
        due_at: new Date(d.dueAt),
        feedback_due_at: new Date(d.feedbackDueAt),
        policy_version: d.policyVersion,
        status: 'pending',
        overdue: false,
        reason: null,
        decided_at: null,
        decided_by_org: null,
        decided_by_user: null,
        late: null,
      };
    }
    case 'RepairDecisionOverdue':
      return row && { ...row, overdue: true };
    case 'RepairDecided': {
      const d = event.data;
      return (
        row && {
          ...row,
          status: d.outcome,
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

const COLUMNS: (keyof RepairRow)[] = [
  'repair_id',
  'record_id',
  'provider_org',
  'subject_uscc',
  'subject_name',
  'severity',
  'commitment',
  'evidence',
  'applied_at',
  'due_at',
  'feedback_due_at',
  'policy_version',
  'status',
  'overdue',
  'reason',
  'decided_at',
  'decided_by_org',
  'decided_by_user',
  'late',
];

const UPSERT = `INSERT INTO repairs (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (repair_id) DO UPDATE SET ${COLUMNS.slice(1)
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')}`;

export async function findRepairRow(runner: Queryable, repairId: string): Promise<RepairRow | null> {
  const { rows } = await runner.query<RepairRow>(`SELECT * FROM repairs WHERE repair_id = $1`, [repairId]);
  return rows[0] ?? null;
}

export async function pendingRepairOf(runner: Queryable, recordId: string): Promise<string | null> {
  const { rows } = await runner.query<{ repair_id: string }>(
    `SELECT repair_id FROM repairs WHERE record_id = $1 AND status = 'pending'`,
    [recordId],
  );
  return rows[0]?.repair_id ?? null;
}

export function repairsProjection(): Projection {
  return {
    name: 'repairs',
    tables: ['repairs'],
    handles: REPAIR_EVENT_TYPES,
    async apply(events: readonly RecordedEvent[], tx: Tx) {
      for (const recorded of events) {
        const event = recorded as unknown as RepairEvent;
        if (!REPAIR_EVENT_TYPES.includes(event.type)) continue;
        const current = event.type === 'RepairApplied' ? null : await findRepairRow(tx, event.data.repairId);
        const next = evolveRepairRow(current, event);
        if (next) {
          await tx.query(
            UPSERT,
            COLUMNS.map((c) => (c === 'evidence' ? JSON.stringify(next.evidence) : next[c])),
          );
        }
      }
    },
  };
}
