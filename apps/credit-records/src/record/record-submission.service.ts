// Submission by every channel (single JSON, batch JSON, CSV/XLSX import): rows are validated one by one by the one
// pure validator, then every accepted row is stored in one transaction — idempotency keys, subject registrations,
// the records' first events (one set-based multi-stream append), their read-model rows, their expiry timers and the
// provider's data-quality counts. A bad row never sinks the batch; a rejected row leaves nothing behind.
import { ORGANIZATION_DIRECTORY, OrganizationDirectory, type DirectoryEntry, type Principal } from '@credit-share/auth';
import {
  CalendarYearNotCoveredError,
  DomainError,
  cstDateOf,
  defaultCalendar,
  type FieldError,
  type RecordSubmissionV1,
  type SubjectAliasV1,
  type SubmissionReport,
  type SubmissionRowReport,
} from '@credit-share/contracts';
import { uuidv7, type Actor, type DomainEvent, type RecordedEvent, type Tx } from '@credit-share/event-store';
import { ServiceRuntime, eventMetadata } from '@credit-share/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { CatalogueReader } from '../catalogue/catalogue.repository';
import { encryptPersonIdentifier, personLookupToken } from '../subject/person-identifier-cipher';
import { PERSON_KEYS, type PersonKeys } from '../subject/person-keys';
import { maskResidentId } from '../subject/resident-id';
import { IdentifierExceptionsReader } from '../subject/identifier-exceptions.repository';
import { personSubjectKey, subjectStreamOf, type SubjectEvent } from '../subject/subject.events';
import { decidePublish, initialState, streamIdOf } from './record';
import type { RecordEvent, RecordSubject } from './record.events';
import { scheduleExpiry } from './record-expiry.scheduler';
import { recordsProjection } from './record.projection';
import { validateSubmission, type ValidSubmission } from './record-submission';

/** One row of a batch or file: a submission, or the errors its parsing already found (passed through to the report). */
export interface SubmissionRow {
  row: number;
  submission?: RecordSubmissionV1;
  errors?: FieldError[];
}

export const MAX_BATCH_ROWS = 1_000;

/** Submissions later than this many working days after the decision count as late (rule_parameters.tsv). */
export const TIMELINESS_TARGET_WORKING_DAYS = 7;

interface AcceptedRow {
  row: number;
  recordId: string;
  key: string;
  valid: ValidSubmission;
  subject: RecordSubject;
  person?: { token: string; encryptedId: string; maskedId: string };
}

export interface DetailedSubmission {
  report: SubmissionReport;
  /** Records this submission created (the others were accepted idempotently as existing records). */
  created: string[];
}

@Injectable()
export class RecordSubmissionService {
  private readonly projection = recordsProjection();

  constructor(
    private readonly runtime: ServiceRuntime,
    @Inject(ORGANIZATION_DIRECTORY) private readonly directory: OrganizationDirectory,
    @Inject(PERSON_KEYS) private readonly keys: PersonKeys,
    private readonly catalogue: CatalogueReader,
    private readonly exceptions: IdentifierExceptionsReader,
  ) {}

  /**
   * Validates and stores the rows of one submission by `principal` (a provider). Rows arrive numbered by the
   * channel (batch index, file line); rows with `errors` are rejected as they are. Idempotent per provider + subject
   * + decision document number: a repeat is accepted with the existing record id and appends nothing.
   */
  async submitRows(
    rows: readonly SubmissionRow[],
    principal: Principal,
    organization?: DirectoryEntry,
  ): Promise<SubmissionReport> {
    return (await this.submit(rows, principal, organization)).report;
  }

  /** `organization`: the caller's directory entry when the guard already read it (saves a lookup). */
  async submit(rows: readonly SubmissionRow[], principal: Principal, organization?: DirectoryEntry): Promise<DetailedSubmission> {
    if (!principal.roles.includes('provider')) {
      throw DomainError.forbidden('RECORD.PROVIDER_ONLY', 'only a provider submits records');
    }
    const provider = organization?.id === principal.org ? organization : await this.directory.find(principal.org);
    if (!provider) throw DomainError.forbidden('AUTH.ORGANIZATION_UNKNOWN', `organisation "${principal.org}" is not registered`);
    return this.submitOnBehalf(rows, provider, { user: principal.user, org: principal.org });
  }

