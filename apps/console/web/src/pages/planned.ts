import type { Role } from '../../../../../libs/auth/src/principal';
import type { MessageKey } from '../i18n/messages';

/**
 * What each role will find here once the services behind it land (their issues are open). Listed on the home page
 * as coming, never as links: a page appears only when the API it calls exists.
 */
export const PLANNED: Readonly<Record<Role, readonly MessageKey[]>> = {
  operator: [],
  provider: [],
  regulator: [],
  enforcer: [],
  subject: [],
  auditor: [],
};

export function plannedFor(roles: readonly Role[]): MessageKey[] {
  return [...new Set(roles.flatMap((role) => PLANNED[role]))];
}
