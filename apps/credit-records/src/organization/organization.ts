// Organisation: a participant of the platform and what it may submit or see (PRODUCT.md §1). Pure: state, evolve,
// and one decision per command.
import {
  DomainError,
  PLATFORM_ORGANIZATION_ID,
  type FieldError,
  type OrganizationType,
  type SharingClass,
} from '@credit-share/contracts';
import { isMarketKind, isRecordKind } from '../catalogue/record-kinds';
import { validateUscc } from '../subject/uscc';
import type { OrganizationEvent } from './organization.events';

export type OrganizationState =
  | { status: 'unregistered' }
  | {
      status: 'registered';
      id: string;
      name: string;
      type: OrganizationType;
      uscc: string;
      catalogueItems: string[];
      sharingClasses: SharingClass[];
    };

export const initialState: OrganizationState = { status: 'unregistered' };

export function evolve(state: OrganizationState, event: OrganizationEvent): OrganizationState {
  switch (event.type) {
    case 'OrganizationRegistered':
      return { status: 'registered', ...event.data };
    case 'OrganizationPermissionsChanged':
      if (state.status !== 'registered') return state;
      return { ...state, catalogueItems: event.data.catalogueItems, sharingClasses: event.data.sharingClasses };
  }
}

export const organizationAggregate = { initialState, evolve };

export function streamIdOf(organizationId: string): string {
  return `organization-${organizationId}`;
}

export interface RegisterOrganization {
  id: string;
  name: string;
  type: OrganizationType;
  uscc: string;
  catalogueItems: string[];
  sharingClasses: SharingClass[];
}

export interface ChangeOrganizationPermissions {
  id: string;
  catalogueItems: string[];
  sharingClasses: SharingClass[];
}

export function decideRegister(command: RegisterOrganization, state: OrganizationState): OrganizationEvent[] {
  if (state.status === 'registered') {
    if (sameRegistration(state, command)) return [];
    throw DomainError.conflict('ORGANIZATION.ALREADY_REGISTERED', `organisation "${command.id}" is already registered`);
  }
  if (command.type === 'platform_operator' && command.id !== PLATFORM_ORGANIZATION_ID) {
    throw DomainError.ruleViolated(
      'ORGANIZATION.PLATFORM_OPERATOR_RESERVED',
      `only the platform's own organisation "${PLATFORM_ORGANIZATION_ID}" is a platform operator`,
    );
  }
  const uscc = validateUscc(command.uscc);
  if (!uscc.ok) {
    throw DomainError.validation('ORGANIZATION.INVALID', 'the organisation has invalid fields', [
      { field: 'uscc', code: uscc.error.code, message: uscc.error.message },
    ]);
  }
  assertPermissions(command.type, command.catalogueItems);
  return [
    {
      type: 'OrganizationRegistered',
      data: {
        id: command.id,
        name: command.name.trim(),
        type: command.type,
        uscc: uscc.uscc,
        catalogueItems: dedupe(command.catalogueItems),
        sharingClasses: dedupe(command.sharingClasses),
      },
    },
  ];
}

export function decideChangePermissions(command: ChangeOrganizationPermissions, state: OrganizationState): OrganizationEvent[] {
  if (state.status !== 'registered') {
    throw DomainError.notFound('ORGANIZATION.NOT_FOUND', `organisation "${command.id}" is not registered`);
  }
  assertPermissions(state.type, command.catalogueItems);
  const catalogueItems = dedupe(command.catalogueItems);
  const sharingClasses = dedupe(command.sharingClasses);
  if (sameSet(catalogueItems, state.catalogueItems) && sameSet(sharingClasses, state.sharingClasses)) return [];
  return [{ type: 'OrganizationPermissionsChanged', data: { id: command.id, uscc: state.uscc, catalogueItems, sharingClasses } }];
}

function assertPermissions(type: OrganizationType, catalogueItems: readonly string[]): void {
  const errors: FieldError[] = [];
  catalogueItems.forEach((kind, i) => {
    if (!isRecordKind(kind)) {
      errors.push({
        field: `catalogueItems[${i}]`,
        code: 'UNKNOWN_CATALOGUE_ITEM',
        message: `"${kind}" is not in the catalogue`,
      });
    } else if ((type === 'industry_association' || type === 'social_organization') && !isMarketKind(kind)) {
      // Associations and social organisations provide market/industry credit information only.
      errors.push({
        field: `catalogueItems[${i}]`,
        code: 'NOT_MARKET_CREDIT_ITEM',
        message: `a ${type} may only submit market/industry credit information, not "${kind}"`,
      });
    } else if (type === 'platform_operator') {
      errors.push({
        field: `catalogueItems[${i}]`,
        code: 'NOT_A_PROVIDER',
        message: 'the platform operator does not submit records',
      });
    }
  });
  if (errors.length > 0) throw DomainError.validation('ORGANIZATION.INVALID', 'the organisation has invalid fields', errors);
}

function sameRegistration(state: Extract<OrganizationState, { status: 'registered' }>, command: RegisterOrganization): boolean {
  return (
    state.name === command.name.trim() &&
    state.type === command.type &&
    validateUscc(command.uscc).uscc === state.uscc &&
    sameSet(state.catalogueItems, command.catalogueItems) &&
    sameSet(state.sharingClasses, command.sharingClasses)
  );
}

function dedupe<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}