  /**
   * Submission by the platform for a provider organisation (e.g. inspection results reported by joint supervision,
   * recorded under the inspecting department): the same validation against that organisation's authorisations.
   */
  async submitOnBehalf(rows: readonly SubmissionRow[], provider: DirectoryEntry, actor: Actor): Promise<DetailedSubmission> {
    const now = this.runtime.clock.now();
    const [catalogue, allowList] = await Promise.all([this.catalogue.inForce(now), this.exceptions.allowList()]);
    const context = { catalogue, provider, allowList, now };

    const reports: SubmissionRowReport[] = [];
    const accepted: AcceptedRow[] = [];
    const firstByKey = new Map<string, AcceptedRow>();
    for (const { row, submission, errors } of rows) {
      if (errors && errors.length > 0) {
        reports.push({ row, status: 'rejected', errors });
        continue;
      }
      if (submission === undefined) {
        reports.push({ row, status: 'rejected', errors: [{ field: '', code: 'REQUIRED', message: 'the row is empty' }] });
        continue;
      }
      const result = validateSubmission(submission, context);
      if (!result.ok) {
        reports.push({ row, status: 'rejected', errors: result.errors });
        continue;
      }
      const entry = this.accept(row, result.submission);
      const first = firstByKey.get(entry.key);
      if (first) entry.recordId = first.recordId;
      else firstByKey.set(entry.key, entry);
      accepted.push(entry);
      reports.push({ row, status: 'accepted', recordId: entry.recordId });
    }

    const created = await this.store([...firstByKey.values()], reports, provider.id, actor, now);
    // Rows whose key already existed carry the existing record's id.
    for (const report of reports) {
      if (report.recordId !== undefined) report.recordId = created.idOf.get(report.recordId) ?? report.recordId;
    }
    const acceptedCount = reports.filter((r) => r.status === 'accepted').length;
    return {
      report: { accepted: acceptedCount, rejected: reports.length - acceptedCount, rows: reports },
      created: created.newIds,
    };
  }

  private accept(row: number, valid: ValidSubmission): AcceptedRow {
    const recordId = uuidv7();
    const documentNumber = valid.details.decisionDocumentNumber;
    if (valid.subject.category === 'natural_person') {
      const token = personLookupToken(valid.subject.residentId, this.keys.lookupKey);
      const subjectKey = personSubjectKey(token);
      const maskedId = maskResidentId(valid.subject.residentId);
      return {
        row,
        recordId,
        key: keyOf(subjectKey, documentNumber),
        valid,
        subject: { key: subjectKey, category: 'natural_person', maskedId, name: valid.subject.name },
        person: { token, encryptedId: encryptPersonIdentifier(valid.subject.residentId, this.keys.encryptionKey), maskedId },
      };
    }
    const subjectKey = valid.subject.uscc;
    return {
      row,
      recordId,
      key: keyOf(subjectKey, documentNumber),
      valid,
      subject: { key: subjectKey, category: valid.subject.category, uscc: valid.subject.uscc, name: valid.subject.name },
    };
  }

