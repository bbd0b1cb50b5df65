// The organisation as GET /api/v1/organizations returns it (PRODUCT.md §4 "organisation"; apps/credit-records
// organization.dto.ts OrganizationView), and the request bodies of registering one and changing its permissions.
import type { OrganizationType, SharingClass } from '../../../../../../libs/contracts/src/organizations/organization.contract';

export { ORGANIZATION_TYPES, SHARING_CLASSES } from '../../../../../../libs/contracts/src/organizations/organization.contract';
export type { OrganizationType, SharingClass };

export interface Organization {
  id: string;
  name: string;
  type: OrganizationType;
  uscc: string;
  catalogueItems: string[];
  sharingClasses: SharingClass[];
  informationCategory: 'public_credit' | 'market_credit' | 'none';
  version: number;
  registeredAt: string;
  updatedAt: string;
}

export interface RegisterOrganization {
  id?: string;
  name: string;
  type: OrganizationType;
  uscc: string;
  catalogueItems: string[];
  sharingClasses: SharingClass[];
}

export interface ChangePermissions {
  catalogueItems: string[];
  sharingClasses: SharingClass[];
}

/** Types an operator may register: the platform operator exists from the first start and is the only one. */
export const REGISTRABLE_TYPES: readonly OrganizationType[] = [
  'government_department',
  'industry_association',
  'social_organization',
];
