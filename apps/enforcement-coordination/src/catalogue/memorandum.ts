// Memorandum of cooperation (合作备忘录): which measures follow when a subject enters a list of a type. Versioned like
// measures: adopting a changed memorandum under the same id adds a version. Pure: state, evolve, one decision.
import { DomainError, LIST_TYPES, type FieldError, type ListType } from '@credit-share/contracts';
import type { MemorandumEvent } from './catalogue.events';

export type MemorandumState =
  | { status: 'none' }
  | {
      status: 'adopted';
      memorandumId: string;
      version: number;
      listType: ListType;
      measureIds: string[];
      title: string;
      adoptedByUscc: string;
    };

export const initialState: MemorandumState = { status: 'none' };

export function evolve(_state: MemorandumState, event: MemorandumEvent): MemorandumState {
  switch (event.type) {
    case 'MemorandumAdopted':
      return { status: 'adopted', ...event.data };
  }
}

export const memorandumAggregate = { initialState, evolve };

export function memorandumStreamOf(memorandumId: string): string {
  return `memorandum-${memorandumId}`;
}

export interface AdoptMemorandum {
  memorandumId: string;
  listType: ListType;
  measureIds: string[];
  title?: string;
  /** USCC of the adopting organisation (the operator's). */
  adoptedByUscc: string;
}

export function decideAdoptMemorandum(
  command: AdoptMemorandum,
  state: MemorandumState,
  knownMeasures: ReadonlySet<string>,
): MemorandumEvent[] {
  const errors: FieldError[] = [];
  if (!(LIST_TYPES as readonly string[]).includes(command.listType)) {
    errors.push({ field: 'listType', code: 'UNKNOWN_LIST_TYPE', message: `one of ${LIST_TYPES.join(', ')}` });
  }
  const measureIds = [...new Set(command.measureIds)];
  if (measureIds.length === 0) errors.push({ field: 'measureIds', code: 'REQUIRED', message: 'name at least one measure' });
  command.measureIds.forEach((id, i) => {
    if (!knownMeasures.has(id)) {
      errors.push({ field: `measureIds[${i}]`, code: 'UNKNOWN_MEASURE', message: `"${id}" is not in the measures catalogue` });
    }
  });
  if (errors.length > 0) throw DomainError.validation('MEMORANDUM.INVALID', 'the memorandum has invalid fields', errors);
  const title = (command.title ?? '').trim() || `${command.listType} memorandum`;
  if (state.status === 'adopted') {
    if (state.listType !== command.listType) {
      throw DomainError.conflict('MEMORANDUM.LIST_TYPE_FIXED', `memorandum "${command.memorandumId}" is for ${state.listType}`);
    }
    const same =
      state.title === title &&
      state.measureIds.length === measureIds.length &&
      state.measureIds.every((id, i) => measureIds[i] === id);
    if (same) return [];
    return [
      {
        type: 'MemorandumAdopted',
        data: {
          memorandumId: command.memorandumId,
          version: state.version + 1,
          listType: command.listType,
          measureIds,
          title,
          adoptedByUscc: command.adoptedByUscc,
        },
      },
    ];
  }
  return [
    {
      type: 'MemorandumAdopted',
      data: {
        memorandumId: command.memorandumId,
        version: 1,
        listType: command.listType,
        measureIds,
        title,
        adoptedByUscc: command.adoptedByUscc,
      },
    },
  ];
}
