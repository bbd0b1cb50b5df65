// SQL of the grading read side: subject facts, names, current grades and adopted rule sets. Times cross the boundary
// as epoch milliseconds (float8 on the way out), so folding a million facts never parses a date.
import type { Grade, GradeChangedV1, ListType, Severity } from '@credit-share/contracts';
import type { Queryable } from '@credit-share/event-store';
import type { GradeState, RecordEnd, RecordFact, SubjectFact } from './grading';
import type { RuleSet, RuleSetRules } from './rule-set';

interface FactRow {
  uscc: string;
  fact: SubjectFact['type'];
  at_ms: number;
  record_id: string | null;
  kind: string | null;
  severity: Severity | null;
  public_from_ms: number | null;
  public_until_ms: number | null;
  disputed: boolean | null;
  cause: string | null;
  listing_id: string | null;
  list_type: ListType | null;
  until_ms: number | null;
  provider_org: string | null;
}

/**
 * A subject's facts in the order they apply: the record facts by instant, then in credit records' order; then the
 * listing facts of this service's decisions, read from the listings read model (entered at `effective_from` until
 * `effective_until`, ended at `removed_at`).
 */
function factsSql(where: string): string {
  return `
    SELECT uscc, fact, at_ms::float8 AS at_ms, record_id, kind, severity, public_from_ms::float8 AS public_from_ms,
           public_until_ms::float8 AS public_until_ms, disputed, cause, NULL::text AS listing_id, NULL::text AS list_type,
           NULL::float8 AS until_ms, provider_org, 0 AS src, message_id::text AS k1, ord AS k2
      FROM record_facts WHERE ${where}
    UNION ALL ${listingFactsSql(where)}`;
}

function listingFactsSql(where: string): string {
  return `
    SELECT uscc, 'listing-entered' AS fact, (extract(epoch FROM effective_from) * 1000)::float8 AS at_ms, NULL AS record_id,
           NULL AS kind, NULL AS severity, NULL::float8 AS public_from_ms, NULL::float8 AS public_until_ms, NULL::boolean AS disputed,
           NULL AS cause, listing_id, list_type, (extract(epoch FROM effective_until) * 1000)::float8 AS until_ms,
           NULL AS provider_org, 1 AS src, listing_id AS k1, 0 AS k2
      FROM listings WHERE ${where} AND effective_from IS NOT NULL
    UNION ALL
    SELECT uscc, 'listing-ended', (extract(epoch FROM removed_at) * 1000)::float8, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, listing_id, NULL, NULL, NULL, 1, listing_id, 1
      FROM listings WHERE ${where} AND effective_from IS NOT NULL AND removed_at IS NOT NULL`;
}

function toFact(r: FactRow): SubjectFact {
  switch (r.fact) {
    case 'record':
      return {
        type: 'record',
        at: r.at_ms,
        recordId: r.record_id!,
        kind: r.kind!,
        severity: r.severity,
        publicFrom: r.public_from_ms!,
        publicUntil: r.public_until_ms,
        disputed: r.disputed === true,
        ...(r.provider_org ? { providerOrg: r.provider_org } : {}),
      };
    case 'record-ended':
      return { type: 'record-ended', at: r.at_ms, recordId: r.record_id!, cause: r.cause as RecordEnd };
    case 'record-disputed':
      return { type: 'record-disputed', at: r.at_ms, recordId: r.record_id!, disputed: r.disputed === true };
    case 'listing-entered':
      return { type: 'listing-entered', at: r.at_ms, listingId: r.listing_id!, listType: r.list_type!, until: r.until_ms };
    case 'listing-ended':
      return { type: 'listing-ended', at: r.at_ms, listingId: r.listing_id! };
  }
}