  private async store(
    unique: AcceptedRow[],
    reports: SubmissionRowReport[],
    org: string,
    actor: Actor,
    now: Date,
  ): Promise<{ idOf: Map<string, string>; newIds: string[] }> {
    const metadata = eventMetadata(actor);
    const idOf = new Map<string, string>();
    const newIds: string[] = [];
    await this.runtime.db.transaction(async (tx) => {
      let fresh: AcceptedRow[] = [];
      if (unique.length > 0) {
        const { rows: inserted } = await tx.query<{ record_id: string }>(
          `INSERT INTO record_keys (provider_org, subject_key, document_number, record_id)
           SELECT $1, k.subject_key, k.document_number, k.record_id
           FROM jsonb_to_recordset($2::jsonb) AS k(subject_key text, document_number text, record_id text)
           ON CONFLICT DO NOTHING RETURNING record_id`,
          [
            org,
            JSON.stringify(
              unique.map((a) => ({
                subject_key: a.subject.key,
                document_number: a.valid.details.decisionDocumentNumber,
                record_id: a.recordId,
              })),
            ),
          ],
        );
        const insertedIds = new Set(inserted.map((r) => r.record_id));
        fresh = unique.filter((a) => insertedIds.has(a.recordId));
        const repeated = unique.filter((a) => !insertedIds.has(a.recordId));
        if (repeated.length > 0) {
          const { rows: existing } = await tx.query<{ subject_key: string; document_number: string; record_id: string }>(
            `SELECT k.subject_key, k.document_number, k.record_id FROM record_keys k
             JOIN jsonb_to_recordset($2::jsonb) AS r(subject_key text, document_number text)
               ON k.subject_key = r.subject_key AND k.document_number = r.document_number
             WHERE k.provider_org = $1`,
            [
              org,
              JSON.stringify(
                repeated.map((a) => ({ subject_key: a.subject.key, document_number: a.valid.details.decisionDocumentNumber })),
              ),
            ],
          );
          const byKey = new Map(existing.map((r) => [keyOf(r.subject_key, r.document_number), r.record_id]));
          for (const a of repeated) idOf.set(a.recordId, byKey.get(a.key)!);
        }
      }

      const streams: { streamId: string; expectedVersion: number | 'any'; events: DomainEvent[] }[] = [];
      if (fresh.length > 0) {
        streams.push(...(await this.subjectEvents(tx, fresh)));
        for (const a of fresh) {
          const events: RecordEvent[] = decidePublish(
            {
              recordId: a.recordId,
              kind: a.valid.kind,
              catalogueVersion: a.valid.catalogueVersion,
              sharingClass: a.valid.item.sharingClass,
              marketCredit: a.valid.item.marketCredit,
              providerOrg: org,
              subject: a.subject,
              severity: a.valid.severity,
              details: a.valid.details,
            },
            initialState,
            now,
          );
          streams.push({ streamId: streamIdOf(a.recordId), expectedVersion: 0, events });
          newIds.push(a.recordId);
        }
        const recorded: RecordedEvent[] = (await this.runtime.store.appendMany(streams, metadata, tx)).flat();
        await this.projection.apply(recorded, tx);
        await scheduleExpiry(
          tx,
          recorded
            .filter((e) => e.type === 'RecordPublished')
            .map((e) => e.data as { recordId: string; publicUntil: string | null }),
        );
      }
      await recordQuality(tx, org, reports, fresh, now);
    });
    if (newIds.length > 0) this.runtime.store.notifyCommitted();
    return { idOf, newIds };
  }

