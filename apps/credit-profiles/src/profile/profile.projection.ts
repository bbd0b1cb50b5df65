// The profiles read model: `evolveProfile(row, event)` over the stored history (IntegrationEventReceived events of
// this service's store), applied in the consumer's transaction and rebuilt by `npx credit-share replay`. A batch of
// events costs three statements whatever its size: load the touched rows, fold in memory, write them back.
import type { IntegrationEvent, MeasureRegisteredV1 } from '@credit-share/contracts';
import type { Database, DomainEvent, Projection, Queryable, RecordedEvent, Tx } from '@credit-share/event-store';
import { createHash } from 'node:crypto';
import { PROFILE_EVENT_TYPES, evolveProfile, initialProfile, type ProfileState } from './profile';
import type { MeasureInfo } from './profile.view';

/** The one domain event type for received integration events; its data is the envelope as received. */
export const RECEIVED = 'IntegrationEventReceived';

export const PROFILE_TYPES: ReadonlySet<string> = new Set(PROFILE_EVENT_TYPES);
/** Reference data the profile shows but that is about no subject. */
export const CATALOGUE_TYPES: ReadonlySet<string> = new Set(['MeasureRegistered']);

/** Where a received event is stored: per subject (the order `asOf` folds in), or per catalogue entry. */
export function historyStreamOf(event: IntegrationEvent): string | null {
  if (PROFILE_TYPES.has(event.type)) return `profile-${event.subject}`;
  if (event.type === 'MeasureRegistered') return `measure-${(event.data as MeasureRegisteredV1).measureId}`;
  return null;
}

export const profileStreamOf = (uscc: string): string => `profile-${uscc}`;

export function receivedEvent(event: IntegrationEvent): DomainEvent {
  return { type: RECEIVED, data: event, occurredAt: new Date(event.occurredAt) };
}

export async function loadProfiles(
  runner: Queryable,
  usccs: readonly string[],
  lock = false,
): Promise<Map<string, ProfileState>> {
  if (usccs.length === 0) return new Map();
  const { rows } = await runner.query<{ uscc: string; doc: ProfileState }>(
    `SELECT uscc, doc FROM profiles WHERE uscc = ANY($1::text[]) ORDER BY uscc${lock ? ' FOR UPDATE' : ''}`,
    [usccs],
  );
  return new Map(rows.map((r) => [r.uscc, r.doc]));
}

export interface SubjectIdentity {
  uscc: string;
  name: string;
}

/**
 * Subjects whose name contains `text` (case-insensitive, literally: `%` and `_` match themselves), the closest
 * first: where the text starts earlier in the name, then shorter names, then by name and USCC.
 */
export async function searchProfilesByName(runner: Queryable, text: string, limit: number): Promise<SubjectIdentity[]> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const { rows } = await runner.query<SubjectIdentity>(
    `SELECT uscc, doc->>'name' AS name FROM profiles
     WHERE doc->>'name' ILIKE $1 ESCAPE '\\'
     ORDER BY strpos(lower(doc->>'name'), lower($2)), length(doc->>'name'), doc->>'name', uscc
     LIMIT $3`,
    [pattern, text, limit],
  );
  return rows;
}

async function writeProfiles(tx: Tx, states: readonly ProfileState[]): Promise<void> {
  if (states.length === 0) return;
  // One JSON array for the whole batch: no per-element escaping into a PostgreSQL array literal, one parse.
  await tx.query(
    `INSERT INTO profiles (uscc, doc, events, last_occurred_at)
     SELECT d->>'uscc', d, (d->>'events')::int, (d->>'lastOccurredAt')::timestamptz FROM jsonb_array_elements($1::jsonb) AS d
     ON CONFLICT (uscc) DO UPDATE SET doc = EXCLUDED.doc, events = EXCLUDED.events, last_occurred_at = EXCLUDED.last_occurred_at`,
    [JSON.stringify(states)],
  );
}

async function writeMeasures(tx: Tx, measures: readonly MeasureRegisteredV1[]): Promise<void> {
  for (const m of measures) {
    await tx.query(
      `INSERT INTO profile_measures (measure_id, version, content, target, legal_basis, implementing_org)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (measure_id) DO UPDATE SET version = EXCLUDED.version, content = EXCLUDED.content, target = EXCLUDED.target,
         legal_basis = EXCLUDED.legal_basis, implementing_org = EXCLUDED.implementing_org
       WHERE profile_measures.version <= EXCLUDED.version`,
      [m.measureId, m.version, m.content, m.target, m.legalBasis, m.implementingOrg],
    );
  }
}

/** Folds received events (in stored order) into the profiles they touch and writes those rows. */
export async function applyReceived(tx: Tx, events: readonly IntegrationEvent[]): Promise<void> {
  const bySubject = new Map<string, IntegrationEvent[]>();
  const measures: MeasureRegisteredV1[] = [];
  for (const event of events) {
    if (PROFILE_TYPES.has(event.type)) {
      const list = bySubject.get(event.subject) ?? [];
      list.push(event);
      bySubject.set(event.subject, list);
    } else if (event.type === 'MeasureRegistered') measures.push(event.data as MeasureRegisteredV1);
  }
  const current = await loadProfiles(tx, [...bySubject.keys()], true);
  const next: ProfileState[] = [];
  for (const [uscc, list] of bySubject) next.push(list.reduce(evolveProfile, current.get(uscc) ?? initialProfile(uscc)));
  await writeProfiles(tx, next);
  await writeMeasures(tx, measures);
}

