// Which roles an organisation of each type may exercise (PRODUCT.md §1). A token is only as good as its
// organisation: a `regulator` role on an industry association's token grants nothing.
import type { OrganizationType } from '@credit-share/contracts';
import type { Role } from '../principal';

const ROLES_BY_ORGANIZATION_TYPE: Record<OrganizationType, readonly Role[]> = {
  platform_operator: ['operator', 'auditor'],
  government_department: ['provider', 'regulator', 'enforcer', 'auditor'],
  industry_association: ['provider'],
  social_organization: ['provider'],
};

export function roleAllowedFor(type: OrganizationType, role: Role): boolean {
  return ROLES_BY_ORGANIZATION_TYPE[type].includes(role);
}
