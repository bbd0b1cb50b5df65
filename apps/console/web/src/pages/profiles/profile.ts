// A credit profile as GET /api/v1/profiles/{uscc} returns it (PRODUCT.md §4), the fields the console reads, and the
// pure helpers its view needs: the timeline order, the "as of" instant of a picked day, the listings still open.
import type { QueryPurpose } from '../../../../../../libs/contracts/src/profiles/access.contract';
import { QUERY_PURPOSES } from '../../../../../../libs/contracts/src/profiles/access.contract';
import type { RecordView } from '../records/record';

export interface GradeView {
  uscc?: string;
  grade: string;
  score: number;
  ruleSetVersion: number;
  asOf?: string;
  reasons: Array<{ recordId?: string; listingId?: string; rule: string; points: number; disputed?: boolean }>;
}

export interface ListingView {
  id: string;
  listingId?: string;
  uscc: string;
  listType: string;
  status: string;
  effectiveUntil?: string | null;
  legalBasis?: string;
  reasons?: string;
  consequences?: string;
  howToObject?: string;
  removalConditions?: string;
  noticedAt?: string;
  statementWindowEndsAt?: string | null;
  waived?: boolean;
  waivedAt?: string | null;
  basisRecordIds?: string[];
}

export interface MeasureInForceView {
  measureId?: string;
  content?: string;
  org?: string;
  implementingOrg?: string;
  listingId?: string;
  legalBasis?: string;
  status?: string;
  feedback?: { status: string; outcome: string | null; dueAt?: string | null } | null;
  outcome?: string | null;
  residualRestriction?: boolean;
}

export interface ObjectionView {
  id?: string;
  objectionId?: string;
  repairId?: string;
  recordId: string;
  status?: string;
  ground?: string;
  dueAt?: string;
  kind?: string;
}

export interface ProfileView {
  subject: { uscc: string; name: string; aliases?: Array<{ scheme: string; value: string }> };
  asOf: string;
  records: Array<RecordView & { decisionDate?: string }>;
  grade?: GradeView | null;
  listings: ListingView[];
  measuresInForce: MeasureInForceView[];
  objections: ObjectionView[];
  repairs?: ObjectionView[];
  history?: RecordView[];
}

/** The purposes a regulator or enforcer may state; the subject's own is implied by its pages. */
export const STAFF_PURPOSES: readonly QueryPurpose[] = QUERY_PURPOSES.filter((p) => p !== 'subject_self_service');

/** The end of the picked day in China Standard Time: the profile as it stood that day. */
export function asOfInstant(day: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T23:59:59.999+08:00`).toISOString() : undefined;
}

const dateOf = (r: ProfileView['records'][number]) =>
  r.details?.decisionDate ?? r.decisionDate ?? (r.publicFrom ? r.publicFrom.slice(0, 10) : '');

/** Records newest first by decision date, then by id for a stable order. */
export function timeline<T extends ProfileView['records'][number]>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => dateOf(b).localeCompare(dateOf(a)) || a.id.localeCompare(b.id));
}

export function decisionDateOf(record: ProfileView['records'][number]): string {
  return dateOf(record);
}

export function listingId(listing: ListingView): string {
  return listing.id ?? listing.listingId ?? '';
}

/** Listings in their statement window: noticed, not decided, not waived. */
export function openNotices(listings: readonly ListingView[]): ListingView[] {
  return listings.filter((l) => l.status === 'noticed' && !l.waived && !l.waivedAt);
}

/** A subject as the name search (GET /api/v1/profiles?name=) returns it: identity only. */
export interface SubjectMatch {
  uscc: string;
  name: string;
}

/** The fewest characters of a name the platform searches for. */
export const NAME_SEARCH_MIN = 2;

export type SubjectLookup =
  { kind: 'empty' } | { kind: 'uscc'; uscc: string } | { kind: 'name'; name: string } | { kind: 'tooShort' };

/**
 * What the regulator typed: a USCC-shaped input (18 letters and digits once spaces are gone) goes straight to the
 * profile; anything else is part of a name to search for, at least two characters.
 */
export function subjectLookup(input: string): SubjectLookup {
  const compact = input.replace(/\s+/g, '');
  if (compact === '') return { kind: 'empty' };
  if (/^[0-9A-Za-z]{18}$/.test(compact)) return { kind: 'uscc', uscc: compact.toUpperCase() };
  const name = input.trim();
  return [...name].length < NAME_SEARCH_MIN ? { kind: 'tooShort' } : { kind: 'name', name };
}