export function profilesProjection(): Projection {
  return {
    name: 'profiles',
    tables: ['profiles', 'profile_measures'],
    handles: [RECEIVED],
    apply: (events: readonly RecordedEvent[], tx: Tx) =>
      applyReceived(
        tx,
        events.map((e) => e.data as IntegrationEvent),
      ),
  };
}

/**
 * Rebuilds the profiles from the stored history in one transaction, subject by subject: a profile depends only on
 * its own stream, so folding each stream once in stream order yields exactly the rows the live path wrote (which
 * applied the same events in the same per-stream order), with each row written once.
 */
export async function rebuildProfiles(
  db: Database,
  options: { pageSize?: number; onProgress?: (events: number) => void } = {},
): Promise<{ events: number; subjects: number }> {
  const pageSize = options.pageSize ?? 20_000;
  return db.transaction(async (tx) => {
    await tx.query(`LOCK TABLE profiles, profile_measures IN ACCESS EXCLUSIVE MODE`);
    await tx.query(`TRUNCATE profiles, profile_measures`);
    // Pages of tens of thousands of rows cross the JIT's cost threshold; compiling each costs more than it saves.
    await tx.query(`SET LOCAL jit = off`);
    let events = 0;
    let subjects = 0;
    let open: ProfileState | null = null;
    const pending: ProfileState[] = [];
    // Statements queue on the transaction's one connection in order. The next page is asked for before this one
    // is folded, and writes are not awaited before folding on: PostgreSQL reads and writes while Node folds.
    const writes: Promise<void>[] = [];
    let failure: unknown;
    const track = (write: Promise<void>) => {
      writes.push(write.catch((error: unknown) => void (failure ??= error)));
    };
    const page = (after: { stream: string; version: number }) =>
      tx.query<{ stream_id: string; stream_version: number; data: IntegrationEvent }>(
        `SELECT stream_id, stream_version, data FROM events
          WHERE type = $1 AND (stream_id, stream_version) > ($2, $3)
          ORDER BY stream_id, stream_version LIMIT $4`,
        [RECEIVED, after.stream, after.version, pageSize],
      );
    let next = page({ stream: '', version: 0 });
    for (;;) {
      const { rows } = await next;
      if (failure) throw failure;
      if (rows.length === 0) break;
      const last = rows[rows.length - 1]!;
      next = page({ stream: last.stream_id, version: last.stream_version });
      const measures: MeasureRegisteredV1[] = [];
      for (const row of rows) {
        const event = row.data;
        if (PROFILE_TYPES.has(event.type)) {
          if (!open || open.uscc !== event.subject) {
            if (open) pending.push(open);
            open = initialProfile(event.subject);
            subjects++;
          }
          open = evolveProfile(open, event);
        } else if (event.type === 'MeasureRegistered') measures.push(event.data as MeasureRegisteredV1);
      }
      events += rows.length;
      if (pending.length >= 2_000) track(writeProfiles(tx, pending.splice(0)));
      if (measures.length > 0) track(writeMeasures(tx, measures));
      options.onProgress?.(events);
    }
    if (open) pending.push(open);
    track(writeProfiles(tx, pending.splice(0)));
    await Promise.all(writes);
    if (failure) throw failure;
    return { events, subjects };
  });
}

/** SHA-256 over every row of the projection in key order: equal hashes, equal read models. */
export async function profilesDumpHash(runner: Queryable): Promise<{ hash: string; rows: number }> {
  const hash = createHash('sha256');
  let rows = 0;
  for (const sql of [
    `SELECT uscc AS k, jsonb_build_array(uscc, doc, events, last_occurred_at)::text AS row FROM profiles`,
    `SELECT measure_id AS k, to_jsonb(m)::text AS row FROM profile_measures m`,
  ]) {
    let after = '';
    for (;;) {
      const { rows: page } = await runner.query<{ k: string; row: string }>(
        `SELECT * FROM (${sql}) t WHERE k COLLATE "C" > $1 ORDER BY k COLLATE "C" LIMIT 5000`,
        [after],
      );
      if (page.length === 0) break;
      for (const r of page) hash.update(r.row).update('\n');
      rows += page.length;
      after = page[page.length - 1]!.k;
    }
  }
  return { hash: hash.digest('hex'), rows };
}

export async function measuresByIds(runner: Queryable, ids: readonly string[]): Promise<Map<string, MeasureInfo>> {
  if (ids.length === 0) return new Map();
  const { rows } = await runner.query<{
    measure_id: string;
    content: string;
    target: string;
    legal_basis: string;
    implementing_org: string;
  }>(`SELECT * FROM profile_measures WHERE measure_id = ANY($1::text[])`, [ids]);
  return new Map(
    rows.map((r) => [
      r.measure_id,
      {
        measureId: r.measure_id,
        content: r.content,
        target: r.target,
        legalBasis: r.legal_basis,
        implementingOrg: r.implementing_org,
      },
    ]),
  );
}
