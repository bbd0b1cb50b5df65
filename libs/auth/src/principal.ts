// Who is calling, from the verified token (PRODUCT.md §4 "Auth"): user, organisation, roles, and for an enterprise
// its own USCC. Roles are the six of PRODUCT.md §1; an unknown role in a token grants nothing.

export const ROLES = ['operator', 'provider', 'regulator', 'enforcer', 'subject', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  user: string;
  org: string;
  roles: Role[];
  /** USCC of the enterprise, for `subject` tokens only. */
  subject?: string;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
