// A list entry with due process (PRODUCT.md §3.5; 国务院办公厅关于进一步完善失信约束制度构建诚信建设长效机制的指导意见,
// 国办发〔2020〕49号: notice before listing, a chance to state one's case, a decision with its legal basis, a fixed
// period, and removal). Propose → notice → statement window (working days) → decision → in force → removed on
// expiry, on repair of every basis record, by decision, or — for the red list — when the subject declines being shown.
// Pure: state, evolve, and one decision per command; time, the calendar and the basis records' state are arguments.
import {
  DomainError,
  addCalendarMonths,
  cstDateOf,
  startOfCstDay,
  type ListType,
  type WorkingDayCalendar,
} from '@credit-share/contracts';
import type { ListingEvent } from './listing.events';

export interface ListingPolicy {
  /** Statement window after the notice, in working days. */
  statementWindowWorkingDays: number;
  /** Effective period of an entry, in calendar months, by list type. */
  effectiveMonths: Record<ListType, number>;
}

export const DEFAULT_LISTING_POLICY: ListingPolicy = {
  statementWindowWorkingDays: 5,
  effectiveMonths: { serious_dishonesty: 36, red: 36 },
};

interface ListingBase {
  id: string;
  uscc: string;
  listType: ListType;
  basisRecordIds: string[];
  legalBasis: string;
  proposedBy: string;
  proposedAt: string;
  statementWindowEndsAt: string;
  waived: boolean;
}

export type ListingState =
  | { status: 'none' }
  | (ListingBase & { status: 'noticed' })
  | (ListingBase & { status: 'not_listed'; reason: string; decidedAt: string })
  | (ListingBase & { status: 'listed'; reason: string; decidedAt: string; effectiveFrom: string; effectiveUntil: string })
  | (ListingBase & {
      status: 'removed';
      reason: string;
      decidedAt: string;
      effectiveFrom: string;
      effectiveUntil: string;
      removedAt: string;
      cause: 'expired' | 'repaired' | 'decision' | 'declined';
    });

export const initialState: ListingState = { status: 'none' };

export function evolve(state: ListingState, event: ListingEvent): ListingState {
  switch (event.type) {
    case 'ListingProposed': {
      const d = event.data;
      return {
        status: 'noticed',
        id: d.listingId,
        uscc: d.uscc,
        listType: d.listType,
        basisRecordIds: d.basisRecordIds,
        legalBasis: d.legalBasis,
        proposedBy: d.proposedBy,
        proposedAt: d.proposedAt,
        statementWindowEndsAt: d.proposedAt,
        waived: false,
      };
    }
    case 'ListingNoticed':
      if (state.status !== 'noticed') return state;
      return { ...state, statementWindowEndsAt: event.data.statementWindowEndsAt };
    case 'ListingWindowWaived':
      if (state.status !== 'noticed') return state;
      return { ...state, waived: true };
    case 'ListingDecided': {
      if (state.status !== 'noticed') return state;
      const d = event.data;
      if (d.outcome === 'not_listed') return { ...state, status: 'not_listed', reason: d.reason, decidedAt: d.decidedAt };
      return {
        ...state,
        status: 'listed',
        reason: d.reason,
        decidedAt: d.decidedAt,
        effectiveFrom: d.effectiveFrom!,
        effectiveUntil: d.effectiveUntil!,
      };
    }
    case 'ListingRemoved':
      if (state.status !== 'listed') return state;
      return { ...state, status: 'removed', removedAt: event.data.removedAt, cause: event.data.cause };
  }
}

export const listingAggregate = { initialState, evolve };

export function streamIdOf(listingId: string): string {
  return `listing-${listingId}`;
}

/** What this service knows of a basis record now (from credit records' events). */
export interface BasisRecord {
  recordId: string;
  uscc: string;
  kind: string;
  severity: string | null;
  /** The organisation that provided it (null when not known). */
  providerOrg: string | null;
  /** Published and in its publicity period now. */
  inPublicity: boolean;
  ended: 'withdrawn' | 'expired' | 'repaired' | null;
}

export interface ProposeListing {
  listingId: string;
  uscc: string;
  listType: ListType;
  basisRecordIds: string[];
  legalBasis: string;
  proposedBy: string;
  /** Why, in words, for the notice; a default is derived from the basis when omitted. */
  reasons?: string;
}

const CONSEQUENCES: Record<ListType, string> = {
  serious_dishonesty:
    '列入严重失信主体名单后，将依法依规实施联合惩戒措施（如限制参与政府采购、限制获得财政资金支持、从严审查行政许可、加强日常监管频次等），具体措施以合作备忘录为准。Listing triggers the joint punishment measures of the memoranda (e.g. exclusion from public procurement, closer supervision).',
  red: '列入守信激励名单后，可依法享受联合激励措施（如行政审批绿色通道、降低抽查比例等）；主体可申请不予公示。Listing brings the joint incentive measures of the memoranda; the subject may decline being shown.',
};

