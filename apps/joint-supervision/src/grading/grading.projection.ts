// The grading read models of this service's own events: the last grade of each subject, and the adopted rule sets.
// Written in the transaction of the events; rebuildable from the store (`npx credit-share replay`).
import type { Projection, RecordedEvent, Tx } from '@credit-share/event-store';
import type { GradeChanged, RuleSetAdopted } from './grade.events';
import { applyGradeChanged } from './subject-facts.repository';

export async function applyRuleSetAdopted(tx: Tx, recorded: RecordedEvent): Promise<void> {
  const { data } = recorded as unknown as RuleSetAdopted;
  await tx.query(`INSERT INTO rule_sets (version, effective_from, rules, adopted_by, adopted_at) VALUES ($1, $2, $3, $4, $5)`, [
    data.version,
    data.effectiveFrom,
    JSON.stringify(data.rules),
    data.adoptedBy,
    recorded.occurredAt,
  ]);
}

export const gradesProjection: Projection = {
  name: 'grades',
  tables: ['grades'],
  handles: ['GradeChanged'],
  async apply(events: readonly RecordedEvent[], tx: Tx) {
    for (const e of events) await applyGradeChanged(tx, (e as unknown as GradeChanged).data);
  },
};

export const ruleSetsProjection: Projection = {
  name: 'rule-sets',
  tables: ['rule_sets'],
  handles: ['RuleSetAdopted'],
  async apply(events: readonly RecordedEvent[], tx: Tx) {
    for (const e of events) await applyRuleSetAdopted(tx, e);
  },
};
