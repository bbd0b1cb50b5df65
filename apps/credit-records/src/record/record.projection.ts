// Read models of records and subjects: `evolve(row, event)` into plain tables with raw SQL (ARCHITECTURE.md), kept
// inside the command transactions (read-your-writes) and rebuildable from the history. New records arrive a batch
// at a time, so RecordPublished rows go in with one statement per batch.
import type { Projection, RecordedEvent, Tx } from '@credit-share/event-store';
import type { RecordEvent, RecordPublished } from './record.events';
import type { SubjectEvent, UsccExceptionAllowed } from '../subject/subject.events';
import { personSubjectKey } from '../subject/subject.events';

type Handled = RecordEvent | SubjectEvent | UsccExceptionAllowed;

export const RECORD_PROJECTION_EVENTS: readonly Handled['type'][] = [
  'RecordPublished',
  'RecordCorrected',
  'RecordWithdrawn',
  'RecordExpired',
  'RecordRepaired',
  'RecordDisputed',
  'RecordDisputeCleared',
  'SubjectRegistered',
  'SubjectAliasesAdded',
  'PersonRegistered',
  'UsccExceptionAllowed',
];

export function recordsProjection(): Projection {
  return {
    name: 'records',
    tables: ['records', 'record_versions', 'subjects', 'uscc_exceptions'],
    handles: RECORD_PROJECTION_EVENTS,
    async apply(events: readonly RecordedEvent[], tx: Tx) {
      let published: RecordedEvent[] = [];
      let registered: RecordedEvent[] = [];
      const flush = async () => {
        if (registered.length > 0) await insertRegistered(registered, tx);
        if (published.length > 0) await insertPublished(published, tx);
        published = [];
        registered = [];
      };
      for (const recorded of events) {
        const event = recorded as unknown as Handled;
        if (event.type === 'RecordPublished') {
          published.push(recorded);
          continue;
        }
        if (event.type === 'SubjectRegistered') {
          registered.push(recorded);
          continue;
        }
        if (!RECORD_PROJECTION_EVENTS.includes(event.type)) continue;
        await flush();
        await applyOne(event, recorded, tx);
      }
      await flush();
    },
  };
}

