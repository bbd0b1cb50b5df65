// The records about the signed-in enterprise (GET /api/v1/records?subject=<own USCC>), for the subject's objection and
// repair forms, and whether a record may be repaired yet.
import type { RecordView } from '../records/record';

export type OwnRecord = RecordView & { repairableFrom?: string | null };

/** Repair is possible once the minimum period is served (`repairableFrom` has passed) for a record in publicity. */
export function repairable(record: OwnRecord, now: Date = new Date()): boolean {
  if (record.status !== 'published' && record.status !== 'corrected') return false;
  if (!record.repairableFrom) return false;
  return new Date(record.repairableFrom).getTime() <= now.getTime();
}

/** Every item of the repair checklist must be ticked before the application can go. */
export function checklistComplete(items: readonly string[], ticked: ReadonlySet<string>): boolean {
  return items.every((item) => ticked.has(item));
}