/** The record facts one integration event states, keyed by the message (so a rebuild from history is identical). */
export async function insertRecordFacts(
  runner: Queryable,
  messageId: string,
  uscc: string,
  facts: readonly RecordFact[],
): Promise<void> {
  if (facts.length === 0) return;
  const rows = facts.map((f) => {
    switch (f.type) {
      case 'record':
        return [f.type, f.at, f.recordId, f.kind, f.severity, f.publicFrom, f.publicUntil, f.disputed, null, f.providerOrg];
      case 'record-ended':
        return [f.type, f.at, f.recordId, null, null, null, null, null, f.cause, null];
      case 'record-disputed':
        return [f.type, f.at, f.recordId, null, null, null, null, f.disputed, null, null];
    }
  });
  const column = (i: number) => rows.map((r) => r[i] ?? null);
  await runner.query(
    `INSERT INTO record_facts (message_id, ord, uscc, fact, at_ms, record_id, kind, severity, public_from_ms, public_until_ms,
       disputed, cause, provider_org)
     SELECT $1, f.n - 1, $2, f.fact, f.at, f.rid, f.kind, f.sev, f.pf, f.pu, f.d, f.c, f.p
       FROM unnest($3::text[], $4::float8[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::float8[], $10::boolean[],
         $11::text[], $12::text[]) WITH ORDINALITY AS f(fact, at, rid, kind, sev, pf, pu, d, c, p, n)`,
    [messageId, uscc, ...Array.from({ length: 10 }, (_, i) => column(i))],
  );
}

export async function factsOf(runner: Queryable, uscc: string): Promise<SubjectFact[]> {
  const { rows } = await runner.query<FactRow>(`${factsSql('uscc = $1')} ORDER BY src, at_ms, k1, k2`, [uscc]);
  return rows.map(toFact);
}

/**
 * The facts of many subjects (a page of a full regrade or simulation). A million facts cross the wire here, so each
 * subject's record facts come as one JSON array of arrays, parsed natively, instead of a row of fifteen fields each.
 */
export async function factsOfMany(runner: Queryable, usccs: readonly string[]): Promise<Map<string, SubjectFact[]>> {
  const out = new Map<string, SubjectFact[]>(usccs.map((u) => [u, []]));
  type Packed = [
    SubjectFact['type'],
    number,
    string,
    string | null,
    Severity | null,
    number | null,
    number | null,
    boolean | null,
    string | null,
    string | null,
  ];
  // One after the other: inside a transaction both go through the same connection.
  const records = await runner.query<{ uscc: string; facts: string }>(
    `SELECT uscc, json_agg(json_build_array(fact, at_ms, record_id, kind, severity, public_from_ms, public_until_ms, disputed,
                cause, provider_org) ORDER BY at_ms, message_id, ord)::text AS facts
         FROM record_facts WHERE uscc = ANY($1::text[]) GROUP BY uscc`,
    [usccs],
  );
  const listings = await runner.query<FactRow>(`${listingFactsSql('uscc = ANY($1::text[])')} ORDER BY uscc, at_ms, k1, k2`, [
    usccs,
  ]);
  for (const { uscc, facts } of records.rows) {
    const list = out.get(uscc)!;
    for (const [fact, at, recordId, kind, severity, publicFrom, publicUntil, disputed, cause, providerOrg] of JSON.parse(
      facts,
    ) as Packed[]) {
      list.push(
        toFact({
          uscc,
          fact,
          at_ms: at,
          record_id: recordId,
          kind,
          severity,
          public_from_ms: publicFrom,
          public_until_ms: publicUntil,
          disputed,
          cause,
          listing_id: null,
          list_type: null,
          until_ms: null,
          provider_org: providerOrg,
        }),
      );
    }
  }
  for (const r of listings.rows) out.get(r.uscc)!.push(toFact(r));
  return out;
}

/** Which subject each known record is about. */
export async function recordSubjects(runner: Queryable, recordIds: readonly string[]): Promise<Map<string, string>> {
  const { rows } = await runner.query<{ record_id: string; uscc: string }>(
    `SELECT DISTINCT record_id, uscc FROM record_facts WHERE record_id = ANY($1::text[]) AND fact = 'record'`,
    [recordIds],
  );
  return new Map(rows.map((r) => [r.record_id, r.uscc]));
}

export async function noteSubject(runner: Queryable, uscc: string, name: string | null): Promise<void> {
  await runner.query(
    `INSERT INTO subjects (uscc, name) VALUES ($1, coalesce($2, $1))
     ON CONFLICT (uscc) DO UPDATE SET name = coalesce($2, subjects.name)`,
    [uscc, name],
  );
}