  /** SubjectRegistered / PersonRegistered for subjects seen for the first time; new legacy identifiers as aliases. */
  private async subjectEvents(tx: Tx, fresh: AcceptedRow[]) {
    const bySubject = new Map<string, AcceptedRow[]>();
    for (const a of fresh) bySubject.set(a.subject.key, [...(bySubject.get(a.subject.key) ?? []), a]);
    const { rows: reserved } = await tx.query<{ subject_key: string }>(
      `INSERT INTO subject_reservations (subject_key) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING RETURNING subject_key`,
      [[...bySubject.keys()]],
    );
    const isNew = new Set(reserved.map((r) => r.subject_key));
    const streams: { streamId: string; expectedVersion: number | 'any'; events: SubjectEvent[] }[] = [];
    const existingWithAliases = [...bySubject.keys()].filter(
      (key) => !isNew.has(key) && bySubject.get(key)!.some((a) => a.valid.subject.aliases.length > 0),
    );
    const known = new Map<string, { uscc: string | null; name: string; aliases: SubjectAliasV1[]; non_conforming: boolean }>();
    if (existingWithAliases.length > 0) {
      const { rows } = await tx.query<{
        subject_key: string;
        uscc: string | null;
        name: string;
        aliases: SubjectAliasV1[];
        non_conforming: boolean;
      }>(`SELECT subject_key, uscc, name, aliases, non_conforming FROM subjects WHERE subject_key = ANY($1::text[])`, [
        existingWithAliases,
      ]);
      for (const row of rows) known.set(row.subject_key, row);
    }
    for (const [key, rows] of bySubject) {
      const first = rows[0]!;
      const aliases = mergeAliases(rows.flatMap((a) => a.valid.subject.aliases));
      if (isNew.has(key)) {
        const event: SubjectEvent =
          first.person !== undefined
            ? {
                type: 'PersonRegistered',
                data: {
                  personToken: first.person.token,
                  encryptedId: first.person.encryptedId,
                  maskedId: first.person.maskedId,
                  name: first.valid.subject.name,
                },
              }
            : {
                type: 'SubjectRegistered',
                data: {
                  uscc: key,
                  name: first.valid.subject.name,
                  category: first.valid.subject.category as 'legal_person' | 'individual_business',
                  aliases,
                  nonConformingIdentifier: first.valid.subject.nonConformingIdentifier,
                },
              };
        const events: SubjectEvent[] = [event];
        if (first.person !== undefined && aliases.length > 0) {
          events.push({ type: 'SubjectAliasesAdded', data: { subjectKey: key, aliases } });
        }
        streams.push({ streamId: subjectStreamOf(key), expectedVersion: 0, events });
      } else if (aliases.length > 0) {
        const subject = known.get(key);
        const have = subject?.aliases ?? [];
        const added = aliases.filter((a) => !have.some((h) => h.scheme === a.scheme && h.value === a.value));
        if (added.length > 0) {
          const event: SubjectEvent = {
            type: 'SubjectAliasesAdded',
            data: {
              subjectKey: key,
              aliases: added,
              ...(subject?.uscc
                ? {
                    subject: {
                      uscc: subject.uscc,
                      name: subject.name,
                      aliases: [...have, ...added],
                      nonConformingIdentifier: subject.non_conforming,
                    },
                  }
                : {}),
            },
          };
          streams.push({ streamId: subjectStreamOf(key), expectedVersion: 'any', events: [event] });
        }
      }
    }
    return streams;
  }
}

function keyOf(subjectKey: string, documentNumber: string): string {
  return `${subjectKey}\u0000${documentNumber}`;
}

function mergeAliases<T extends { scheme: string; value: string }>(aliases: T[]): T[] {
  const out: T[] = [];
  for (const a of aliases) if (!out.some((o) => o.scheme === a.scheme && o.value === a.value)) out.push(a);
  return out;
}

/**
 * Per provider: accepted rows, rejected rows by error code (a row counts once per code it has), and for records
 * created now, the working days from decision to submission (target ≤ 7, rule_parameters.tsv
 * submission_timeliness). Decisions in years the working-day calendar does not cover are counted as not measured.
 */
async function recordQuality(
  tx: Tx,
  org: string,
  reports: SubmissionRowReport[],
  fresh: AcceptedRow[],
  now: Date,
): Promise<void> {
  const counts = new Map<string, number>();
  const add = (code: string) => counts.set(code, (counts.get(code) ?? 0) + 1);
  for (const report of reports) {
    if (report.status === 'accepted') add('ACCEPTED');
    else {
      add('REJECTED');
      for (const code of new Set((report.errors ?? []).map((e) => e.code))) add(code);
    }
  }
  const today = cstDateOf(now);
  let measured = 0;
  let onTime = 0;
  let total = 0;
  let notMeasured = 0;
  const cache = new Map<string, number | null>();
  for (const a of fresh) {
    const day = a.valid.details.decisionDate;
    let days = cache.get(day);
    if (days === undefined) {
      try {
        days = defaultCalendar.workingDaysBetween(day, today);
      } catch (error) {
        if (!(error instanceof CalendarYearNotCoveredError)) throw error;
        days = null;
      }
      cache.set(day, days);
    }
    if (days === null) {
      notMeasured++;
      continue;
    }
    measured++;
    total += days;
    if (days <= TIMELINESS_TARGET_WORKING_DAYS) onTime++;
  }
  // Appended, never updated in place: concurrent submissions of one provider must not queue on a counter row.
  await tx.query(
    `INSERT INTO provider_quality_entries (provider_org, codes, measured, on_time, working_days_total, not_measured)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [org, JSON.stringify(Object.fromEntries(counts)), measured, onTime, total, notMeasured],
  );
}
