// Query accounting (PRODUCT.md §3.7): every profile, report or check query and every denial is an access-log entry,
// published so that the audit ledger makes it a leaf of its Merkle log. Produced by credit-profiles (profiles,
// reports, access logs) and enforcement-coordination (embedded checks), with the same contract.

import type { SharingClass } from '../organizations/organization.contract';

export const QUERY_PURPOSES = [
  'administrative_licensing',
  'public_procurement',
  'inspection',
  'enforcement',
  'subject_self_service',
  'audit',
] as const;
export type QueryPurpose = (typeof QUERY_PURPOSES)[number];

export interface AccessLoggedV1 {
  entryId: string;
  at: string;
  org: string;
  user: string;
  roles: string[];
  /** The purpose as stated; null when the query was denied for having none. */
  purpose: QueryPurpose | null;
  uscc: string;
  query: 'profile' | 'report' | 'check' | 'access_log';
  asOf?: string;
  outcome: 'served' | 'denied';
  /** Why it was denied (`PURPOSE_REQUIRED`, `FORBIDDEN`, …). */
  denialReason?: string;
  sharingClasses: SharingClass[];
}

/**
 * An embedded check (`GET /checks/{uscc}`, PRODUCT.md §3.6) served or denied: logged like a profile query, by
 * enforcement-coordination, with the fields of AccessLoggedV1 and `query` always `check`.
 */
export interface CheckLoggedV1 extends Omit<AccessLoggedV1, 'query'> {
  query: 'check';
}

export const ACCESS_EVENTS = { accessLogged: 'AccessLogged' } as const;
export const CHECK_EVENTS = { checkLogged: 'CheckLogged' } as const;
