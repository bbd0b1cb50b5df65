// Organisation directory: the participants of the platform and what each may submit or see (PRODUCT.md §1). Owned
// by credit-records; every other service keeps its own replica from these events and authorises requests with it.

export const ORGANIZATION_TYPES = [
  'government_department',
  'industry_association',
  'social_organization',
  'platform_operator',
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export const SHARING_CLASSES = ['public', 'conditional', 'restricted'] as const;
export type SharingClass = (typeof SHARING_CLASSES)[number];

/** The platform operator's organisation (信用中心) exists from the first start under this id. */
export const PLATFORM_ORGANIZATION_ID = 'platform';

export interface OrganizationRegisteredV1 {
  id: string;
  name: string;
  type: OrganizationType;
  uscc: string;
  catalogueItems: string[];
  sharingClasses: SharingClass[];
}

export interface OrganizationPermissionsChangedV1 {
  id: string;
  uscc: string;
  catalogueItems: string[];
  sharingClasses: SharingClass[];
}

export const ORGANIZATION_EVENTS = {
  registered: 'OrganizationRegistered',
  permissionsChanged: 'OrganizationPermissionsChanged',
} as const;
