// Plumbing of objections: the objection's stream and the record's (markDisputed / clearDisputed / withdraw /
// correct through RecordCommands) change in one transaction, so the record is disputed exactly while an objection is
// pending; the deadline is a durable timer set and cancelled in the same transaction (libs/scheduling).
import { ORGANIZATION_DIRECTORY, OrganizationDirectory, actorOf, type Caller } from '@credit-share/auth';
import { DomainError, defaultCalendar, type ObjectionGround } from '@credit-share/contracts';
import { uuidv7, type Actor, type Tx } from '@credit-share/event-store';
import { ServiceRuntime, SYSTEM_ACTOR, eventMetadata } from '@credit-share/messaging';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Command, CommandHandler, IQueryHandler, Query, QueryHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CatalogueReader } from '../catalogue/catalogue.repository';
import { clearDisputed, decideCorrect, decideWithdraw, markDisputed, statusAt, type RecordState } from '../record/record';
import { RecordCommands, type RecordDecision } from '../record/record.handlers';
import { validateSubmission } from '../record/record-submission';
import { IdentifierExceptionsReader } from '../subject/identifier-exceptions.repository';
import {
  decideDecision,
  decideFile,
  decideOverdue,
  objectionAggregate,
  objectionStreamId,
  type DisputedRecordFacts,
  type ObjectionState,
} from './objection';
import { OBJECTION_REPAIR_SETTINGS, type ObjectionRepairSettings } from './objection-repair.config';
import { assertDecider, inRetriedTransaction, loadStream } from './objection-repair.transaction';
import { objectionView, type ListObjectionsQueryDto, type ObjectionView } from './objection.dto';
import type { ObjectionEvent } from './objection.events';
import { findObjectionRow, objectionsProjection, type ObjectionRow } from './objection.projection';

export const OBJECTION_OVERDUE_TIMER = 'objection-overdue';

export function objectionTimerId(objectionId: string): string {
  return `objection-overdue:${objectionId}`;
}

/** What an objection needs of the record, as the record stands at `now`. */
export function disputedRecordFacts(state: RecordState, now: Date): DisputedRecordFacts | null {
  if (state.status === 'none') return null;
  const status = statusAt(state, now);
  return {
    recordId: state.recordId,
    version: state.current.version,
    providerOrg: state.providerOrg,
    subject: state.subject.category === 'natural_person' ? null : { uscc: state.subject.uscc, name: state.subject.name },
    status: status === 'none' ? 'published' : status,
    disputed: state.disputes.length > 0,
  };
}

export class FileObjectionCommand extends Command<ObjectionView> {
  constructor(
    readonly body: { recordId: string; ground: ObjectionGround; statement: string },
    readonly caller: Caller,
  ) {
    super();
  }
}

export class DecideObjectionCommand extends Command<ObjectionView> {
  constructor(
    readonly objectionId: string,
    readonly body: {
      outcome: 'upheld' | 'rejected';
      resolution?: 'corrected' | 'withdrawn';
      reason: string;
      correction?: Record<string, unknown>;
    },
    readonly caller: Caller,
  ) {
    super();
  }
}

export class ListObjectionsQuery extends Query<ObjectionView[]> {
  constructor(
    readonly filter: ListObjectionsQueryDto,
    readonly caller: Caller,
  ) {
    super();
  }
}

export class GetObjectionQuery extends Query<ObjectionView> {
  constructor(
    readonly objectionId: string,
    readonly caller: Caller,
  ) {
    super();
  }
}

/** Applies objection events to the stream and the read model inside the caller's transaction. */
@Injectable()
export class ObjectionStore implements OnModuleInit {
  private readonly projection = objectionsProjection();

  constructor(private readonly runtime: ServiceRuntime) {}

  onModuleInit(): void {
    // The deadline passed: raise ObjectionOverdue unless the provider decided in time (decideOverdue is a no-op then).
    this.runtime.timers.on<{ objectionId: string }>(OBJECTION_OVERDUE_TIMER, async (timer, tx) => {
      const { state, version } = await this.load(timer.payload.objectionId, tx);
      await this.append(tx, timer.payload.objectionId, version, decideOverdue(state, this.runtime.clock.now()), SYSTEM_ACTOR);
    });
  }

  load(objectionId: string, tx?: Tx): Promise<{ state: ObjectionState; version: number }> {
    return loadStream(this.runtime, objectionStreamId(objectionId), objectionAggregate, tx);
  }