export async function subjectName(runner: Queryable, uscc: string): Promise<string | null> {
  const { rows } = await runner.query<{ name: string }>(`SELECT name FROM subjects WHERE uscc = $1`, [uscc]);
  return rows[0]?.name ?? null;
}

export async function adoptedRuleSets(runner: Queryable): Promise<RuleSet[]> {
  const { rows } = await runner.query<{ version: number; effective_from_ms: number; rules: RuleSetRules }>(
    `SELECT version, (extract(epoch FROM effective_from) * 1000)::float8 AS effective_from_ms, rules FROM rule_sets ORDER BY version`,
  );
  return rows.map((r) => ({ version: r.version, effectiveFrom: r.effective_from_ms, rules: r.rules }));
}

/** The subject's last grade, with its row locked for the rest of the transaction (one regrade per subject at a time). */
export async function lockGrade(tx: Queryable, uscc: string): Promise<GradeState> {
  await tx.query(`INSERT INTO grades (uscc) VALUES ($1) ON CONFLICT (uscc) DO NOTHING`, [uscc]);
  const { rows } = await tx.query<{ grade: Grade | null; score: number | null; rule_set_version: number | null }>(
    `SELECT grade, score, rule_set_version FROM grades WHERE uscc = $1 FOR UPDATE`,
    [uscc],
  );
  const row = rows[0]!;
  return row.grade === null
    ? { status: 'ungraded' }
    : { status: 'graded', grade: row.grade, score: row.score!, ruleSetVersion: row.rule_set_version! };
}

export async function gradedPopulation(runner: Queryable): Promise<{ uscc: string; grade: Grade }[]> {
  const { rows } = await runner.query<{ uscc: string; grade: Grade }>(
    `SELECT uscc, grade FROM grades WHERE grade IS NOT NULL ORDER BY uscc`,
  );
  return rows;
}

/** The grades projection: the row of each GradeChanged. */
export async function applyGradeChanged(runner: Queryable, data: GradeChangedV1): Promise<void> {
  await runner.query(
    `INSERT INTO grades (uscc, grade, score, rule_set_version, as_of, reasons) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (uscc) DO UPDATE SET grade = $2, score = $3, rule_set_version = $4, as_of = $5, reasons = $6`,
    [data.uscc, data.grade, data.score, data.ruleSetVersion, data.asOf, JSON.stringify(data.reasons)],
  );
}

/**
 * Everything a grade query needs in one round trip: whether the subject is known, its facts in order, and the adopted
 * rule sets (a handful of rows).
 */
export async function gradingInputs(
  runner: Queryable,
  uscc: string,
): Promise<{ known: boolean; facts: SubjectFact[]; ruleSets: RuleSet[] }> {
  const { rows } = await runner.query<{ known: boolean; facts: FactRow[] | null; rule_sets: RuleSet[] | null }>(
    `SELECT EXISTS (SELECT 1 FROM subjects WHERE uscc = $1) AS known,
            (SELECT json_agg(f ORDER BY f.src, f.at_ms, f.k1, f.k2) FROM (${factsSql('uscc = $1')}) f) AS facts,
            (SELECT json_agg(json_build_object('version', version,
                    'effectiveFrom', (extract(epoch FROM effective_from) * 1000)::float8, 'rules', rules) ORDER BY version)
               FROM rule_sets) AS rule_sets`,
    [uscc],
  );
  const row = rows[0]!;
  return { known: row.known, facts: (row.facts ?? []).map(toFact), ruleSets: row.rule_sets ?? [] };
}

/** Every known subject in USCC order, cut into pages (one transaction each in a full regrade or simulation). */
export async function subjectPages(runner: Queryable, pageSize: number): Promise<string[][]> {
  const { rows } = await runner.query<{ uscc: string }>(`SELECT uscc FROM subjects ORDER BY uscc`);
  const pages: string[][] = [];
  for (let i = 0; i < rows.length; i += pageSize) pages.push(rows.slice(i, i + pageSize).map((r) => r.uscc));
  return pages;
}
