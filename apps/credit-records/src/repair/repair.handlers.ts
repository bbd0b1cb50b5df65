// Plumbing of credit repair: an application is its own stream (with a durable timer at its decision deadline); an
// approval appends RecordRepaired to the record's stream (markRepaired through RecordCommands) in the same
// transaction as RepairDecided, so publicity ends exactly when the approval commits.
import { actorOf, type Caller } from '@credit-share/auth';
import { DomainError, defaultCalendar } from '@credit-share/contracts';
import { uuidv7, type Actor, type Tx } from '@credit-share/event-store';
import { ServiceRuntime, SYSTEM_ACTOR, eventMetadata } from '@credit-share/messaging';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Command, CommandHandler, IQueryHandler, Query, QueryHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OBJECTION_REPAIR_SETTINGS, type ObjectionRepairSettings } from '../objection/objection-repair.config';
import { assertDecider, inRetriedTransaction, loadStream } from '../objection/objection-repair.transaction';
import { scopeCondition, visibleTo } from '../objection/objection.handlers';
import { markRepaired, statusAt, type RecordState } from '../record/record';
import { RecordCommands } from '../record/record.handlers';
import {
  decideApply,
  decideDecision,
  decideOverdue,
  repairAggregate,
  repairStreamId,
  type RepairableRecordFacts,
  type RepairState,
} from './repair';
import { repairView, type ListRepairsQueryDto, type RepairView } from './repair.dto';
import type { RepairEvent } from './repair.events';
import { findRepairRow, pendingRepairOf, repairsProjection, type RepairRow } from './repair.projection';

export const REPAIR_OVERDUE_TIMER = 'repair-decision-overdue';

export function repairTimerId(repairId: string): string {
  return `repair-decision-overdue:${repairId}`;
}

export function repairableRecordFacts(state: RecordState, now: Date): RepairableRecordFacts | null {
  if (state.status === 'none') return null;
  const status = statusAt(state, now);
  return {
    recordId: state.recordId,
    providerOrg: state.providerOrg,
    subject: state.subject.category === 'natural_person' ? null : { uscc: state.subject.uscc, name: state.subject.name },
    status: status === 'none' ? 'published' : status,
    severity: state.current.severity,
    publicUntil: state.current.publicUntil === null ? null : new Date(state.current.publicUntil),
    repairableFrom: state.current.repairableFrom === null ? null : new Date(state.current.repairableFrom),
  };
}

export class ApplyForRepairCommand extends Command<RepairView> {
  constructor(
    readonly body: { recordId: string; commitment: string; evidence: string[] },
    readonly caller: Caller,
  ) {
    super();
  }
}

export class DecideRepairCommand extends Command<RepairView> {
  constructor(
    readonly repairId: string,
    readonly body: { outcome: 'approved' | 'rejected'; reason: string },
    readonly caller: Caller,
  ) {
    super();
  }
}

export class ListRepairsQuery extends Query<RepairView[]> {
  constructor(
    readonly filter: ListRepairsQueryDto,
    readonly caller: Caller,
  ) {
    super();
  }
}

export class GetRepairQuery extends Query<RepairView> {
  constructor(
    readonly repairId: string,
    readonly caller: Caller,
  ) {
    super();
  }
}

@Injectable()
export class RepairStore implements OnModuleInit {
  private readonly projection = repairsProjection();

  constructor(private readonly runtime: ServiceRuntime) {}

  onModuleInit(): void {
    // The decision deadline passed: an SLA breach is recorded unless the provider decided in time.
    this.runtime.timers.on<{ repairId: string }>(REPAIR_OVERDUE_TIMER, async (timer, tx) => {
      const { state, version } = await this.load(timer.payload.repairId, tx);
      await this.append(tx, timer.payload.repairId, version, decideOverdue(state, this.runtime.clock.now()), SYSTEM_ACTOR);
    });
  }

  load(repairId: string, tx?: Tx): Promise<{ state: RepairState; version: number }> {
    return loadStream(this.runtime, repairStreamId(repairId), repairAggregate, tx);
  }

  async append(tx: Tx, repairId: string, version: number, events: RepairEvent[], actor: Actor): Promise<void> {
    if (events.length === 0) return;
    const recorded = await this.runtime.store.append(repairStreamId(repairId), version, events, eventMetadata(actor), tx);
    try {
      await this.projection.apply(recorded.events, tx);
    } catch (error) {
      if ((error as { constraint?: string }).constraint === 'repairs_one_pending') {
        throw DomainError.conflict('REPAIR.ALREADY_PENDING', 'another application for this record is still undecided');
      }
      throw error;
    }
    for (const event of events) {
      if (event.type === 'RepairApplied') {
        await this.runtime.timers.schedule(tx, {
          id: repairTimerId(repairId),
          kind: REPAIR_OVERDUE_TIMER,
          dueAt: new Date(Date.parse(event.data.dueAt) + 1),
          payload: { repairId },
        });
      } else if (event.type === 'RepairDecided') {
        await this.runtime.timers.cancel(tx, repairTimerId(repairId));
      }
    }
  }

