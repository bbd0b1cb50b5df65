// Who may query which profile for what (PRODUCT.md §1, §3.7): a pure decision, so the controller only plumbs it and
// every denial it returns is logged before the answer leaves (fail-closed query accounting, ADR 0014).
import {
  QUERY_PURPOSES,
  SHARING_CLASSES,
  type AccessLoggedV1,
  type QueryPurpose,
  type SharingClass,
} from '@credit-share/contracts';

export type QueryKind = AccessLoggedV1['query'];

export interface Requester {
  user: string;
  org: string;
  /** The roles the route admitted and the organisation permits. */
  roles: string[];
  /** The enterprise's USCC for `subject` tokens. */
  subject?: string;
  /** Sharing classes of the requester's organisation (from this service's directory copy); none for enterprises. */
  organizationClasses: SharingClass[];
}

/** Whom a profile is shown to: the subject itself sees its own data in full; an organisation sees its classes. */
export interface Viewer {
  kind: 'subject' | 'organization';
  org: string;
  classes: SharingClass[];
}

export type AccessDecision =
  | { outcome: 'served'; purpose: QueryPurpose; viewer: Viewer }
  | {
      outcome: 'denied';
      purpose: QueryPurpose | null;
      reason: 'PURPOSE_REQUIRED' | 'PURPOSE_INVALID' | 'PURPOSE_NOT_PERMITTED' | 'FORBIDDEN';
      status: 400 | 403;
      message: string;
    };

/** Purposes a department states for a profile or report (the rest belong to the subject and to auditors). */
const ORGANIZATION_PURPOSES: readonly QueryPurpose[] = [
  'administrative_licensing',
  'public_procurement',
  'inspection',
  'enforcement',
];

export function isQueryPurpose(value: unknown): value is QueryPurpose {
  return typeof value === 'string' && (QUERY_PURPOSES as readonly string[]).includes(value);
}

function parsePurpose(raw: string | undefined): { purpose: QueryPurpose } | AccessDecision {
  if (raw === undefined || raw.trim() === '') {
    return {
      outcome: 'denied',
      purpose: null,
      reason: 'PURPOSE_REQUIRED',
      status: 400,
      message: `state the purpose of the query: purpose=${QUERY_PURPOSES.join('|')}`,
    };
  }
  if (!isQueryPurpose(raw)) {
    return {
      outcome: 'denied',
      purpose: null,
      reason: 'PURPOSE_INVALID',
      status: 400,
      message: `purpose must be one of ${QUERY_PURPOSES.join(', ')}`,
    };
  }
  return { purpose: raw };
}

/** A profile or credit report of `uscc`: the subject for itself, a regulator for a department's purpose. */
export function decideProfileAccess(requester: Requester, uscc: string, rawPurpose: string | undefined): AccessDecision {
  const parsed = parsePurpose(rawPurpose);
  if ('outcome' in parsed) return parsed;
  const { purpose } = parsed;
  if (requester.roles.includes('subject') && requester.subject === uscc) {
    if (purpose !== 'subject_self_service')
      return notPermitted(purpose, 'an enterprise queries its own profile for subject_self_service');
    return { outcome: 'served', purpose, viewer: { kind: 'subject', org: requester.org, classes: [...SHARING_CLASSES] } };
  }
  if (requester.roles.includes('regulator')) {
    if (!ORGANIZATION_PURPOSES.includes(purpose)) {
      return notPermitted(purpose, `a department states one of ${ORGANIZATION_PURPOSES.join(', ')}`);
    }
    return {
      outcome: 'served',
      purpose,
      viewer: { kind: 'organization', org: requester.org, classes: requester.organizationClasses },
    };
  }
  return { outcome: 'denied', purpose, reason: 'FORBIDDEN', status: 403, message: 'an enterprise sees only its own profile' };
}

/** Who looked at `uscc`: the subject itself and auditors. */
export function decideAccessLogAccess(requester: Requester, uscc: string, rawPurpose: string | undefined): AccessDecision {
  const ownSubject = requester.roles.includes('subject') && requester.subject === uscc;
  const auditor = requester.roles.includes('auditor');
  if (!ownSubject && !auditor) {
    const stated = isQueryPurpose(rawPurpose) ? rawPurpose : null;
    return {
      outcome: 'denied',
      purpose: stated,
      reason: 'FORBIDDEN',
      status: 403,
      message: 'the access log is for the subject itself and auditors',
    };
  }
  const parsed = parsePurpose(rawPurpose ?? (ownSubject ? 'subject_self_service' : 'audit'));
  if ('outcome' in parsed) return parsed;
  const { purpose } = parsed;
  if (ownSubject && purpose === 'subject_self_service') {
    return { outcome: 'served', purpose, viewer: { kind: 'subject', org: requester.org, classes: [] } };
  }
  if (auditor && purpose === 'audit') {
    return { outcome: 'served', purpose, viewer: { kind: 'organization', org: requester.org, classes: [] } };
  }
  return notPermitted(purpose, 'the access log is read for subject_self_service or audit');
}

function notPermitted(purpose: QueryPurpose, message: string): AccessDecision {
  return {
    outcome: 'denied',
    purpose,
    reason: 'PURPOSE_NOT_PERMITTED',
    status: 400,
    message: `purpose ${purpose} not permitted: ${message}`,
  };
}