  async append(tx: Tx, objectionId: string, version: number, events: ObjectionEvent[], actor: Actor): Promise<void> {
    if (events.length === 0) return;
    const recorded = await this.runtime.store.append(objectionStreamId(objectionId), version, events, eventMetadata(actor), tx);
    await this.projection.apply(recorded.events, tx);
    for (const event of events) {
      if (event.type === 'ObjectionFiled') {
        await this.runtime.timers.schedule(tx, {
          id: objectionTimerId(objectionId),
          kind: OBJECTION_OVERDUE_TIMER,
          // One millisecond after the deadline (23:59:59.999 CST of its last working day): overdue from then on.
          dueAt: new Date(Date.parse(event.data.dueAt) + 1),
          payload: { objectionId },
        });
      } else if (event.type === 'ObjectionDecided') {
        await this.runtime.timers.cancel(tx, objectionTimerId(objectionId));
      }
    }
  }

  async view(objectionId: string): Promise<ObjectionView> {
    const row = await findObjectionRow(this.runtime.db, objectionId);
    if (!row) throw DomainError.notFound('OBJECTION.NOT_FOUND', `objection ${objectionId} does not exist`);
    return objectionView(row);
  }
}

@CommandHandler(FileObjectionCommand)
export class FileObjectionHandler implements ICommandHandler<FileObjectionCommand> {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly objections: ObjectionStore,
    private readonly records: RecordCommands,
    @Inject(OBJECTION_REPAIR_SETTINGS) private readonly settings: ObjectionRepairSettings,
  ) {}

  async execute({ body, caller }: FileObjectionCommand): Promise<ObjectionView> {
    const objectionId = uuidv7();
    // A subject token files for itself; the operator files on the subject's behalf (PRODUCT.md §3.3).
    const asSubject = caller.roles.includes('subject') && !caller.roles.includes('operator');
    const command = {
      objectionId,
      recordId: body.recordId,
      ground: body.ground,
      statement: body.statement,
      filedBy: asSubject ? ('subject' as const) : ('operator' as const),
      callerUscc: asSubject ? caller.principal.subject : undefined,
    };
    await inRetriedTransaction(this.runtime, async (tx) => {
      const objection = await this.objections.load(objectionId, tx);
      let filed: ObjectionEvent[] = [];
      // The objection is decided against exactly the record version the dispute flag is appended to.
      await this.records.execute(
        body.recordId,
        (record, now) => {
          filed = decideFile(command, objection.state, now, {
            record: disputedRecordFacts(record, now),
            calendar: defaultCalendar,
            policy: this.settings.objections,
          });
          return filed.length > 0 ? markDisputed({ recordId: body.recordId, objectionId }, record, now) : [];
        },
        actorOf(caller),
        tx,
      );
      await this.objections.append(tx, objectionId, objection.version, filed, actorOf(caller));
    });
    return this.objections.view(objectionId);
  }
}