  async view(repairId: string): Promise<RepairView> {
    const row = await findRepairRow(this.runtime.db, repairId);
    if (!row) throw DomainError.notFound('REPAIR.NOT_FOUND', `repair ${repairId} does not exist`);
    return repairView(row);
  }
}

@CommandHandler(ApplyForRepairCommand)
export class ApplyForRepairHandler implements ICommandHandler<ApplyForRepairCommand> {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly repairs: RepairStore,
    private readonly records: RecordCommands,
    @Inject(OBJECTION_REPAIR_SETTINGS) private readonly settings: ObjectionRepairSettings,
  ) {}

  async execute({ body, caller }: ApplyForRepairCommand): Promise<RepairView> {
    const repairId = uuidv7();
    const uscc = caller.principal.subject;
    if (!uscc) throw DomainError.forbidden('REPAIR.SUBJECT_ONLY', 'the subject applies for repair of its own records');
    await inRetriedTransaction(this.runtime, async (tx) => {
      const { state, version } = await this.repairs.load(repairId, tx);
      const record = await this.records.load(body.recordId, tx);
      const now = this.runtime.clock.now();
      const events = decideApply({ repairId, ...body, callerUscc: uscc }, state, now, {
        record: repairableRecordFacts(record, now),
        pendingRepairId: await pendingRepairOf(tx, body.recordId),
        calendar: defaultCalendar,
        policy: this.settings.repairs,
      });
      await this.repairs.append(tx, repairId, version, events, actorOf(caller));
    });
    return this.repairs.view(repairId);
  }
}

@CommandHandler(DecideRepairCommand)
export class DecideRepairHandler implements ICommandHandler<DecideRepairCommand> {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly repairs: RepairStore,
    private readonly records: RecordCommands,
  ) {}

  async execute({ repairId, body, caller }: DecideRepairCommand): Promise<RepairView> {
    assertDecider(caller, 'REPAIR.REGULATOR_DECIDES');
    const actor = actorOf(caller);
    await inRetriedTransaction(this.runtime, async (tx) => {
      const { state, version } = await this.repairs.load(repairId, tx);
      const events = decideDecision({ repairId, ...body, decidedBy: actor }, state, this.runtime.clock.now());
      if (events.length === 0 || state.status === 'none') return;
      if (body.outcome === 'approved') {
        // Publicity ends now (PRODUCT.md §3.3); RecordRepaired lets grades, lists and measures follow.
        const recordId = state.recordId;
        await this.records.execute(recordId, (record, at) => markRepaired({ recordId, repairId }, record, at), actor, tx);
      }
      await this.repairs.append(tx, repairId, version, events, actor);
    });
    return this.repairs.view(repairId);
  }
}

@QueryHandler(ListRepairsQuery)
export class ListRepairsHandler implements IQueryHandler<ListRepairsQuery> {
  constructor(private readonly runtime: ServiceRuntime) {}

  async execute({ filter, caller }: ListRepairsQuery): Promise<RepairView[]> {
    const params: unknown[] = [];
    const where = [scopeCondition(caller, params)];
    const add = (column: string, value: unknown) => {
      params.push(value);
      where.push(`${column} = $${params.length}`);
    };
    if (filter.uscc !== undefined) add('subject_uscc', filter.uscc);
    if (filter.recordId !== undefined) add('record_id', filter.recordId);
    if (filter.providerOrg !== undefined) add('provider_org', filter.providerOrg);
    if (filter.status !== undefined) add('status', filter.status);
    if (filter.overdue !== undefined) add('overdue', filter.overdue);
    const { rows } = await this.runtime.db.query<RepairRow>(
      `SELECT * FROM repairs WHERE ${where.join(' AND ')} ORDER BY applied_at DESC, repair_id LIMIT 500`,
      params,
    );
    return rows.map(repairView);
  }
}

@QueryHandler(GetRepairQuery)
export class GetRepairHandler implements IQueryHandler<GetRepairQuery> {
  constructor(private readonly runtime: ServiceRuntime) {}

  async execute({ repairId, caller }: GetRepairQuery): Promise<RepairView> {
    const row = await findRepairRow(this.runtime.db, repairId);
    if (!row || !visibleTo(row, caller)) throw DomainError.notFound('REPAIR.NOT_FOUND', `repair ${repairId} does not exist`);
    return repairView(row);
  }
}
