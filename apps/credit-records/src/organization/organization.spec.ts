import { specification } from '@credit-share/testing';
import { decideChangePermissions, decideRegister, organizationAggregate, type RegisterOrganization } from './organization';
import type { OrganizationEvent } from './organization.events';

const spec = specification<ReturnType<typeof organizationAggregate.evolve>, OrganizationEvent>(organizationAggregate);

const amr: RegisterOrganization = {
  id: 'sz-amr',
  name: '深圳市市场监督管理局',
  type: 'government_department',
  uscc: ' 1144 0300 6900 0001 5x ',
  catalogueItems: ['administrative_penalty', 'administrative_license', 'administrative_penalty'],
  sharingClasses: ['public', 'conditional'],
};

const registered: OrganizationEvent = {
  type: 'OrganizationRegistered',
  data: {
    id: 'sz-amr',
    name: '深圳市市场监督管理局',
    type: 'government_department',
    uscc: '11440300690000015X',
    catalogueItems: ['administrative_penalty', 'administrative_license'],
    sharingClasses: ['public', 'conditional'],
  },
};

describe('RegisterOrganization', () => {
  it('emits OrganizationRegistered with the normalised USCC and de-duplicated permissions', () => {
    spec
      .given([])
      .when((s) => decideRegister(amr, s))
      .then([registered]);
  });

  it('is a no-op when the identical organisation is registered again', () => {
    spec
      .given([registered])
      .when((s) => decideRegister(amr, s))
      .thenNothing();
  });

  it('refuses a different registration under an existing id', () => {
    spec
      .given([registered])
      .when((s) => decideRegister({ ...amr, name: 'another' }, s))
      .thenRefuses('ORGANIZATION.ALREADY_REGISTERED');
  });

  it.each([
    ['91110000600037341', 'LENGTH'],
    ['91110000600037341I', 'FORMAT'],
    ['91110000600037341M', 'CHECKSUM'],
  ])('refuses USCC %s with a %s field error', (uscc, code) => {
    const error = spec
      .given([])
      .when((s) => decideRegister({ ...amr, uscc }, s))
      .thenRefuses('ORGANIZATION.INVALID', ['uscc']);
    expect(error.errors[0]!.code).toBe(code);
  });

  it('refuses catalogue items that are not in the catalogue', () => {
    spec
      .given([])
      .when((s) => decideRegister({ ...amr, catalogueItems: ['administrative_penalty', 'gossip'] }, s))
      .thenRefuses('ORGANIZATION.INVALID', ['catalogueItems[1]']);
  });

  it('lets an industry association submit only market/industry credit information', () => {
    const association: RegisterOrganization = {
      ...amr,
      id: 'sz-bakers',
      type: 'industry_association',
      uscc: '51440300MJ00000180',
      catalogueItems: ['industry_self_discipline', 'administrative_penalty'],
    };
    const error = spec
      .given([])
      .when((s) => decideRegister(association, s))
      .thenRefuses('ORGANIZATION.INVALID', ['catalogueItems[1]']);
    expect(error.errors[0]!.code).toBe('NOT_MARKET_CREDIT_ITEM');
    spec
      .given([])
      .when((s) => decideRegister({ ...association, catalogueItems: ['industry_self_discipline', 'contract_performance'] }, s))
      .then([
        {
          type: 'OrganizationRegistered',
          data: {
            ...registered.data,
            id: 'sz-bakers',
            type: 'industry_association',
            uscc: '51440300MJ00000180',
            catalogueItems: ['industry_self_discipline', 'contract_performance'],
          },
        },
      ]);
  });

  it('reserves the platform-operator type for the platform itself', () => {
    spec
      .given([])
      .when((s) => decideRegister({ ...amr, type: 'platform_operator', catalogueItems: [] }, s))
      .thenRefuses('ORGANIZATION.PLATFORM_OPERATOR_RESERVED');
  });
});

describe('ChangeOrganizationPermissions', () => {
  const change = { id: 'sz-amr', catalogueItems: ['administrative_penalty'], sharingClasses: ['public' as const] };

  it('emits OrganizationPermissionsChanged', () => {
    spec
      .given([registered])
      .when((s) => decideChangePermissions(change, s))
      .then([{ type: 'OrganizationPermissionsChanged', data: { ...change, uscc: '11440300690000015X' } }]);
  });

  it('is a no-op when nothing changes', () => {
    spec
      .given([registered])
      .when((s) =>
        decideChangePermissions(
          {
            id: 'sz-amr',
            catalogueItems: ['administrative_license', 'administrative_penalty'],
            sharingClasses: ['conditional', 'public'],
          },
          s,
        ),
      )
      .thenNothing();
  });

  it('refuses an organisation that is not registered', () => {
    spec
      .given([])
      .when((s) => decideChangePermissions(change, s))
      .thenRefuses('ORGANIZATION.NOT_FOUND');
  });
});
