// The purpose × role matrix of profile, report and access-log queries.
import { QUERY_PURPOSES } from '@credit-share/contracts';
import { decideAccessLogAccess, decideProfileAccess, type Requester } from './profile-access';

const USCC = '91440300MA0000001X';
const OTHER = '91440300MA0000002X';
const regulator: Requester = { user: 'u', org: 'sz-tax', roles: ['regulator'], organizationClasses: ['public'] };
const subject: Requester = { user: 'e', org: USCC, roles: ['subject'], subject: USCC, organizationClasses: [] };
const auditor: Requester = { user: 'a', org: 'platform', roles: ['auditor'], organizationClasses: ['public'] };
const provider: Requester = { user: 'p', org: 'sz-tax', roles: ['provider'], organizationClasses: ['public'] };

describe('profile access decisions', () => {
  it('denies every query without a valid purpose, whoever asks', () => {
    for (const requester of [regulator, subject, provider]) {
      expect(decideProfileAccess(requester, USCC, undefined)).toMatchObject({
        outcome: 'denied',
        reason: 'PURPOSE_REQUIRED',
        status: 400,
        purpose: null,
      });
      expect(decideProfileAccess(requester, USCC, '  ')).toMatchObject({ reason: 'PURPOSE_REQUIRED' });
      expect(decideProfileAccess(requester, USCC, 'curiosity')).toMatchObject({
        reason: 'PURPOSE_INVALID',
        status: 400,
        purpose: null,
      });
    }
  });

  it('serves a regulator for a department purpose with its organisation classes', () => {
    const allowed = QUERY_PURPOSES.filter((p) => decideProfileAccess(regulator, USCC, p).outcome === 'served');
    expect(allowed).toEqual(['administrative_licensing', 'public_procurement', 'inspection', 'enforcement']);
    expect(decideProfileAccess(regulator, USCC, 'inspection')).toEqual({
      outcome: 'served',
      purpose: 'inspection',
      viewer: { kind: 'organization', org: 'sz-tax', classes: ['public'] },
    });
    expect(decideProfileAccess(regulator, USCC, 'subject_self_service')).toMatchObject({ reason: 'PURPOSE_NOT_PERMITTED' });
  });

  it('serves a subject its own profile for self service only, and nobody else', () => {
    expect(decideProfileAccess(subject, USCC, 'subject_self_service')).toMatchObject({
      outcome: 'served',
      viewer: { kind: 'subject' },
    });
    expect(decideProfileAccess(subject, USCC, 'inspection')).toMatchObject({ reason: 'PURPOSE_NOT_PERMITTED' });
    expect(decideProfileAccess(subject, OTHER, 'subject_self_service')).toMatchObject({ reason: 'FORBIDDEN', status: 403 });
  });

  it('denies providers, enforcers, operators and auditors a profile', () => {
    for (const roles of [['provider'], ['enforcer'], ['operator'], ['auditor']]) {
      expect(decideProfileAccess({ ...provider, roles }, USCC, 'inspection')).toMatchObject({ reason: 'FORBIDDEN', status: 403 });
    }
  });

  it('opens the access log to the subject itself and to auditors only', () => {
    expect(decideAccessLogAccess(subject, USCC, undefined)).toMatchObject({ outcome: 'served', purpose: 'subject_self_service' });
    expect(decideAccessLogAccess(auditor, USCC, undefined)).toMatchObject({ outcome: 'served', purpose: 'audit' });
    expect(decideAccessLogAccess(auditor, USCC, 'inspection')).toMatchObject({ reason: 'PURPOSE_NOT_PERMITTED' });
    expect(decideAccessLogAccess(subject, OTHER, undefined)).toMatchObject({ reason: 'FORBIDDEN', status: 403 });
    expect(decideAccessLogAccess(regulator, USCC, 'inspection')).toMatchObject({ reason: 'FORBIDDEN', purpose: 'inspection' });
  });
});