const REMOVAL_CONDITIONS: Record<ListType, string> = {
  serious_dishonesty:
    '有效期届满自动移出；作为认定依据的全部失信记录经信用修复后移出；认定部门依法撤销认定时移出。Removed at the end of the period, when every basis record is repaired, or by decision.',
  red: '有效期届满自动移出；认定部门依法撤销时移出；主体申请不予公示时移出。Removed at the end of the period, by decision, or when the subject declines being shown.',
};

const HOW_TO_OBJECT =
  '自告知之日起在陈述申辩期内，可通过平台提交陈述申辩或对作为依据的记录提出异议（POST /api/v1/objections），也可放弃陈述申辩（POST /api/v1/listings/{id}/waiver）。State your case or object to a basis record within the statement window; you may waive the window.';

export function decidePropose(
  command: ProposeListing,
  state: ListingState,
  now: Date,
  basis: ReadonlyMap<string, BasisRecord>,
  calendar: WorkingDayCalendar,
  policy: ListingPolicy = DEFAULT_LISTING_POLICY,
): ListingEvent[] {
  if (state.status !== 'none') {
    const same =
      state.uscc === command.uscc &&
      state.listType === command.listType &&
      state.legalBasis === command.legalBasis &&
      state.proposedBy === command.proposedBy &&
      sameSet(state.basisRecordIds, command.basisRecordIds);
    if (same) return [];
    throw DomainError.conflict('LISTING.ALREADY_PROPOSED', `listing ${command.listingId} was already proposed differently`);
  }
  const basisRecordIds = [...new Set(command.basisRecordIds)];
  if (basisRecordIds.length === 0) {
    throw DomainError.ruleViolated('LISTING.BASIS_REQUIRED', 'an entry needs at least one basis record');
  }
  const errors = basisRecordIds.flatMap((id, i) => {
    const r = basis.get(id);
    const field = `basisRecordIds[${i}]`;
    if (!r) return [{ field, code: 'UNKNOWN_RECORD', message: `record ${id} is not known` }];
    if (r.uscc !== command.uscc) return [{ field, code: 'OTHER_SUBJECT', message: `record ${id} is about another subject` }];
    if (r.providerOrg !== null && r.providerOrg !== command.proposedBy) {
      return [{ field, code: 'NOT_OWN_RECORD', message: `record ${id} was provided by another organisation` }];
    }
    if (!r.inPublicity) {
      return [{ field, code: 'NOT_IN_PUBLICITY', message: `record ${id} is ${r.ended ?? 'not in publicity'}` }];
    }
    return [];
  });
  if (errors.length > 0) {
    throw DomainError.validation('LISTING.BASIS_INVALID', 'the basis records do not support an entry', errors);
  }
  if (
    command.listType === 'serious_dishonesty' &&
    ![...basis.values()].some((r) => basisRecordIds.includes(r.recordId) && r.severity)
  ) {
    throw DomainError.ruleViolated(
      'LISTING.BASIS_NOT_ADVERSE',
      'a serious-dishonesty entry needs at least one adverse record with a severity among its basis',
    );
  }
  const proposedAt = now.toISOString();
  const windowEnds = calendar.addWorkingDays(now, policy.statementWindowWorkingDays).toISOString();
  const reasons =
    command.reasons?.trim() ||
    `依据 ${basisRecordIds.length} 条信用记录（${basisRecordIds.join('、')}），拟列入${command.listType === 'red' ? '守信激励名单' : '严重失信主体名单'}。`;
  const common = { listingId: command.listingId, uscc: command.uscc, listType: command.listType };
  return [
    {
      type: 'ListingProposed',
      data: { ...common, basisRecordIds, legalBasis: command.legalBasis, proposedBy: command.proposedBy, proposedAt },
    },
    {
      type: 'ListingNoticed',
      data: {
        ...common,
        reasons,
        legalBasis: command.legalBasis,
        basisRecordIds,
        consequences: CONSEQUENCES[command.listType],
        howToObject: HOW_TO_OBJECT.replace('{id}', command.listingId),
        removalConditions: REMOVAL_CONDITIONS[command.listType],
        noticedAt: proposedAt,
        statementWindowEndsAt: windowEnds,
      },
    },
  ];
}

/** The subject gives up its statement window (and may then be decided at once). */
export function decideWaive(state: ListingState, callerUscc: string, now: Date): ListingEvent[] {
  if (state.status === 'none') throw DomainError.notFound('LISTING.NOT_FOUND', 'no such listing');
  if (state.uscc !== callerUscc) throw DomainError.forbidden('LISTING.NOT_YOUR_LISTING', 'only the subject may waive its window');
  if (state.status !== 'noticed') {
    throw DomainError.ruleViolated('LISTING.ALREADY_DECIDED', `the listing is already ${state.status}`);
  }
  if (state.waived || now.getTime() > Date.parse(state.statementWindowEndsAt)) return [];
  return [
    {
      type: 'ListingWindowWaived',
      data: { listingId: state.id, uscc: state.uscc, listType: state.listType, waivedAt: now.toISOString() },
    },
  ];
}

