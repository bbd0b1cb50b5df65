import type { OrganizationType, SharingClass } from '@credit-share/contracts';

export interface OrganizationRegistered {
  type: 'OrganizationRegistered';
  data: {
    id: string;
    name: string;
    type: OrganizationType;
    uscc: string;
    catalogueItems: string[];
    sharingClasses: SharingClass[];
  };
}

export interface OrganizationPermissionsChanged {
  type: 'OrganizationPermissionsChanged';
  data: {
    id: string;
    uscc: string;
    catalogueItems: string[];
    sharingClasses: SharingClass[];
  };
}

export type OrganizationEvent = OrganizationRegistered | OrganizationPermissionsChanged;
