// Measure: one entry of the measures catalogue — content, target, legal basis and the implementing organisation, the
// structure of the national basic list of dishonesty punishment measures (全国失信惩戒措施基础清单, 发改财金规〔2021〕1827号
// and its successors). Versioned: registering a changed measure under the same id adds a version; history is kept.
// Pure: state, evolve, one decision per command.
import { DomainError, type FieldError, type OrganizationType } from '@credit-share/contracts';
import type { MeasureEvent } from './catalogue.events';

export type MeasureState =
  | { status: 'unregistered' }
  | {
      status: 'registered';
      measureId: string;
      version: number;
      content: string;
      target: string;
      legalBasis: string;
      implementingOrg: string;
      implementingOrgUscc: string;
    };

export const initialState: MeasureState = { status: 'unregistered' };

export function evolve(_state: MeasureState, event: MeasureEvent): MeasureState {
  switch (event.type) {
    case 'MeasureRegistered':
      return { status: 'registered', ...event.data };
  }
}

export const measureAggregate = { initialState, evolve };

export function measureStreamOf(measureId: string): string {
  return `measure-${measureId}`;
}

export interface RegisterMeasure {
  measureId: string;
  content: string;
  target: string;
  legalBasis?: string | null;
  implementingOrg: string;
}

/** What the decision needs to know about the implementing organisation (from the directory copy). */
export interface ImplementingOrgFacts {
  type: OrganizationType | null;
  uscc: string | null;
}

export function decideRegisterMeasure(command: RegisterMeasure, state: MeasureState, org: ImplementingOrgFacts): MeasureEvent[] {
  const errors: FieldError[] = [];
  const legalBasis = (command.legalBasis ?? '').trim();
  // A measure restricts a subject's rights; without a legal basis (法律、法规或党中央、国务院政策文件) it may not be applied
  // (社会信用体系建设法 principle of legality; 国办发〔2020〕49号 "严禁擅自扩大失信惩戒措施").
  if (legalBasis === '') errors.push({ field: 'legalBasis', code: 'REQUIRED', message: 'a measure needs its legal basis' });
  if (command.content.trim() === '') errors.push({ field: 'content', code: 'REQUIRED', message: 'describe the measure' });
  if (command.target.trim() === '') errors.push({ field: 'target', code: 'REQUIRED', message: 'name whom the measure targets' });
  if (errors.some((e) => e.field === 'legalBasis')) {
    throw DomainError.validation('MEASURE.LEGAL_BASIS_REQUIRED', 'a measure without legal basis is refused', errors);
  }
  if (errors.length > 0) throw DomainError.validation('MEASURE.INVALID', 'the measure has invalid fields', errors);
  if (org.type === null) {
    throw DomainError.validation('MEASURE.UNKNOWN_ORGANIZATION', `organisation "${command.implementingOrg}" is not registered`, [
      { field: 'implementingOrg', code: 'UNKNOWN_ORGANIZATION', message: `"${command.implementingOrg}" is not registered` },
    ]);
  }
  if (org.type !== 'government_department') {
    // Only a department has an enforcement team (PRODUCT.md §1: the enforcer role).
    throw DomainError.validation('MEASURE.NOT_AN_ENFORCER', `a ${org.type} does not implement measures`, [
      { field: 'implementingOrg', code: 'NOT_A_DEPARTMENT', message: 'measures are implemented by government departments' },
    ]);
  }
  const next = {
    measureId: command.measureId,
    content: command.content.trim(),
    target: command.target.trim(),
    legalBasis,
    implementingOrg: command.implementingOrg,
    implementingOrgUscc: org.uscc ?? '',
  };
  if (state.status === 'registered') {
    const same =
      state.content === next.content &&
      state.target === next.target &&
      state.legalBasis === next.legalBasis &&
      state.implementingOrg === next.implementingOrg &&
      state.implementingOrgUscc === next.implementingOrgUscc;
    if (same) return [];
    return [{ type: 'MeasureRegistered', data: { ...next, version: state.version + 1 } }];
  }
  return [{ type: 'MeasureRegistered', data: { ...next, version: 1 } }];
}