export interface DecideListing {
  outcome: 'listed' | 'not_listed';
  reason: string;
  decidedBy: string;
}

export function decideDecision(
  command: DecideListing,
  state: ListingState,
  now: Date,
  basis: ReadonlyMap<string, BasisRecord>,
  policy: ListingPolicy = DEFAULT_LISTING_POLICY,
): ListingEvent[] {
  if (state.status === 'none') throw DomainError.notFound('LISTING.NOT_FOUND', 'no such listing');
  if (state.proposedBy !== command.decidedBy) {
    throw DomainError.forbidden('LISTING.NOT_PROPOSER', 'only the proposing organisation decides its listing');
  }
  if (state.status !== 'noticed') {
    const decidedAs = state.status === 'removed' ? 'listed' : state.status;
    if (decidedAs === command.outcome && state.reason === command.reason) return [];
    throw DomainError.conflict('LISTING.ALREADY_DECIDED', `the listing was already decided: ${state.status}`);
  }
  if (!state.waived && now.getTime() <= Date.parse(state.statementWindowEndsAt)) {
    throw DomainError.ruleViolated(
      'LISTING.STATEMENT_WINDOW_OPEN',
      `the statement window runs until ${state.statementWindowEndsAt} and was not waived`,
    );
  }
  if (command.outcome === 'listed') {
    const fallen = state.basisRecordIds.filter((id) => {
      const r = basis.get(id);
      return !r || r.ended === 'withdrawn' || r.ended === 'repaired' || !r.inPublicity;
    });
    if (fallen.length > 0) {
      throw DomainError.ruleViolated(
        'LISTING.BASIS_WITHDRAWN',
        `basis records no longer in force (withdrawn, repaired or expired): ${fallen.join(', ')}; the proposal cannot be listed`,
      );
    }
  }
  const decidedAt = now.toISOString();
  const common = {
    listingId: state.id,
    uscc: state.uscc,
    listType: state.listType,
    outcome: command.outcome,
    reason: command.reason,
    legalBasis: state.legalBasis,
    basisRecordIds: state.basisRecordIds,
    decidedBy: command.decidedBy,
    decidedAt,
  };
  if (command.outcome === 'not_listed') return [{ type: 'ListingDecided', data: common }];
  const until = startOfCstDay(addCalendarMonths(cstDateOf(now), policy.effectiveMonths[state.listType]));
  return [{ type: 'ListingDecided', data: { ...common, effectiveFrom: decidedAt, effectiveUntil: until.toISOString() } }];
}

export type RemoveListing =
  | { cause: 'decision'; reason: string; removedBy: string }
  | { cause: 'expired' }
  | { cause: 'repaired' }
  | { cause: 'declined'; callerUscc: string };

export function decideRemoval(
  command: RemoveListing,
  state: ListingState,
  now: Date,
  basis: ReadonlyMap<string, BasisRecord> = new Map(),
): ListingEvent[] {
  if (state.status === 'none') throw DomainError.notFound('LISTING.NOT_FOUND', 'no such listing');
  if (command.cause === 'decision' && state.proposedBy !== command.removedBy) {
    throw DomainError.forbidden('LISTING.NOT_PROPOSER', 'only the deciding organisation removes its listing');
  }
  if (command.cause === 'declined') {
    if (state.uscc !== command.callerUscc)
      throw DomainError.forbidden('LISTING.NOT_YOUR_LISTING', 'only the subject may decline');
    if (state.listType !== 'red') {
      throw DomainError.ruleViolated('LISTING.NOT_DECLINABLE', 'only a red-list entry can be declined by its subject');
    }
  }
  if (state.status === 'removed') return [];
  if (state.status !== 'listed') {
    if (command.cause === 'decision' || command.cause === 'declined') {
      throw DomainError.ruleViolated('LISTING.NOT_LISTED', `the listing is ${state.status}, not listed`);
    }
    return [];
  }
  let reason: string;
  switch (command.cause) {
    case 'expired':
      if (now.getTime() < Date.parse(state.effectiveUntil)) return [];
      reason = `有效期于 ${state.effectiveUntil} 届满 / the effective period ended`;
      break;
    case 'repaired': {
      const allRepaired = state.basisRecordIds.every((id) => basis.get(id)?.ended === 'repaired');
      if (!allRepaired) return [];
      reason = '作为认定依据的全部记录已完成信用修复 / every basis record was repaired';
      break;
    }
    case 'decision':
      reason = command.reason;
      break;
    case 'declined':
      reason = '主体申请不予公示 / the subject declined being shown';
      break;
  }
  return [
    {
      type: 'ListingRemoved',
      data: {
        listingId: state.id,
        uscc: state.uscc,
        listType: state.listType,
        cause: command.cause,
        reason,
        removedAt: now.toISOString(),
      },
    },
  ];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}