async function insertRegistered(events: RecordedEvent[], tx: Tx): Promise<void> {
  const rows = events.map((recorded) => {
    const d = (recorded as unknown as Extract<Handled, { type: 'SubjectRegistered' }>).data;
    return {
      uscc: d.uscc,
      category: d.category,
      name: d.name,
      aliases: d.aliases,
      non_conforming: d.nonConformingIdentifier,
      at: recorded.recordedAt.toISOString(),
    };
  });
  await tx.query(
    `INSERT INTO subjects (subject_key, category, uscc, name, aliases, non_conforming, registered_at)
     SELECT r.uscc, r.category, r.uscc, r.name, r.aliases, r.non_conforming, r.at
     FROM jsonb_to_recordset($1::jsonb) AS r(uscc text, category text, name text, aliases jsonb, non_conforming boolean, at timestamptz)
     ON CONFLICT (subject_key) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

async function insertPublished(events: RecordedEvent[], tx: Tx): Promise<void> {
  const rows = events.map((recorded) => {
    const d = (recorded as unknown as RecordPublished).data;
    const subject = d.subject;
    return {
      record_id: d.recordId,
      kind: d.kind,
      provider_org: d.providerOrg,
      subject_key: subject.key,
      subject_category: subject.category,
      uscc: subject.category === 'natural_person' ? null : subject.uscc,
      subject_name: subject.name,
      masked_id: subject.category === 'natural_person' ? subject.maskedId : null,
      sharing_class: d.sharingClass,
      market_credit: d.marketCredit,
      catalogue_version: d.catalogueVersion,
      version: d.version,
      severity: d.severity,
      decision_date: d.details.decisionDate,
      public_from: d.publicFrom,
      public_until: d.publicUntil,
      repairable_from: d.repairableFrom,
      details: d.details,
      submitted_at: d.submittedAt,
      // Versions are dated by the domain's clock (the instant of submission), so "as of" reads agree with it.
      recorded_at: d.submittedAt,
    };
  });
  // One statement (one parse of the rows) for the current row and the first version of every record.
  await tx.query(
    `WITH r AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(record_id text, kind text, provider_org text, subject_key text,
         subject_category text, uscc text, subject_name text, masked_id text, sharing_class text, market_credit boolean,
         catalogue_version integer, version integer, severity text, decision_date date, public_from timestamptz,
         public_until timestamptz, repairable_from timestamptz, details jsonb, submitted_at timestamptz, recorded_at timestamptz)
     ), current AS (
       INSERT INTO records (record_id, kind, provider_org, subject_key, subject_category, uscc, subject_name, masked_id,
         sharing_class, market_credit, catalogue_version, status, version, severity, decision_date, public_from, public_until,
         repairable_from, details, submitted_at, updated_at)
       SELECT r.record_id, r.kind, r.provider_org, r.subject_key, r.subject_category, r.uscc, r.subject_name, r.masked_id,
         r.sharing_class, r.market_credit, r.catalogue_version, 'published', r.version, r.severity, r.decision_date,
         r.public_from, r.public_until, r.repairable_from, r.details, r.submitted_at, r.recorded_at
       FROM r
     )
     INSERT INTO record_versions (record_id, version, recorded_at, severity, subject_name, details, public_from, public_until,
       repairable_from, reason)
     SELECT r.record_id, r.version, r.recorded_at, r.severity, r.subject_name, r.details, r.public_from, r.public_until,
       r.repairable_from, NULL
     FROM r`,
    [JSON.stringify(rows)],
  );
}

async function applyOne(
  event: Exclude<Handled, RecordPublished | { type: 'SubjectRegistered' }>,
  recorded: RecordedEvent,
  tx: Tx,
): Promise<void> {
  const at = recorded.recordedAt.toISOString();
  switch (event.type) {
    case 'RecordCorrected': {
      const d = event.data;
      await tx.query(
        `UPDATE records SET version = $2, severity = $3, details = $4, decision_date = $5, public_from = $6, public_until = $7,
           repairable_from = $8, subject_name = $9, updated_at = $10 WHERE record_id = $1`,
        [
          d.recordId,
          d.version,
          d.severity,
          d.details,
          d.details.decisionDate,
          d.publicFrom,
          d.publicUntil,
          d.repairableFrom,
          d.subjectName,
          at,
        ],
      );
      await tx.query(
        `INSERT INTO record_versions (record_id, version, recorded_at, severity, subject_name, details, public_from, public_until,
           repairable_from, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          d.recordId,
          d.version,
          d.correctedAt,
          d.severity,
          d.subjectName,
          d.details,
          d.publicFrom,
          d.publicUntil,
          d.repairableFrom,
          d.reason,
        ],
      );
      return;
    }
    case 'RecordWithdrawn':
      await tx.query(
        `UPDATE records SET status = 'withdrawn', withdrawn_at = $2, withdrawal_reason = $3, ended_at = coalesce(ended_at, $2),
           updated_at = $4 WHERE record_id = $1`,
        [event.data.recordId, event.data.withdrawnAt, event.data.reason, at],
      );
      return;
    case 'RecordExpired':
      await tx.query(`UPDATE records SET status = 'expired', expired_at = $2, updated_at = $3 WHERE record_id = $1`, [
        event.data.recordId,
        event.data.expiredAt,
        at,
      ]);
      return;
    case 'RecordRepaired':
      await tx.query(
        `UPDATE records SET status = 'repaired', repaired_at = $2, repair_id = $3, ended_at = $2, updated_at = $4 WHERE record_id = $1`,
        [event.data.recordId, event.data.repairedAt, event.data.repairId, at],
      );
      return;
    case 'RecordDisputed':
      await tx.query(
        `UPDATE records SET disputes = array_append(array_remove(disputes, $2), $2), updated_at = $3 WHERE record_id = $1`,
        [event.data.recordId, event.data.objectionId, at],
      );
      return;
    case 'RecordDisputeCleared':
      await tx.query(`UPDATE records SET disputes = array_remove(disputes, $2), updated_at = $3 WHERE record_id = $1`, [
        event.data.recordId,
        event.data.objectionId,
        at,
      ]);
      return;
    case 'PersonRegistered':
      await tx.query(
        `INSERT INTO subjects (subject_key, category, name, person_ciphertext, masked_id, registered_at)
         VALUES ($1, 'natural_person', $2, $3, $4, $5) ON CONFLICT (subject_key) DO NOTHING`,
        [personSubjectKey(event.data.personToken), event.data.name, event.data.encryptedId, event.data.maskedId, at],
      );
      return;
    case 'SubjectAliasesAdded':
      await tx.query(`UPDATE subjects SET aliases = aliases || $2::jsonb WHERE subject_key = $1`, [
        event.data.subjectKey,
        JSON.stringify(event.data.aliases),
      ]);
      return;
    case 'UsccExceptionAllowed':
      await tx.query(
        `INSERT INTO uscc_exceptions (uscc, reason, source, added_by, added_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (uscc) DO UPDATE SET reason = EXCLUDED.reason, source = EXCLUDED.source`,
        [event.data.uscc, event.data.reason, event.data.source, event.data.addedBy, event.data.addedAt],
      );
      return;
  }
}
