// What credit-profiles tells the other services: one AccessLogged per profile, report or access-log query and per
// denial (query accounting, PRODUCT.md §3.7), for the audit ledger. The received history stays inside.
import { ACCESS_EVENTS, type AccessLoggedV1 } from '@credit-share/contracts';
import type { PublishMap } from '@credit-share/messaging';
import type { AccessLoggedEvent } from './access-log/access-log.repository';

export const publish: PublishMap = (event) => {
  if (event.type !== 'AccessLogged') return null;
  const e = event.data as AccessLoggedEvent;
  // The contract's fields exactly; the report number and hash stay in this service's access log.
  const data: AccessLoggedV1 = {
    entryId: e.entryId,
    at: e.at,
    org: e.org,
    user: e.user,
    roles: e.roles,
    purpose: e.purpose,
    uscc: e.uscc,
    query: e.query,
    ...(e.asOf ? { asOf: e.asOf } : {}),
    outcome: e.outcome,
    ...(e.denialReason ? { denialReason: e.denialReason } : {}),
    sharingClasses: e.sharingClasses,
  };
  return { type: ACCESS_EVENTS.accessLogged, version: 1, subject: e.uscc, data };
};