@CommandHandler(DecideObjectionCommand)
export class DecideObjectionHandler implements ICommandHandler<DecideObjectionCommand> {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly objections: ObjectionStore,
    private readonly records: RecordCommands,
    @Inject(ORGANIZATION_DIRECTORY) private readonly directory: OrganizationDirectory,
    private readonly catalogue: CatalogueReader,
    private readonly exceptions: IdentifierExceptionsReader,
  ) {}

  async execute({ objectionId, body, caller }: DecideObjectionCommand): Promise<ObjectionView> {
    assertDecider(caller, 'OBJECTION.REGULATOR_DECIDES');
    const actor = actorOf(caller);
    await inRetriedTransaction(this.runtime, async (tx) => {
      const { state, version } = await this.objections.load(objectionId, tx);
      const now = this.runtime.clock.now();
      const decided = decideDecision(
        {
          objectionId,
          outcome: body.outcome,
          resolution: body.resolution,
          hasCorrection: body.correction !== undefined,
          reason: body.reason,
          decidedBy: actor,
        },
        state,
        now,
      );
      if (decided.length === 0 || state.status === 'none') return;
      const recordId = state.recordId;
      // The dispute ends first, so the record's withdrawal or corrected version goes out no longer disputed.
      await this.records.execute(recordId, (record, at) => clearDisputed({ recordId, objectionId }, record, at), actor, tx);
      if (body.outcome === 'upheld' && body.resolution === 'withdrawn') {
        await this.records.execute(
          recordId,
          (record, at) =>
            decideWithdraw({ recordId, providerOrg: state.providerOrg, reason: body.reason, objectionId }, record, at),
          actor,
          tx,
        );
      } else if (body.outcome === 'upheld' && body.resolution === 'corrected') {
        const correct = await this.correction(recordId, state.providerOrg, body.correction ?? {}, body.reason, now);
        await this.records.execute(recordId, correct, actor, tx);
      }
      await this.objections.append(tx, objectionId, version, decided, actor);
    });
    return this.objections.view(objectionId);
  }

  /** The corrected fields, validated exactly like a provider's correction (POST /records/{id}/corrections). */
  private async correction(
    recordId: string,
    providerOrg: string,
    submission: Record<string, unknown>,
    reason: string,
    now: Date,
  ): Promise<RecordDecision> {
    const provider = await this.directory.find(providerOrg);
    if (!provider) throw DomainError.notFound('ORGANIZATION.NOT_FOUND', `organisation "${providerOrg}" is not registered`);
    const [catalogue, allowList] = await Promise.all([this.catalogue.inForce(now), this.exceptions.allowList()]);
    const result = validateSubmission(submission, { catalogue, provider, allowList, now });
    if (!result.ok) {
      throw DomainError.validation(
        'OBJECTION.INVALID_DECISION',
        'the corrected record has invalid fields',
        result.errors.map((e) => ({ ...e, field: e.field ? `correction.${e.field}` : 'correction' })),
      );
    }
    const valid = result.submission;
    if (valid.subject.category === 'natural_person') {
      throw DomainError.validation('OBJECTION.INVALID_DECISION', 'a correction cannot change whom the record is about', [
        { field: 'correction.subject', code: 'NOT_ALLOWED', message: 'the subject of a record cannot be corrected' },
      ]);
    }
    const subjectKey = valid.subject.uscc;
    return (record, at) =>
      decideCorrect(
        {
          recordId,
          providerOrg,
          reason,
          subjectKey,
          subjectName: valid.subject.name,
          kind: valid.kind,
          severity: valid.severity,
          details: valid.details,
        },
        record,
        at,
      );
  }
}

/**
 * Who sees which objections: the operator all of them; a provider's staff (provider, regulator) those against their
 * organisation's records; a subject those about its own USCC.
 */
function scopeOf(caller: Caller): { all: true } | { providerOrg?: string; uscc?: string } {
  if (caller.roles.includes('operator')) return { all: true };
  const scope: { providerOrg?: string; uscc?: string } = {};
  if (caller.roles.includes('provider') || caller.roles.includes('regulator')) scope.providerOrg = caller.principal.org;
  if (caller.roles.includes('subject') && caller.principal.subject) scope.uscc = caller.principal.subject;
  return scope;
}

export function visibleTo(row: { provider_org: string; subject_uscc: string }, caller: Caller): boolean {
  const scope = scopeOf(caller);
  if ('all' in scope) return true;
  return scope.providerOrg === row.provider_org || scope.uscc === row.subject_uscc;
}

/** SQL condition and parameters restricting a list to what the caller may see (shared with repairs). */
export function scopeCondition(caller: Caller, params: unknown[]): string {
  const scope = scopeOf(caller);
  if ('all' in scope) return 'true';
  const parts: string[] = [];
  if (scope.providerOrg) {
    params.push(scope.providerOrg);
    parts.push(`provider_org = $${params.length}`);
  }
  if (scope.uscc) {
    params.push(scope.uscc);
    parts.push(`subject_uscc = $${params.length}`);
  }
  return parts.length === 0 ? 'false' : `(${parts.join(' OR ')})`;
}

@QueryHandler(ListObjectionsQuery)
export class ListObjectionsHandler implements IQueryHandler<ListObjectionsQuery> {
  constructor(private readonly runtime: ServiceRuntime) {}

  async execute({ filter, caller }: ListObjectionsQuery): Promise<ObjectionView[]> {
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
    const { rows } = await this.runtime.db.query<ObjectionRow>(
      `SELECT * FROM objections WHERE ${where.join(' AND ')} ORDER BY filed_at DESC, objection_id LIMIT 500`,
      params,
    );
    return rows.map(objectionView);
  }
}

@QueryHandler(GetObjectionQuery)
export class GetObjectionHandler implements IQueryHandler<GetObjectionQuery> {
  constructor(private readonly runtime: ServiceRuntime) {}

  async execute({ objectionId, caller }: GetObjectionQuery): Promise<ObjectionView> {
    const row = await findObjectionRow(this.runtime.db, objectionId);
    // Another party's objection is reported as not found: its existence is nobody else's business.
    if (!row || !visibleTo(row, caller)) {
      throw DomainError.notFound('OBJECTION.NOT_FOUND', `objection ${objectionId} does not exist`);
    }
    return objectionView(row);
  }
}
