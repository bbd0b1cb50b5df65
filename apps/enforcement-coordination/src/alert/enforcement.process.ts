// Plumbing of the process manager (ARCHITECTURE.md: handlers are plumbing): read the listing's stream → fold → decide
// → append with the expected version, and in the same transaction apply the projection, the organisations' feeds
// (SSE and webhooks) and the durable deadline timers the events call for. Inputs that arrive inside a transaction of
// their own (a consumed message with its inbox row, a firing timer) are decided in that transaction; HTTP commands
// get one and are retried on a version conflict.
import type { AlertKind } from '@credit-share/contracts';
import { executeCommand, type Actor, type EventMetadata, type RecordedEvent, type Tx } from '@credit-share/event-store';
import { ServiceRuntime, SYSTEM_ACTOR, eventMetadata } from '@credit-share/messaging';
import type { Timer } from '@credit-share/scheduling';
import { Inject, Injectable } from '@nestjs/common';
import { recordFeed } from '../delivery/alert-feed.repository';
import { ENFORCEMENT_SETTINGS, type EnforcementSettings } from '../enforcement-settings';
import {
  decideDeadline,
  enforcementAggregate,
  enforcementStreamOf,
  timerCommandsOf,
  type Context,
  type EnforcementState,
} from './enforcement';
import type { DeadlineStage, EnforcementEvent } from './enforcement.events';
import { applyEnforcementEvents } from './enforcement.projection';

export const DEADLINE_TIMER = 'alert-deadline';

interface DeadlinePayload {
  listingId: string;
  kind: AlertKind;
  stage: DeadlineStage;
}

@Injectable()
export class EnforcementRunner {
  constructor(
    private readonly runtime: ServiceRuntime,
    @Inject(ENFORCEMENT_SETTINGS) private readonly settings: EnforcementSettings,
  ) {
    runtime.timers.on<DeadlinePayload>(DEADLINE_TIMER, async (timer: Timer<DeadlinePayload>, tx: Tx) => {
      const { listingId, kind, stage } = timer.payload;
      await this.inTransaction(tx, listingId, (state) => decideDeadline({ kind, stage }, state, this.now()), SYSTEM_ACTOR);
    });
  }

  now(): Date {
    return this.runtime.clock.now();
  }

  context(): Context {
    return { now: this.now(), calendar: this.settings.calendar, policy: this.settings.policy };
  }

  /** Decides inside the caller's transaction (a consumed message, a timer); a version conflict fails it for a retry. */
  async inTransaction(
    tx: Tx,
    listingId: string,
    decide: (state: EnforcementState) => EnforcementEvent[],
    actor: Actor,
  ): Promise<RecordedEvent[]> {
    const streamId = enforcementStreamOf(listingId);
    const history = await this.runtime.store.readStream(streamId, { runner: tx });
    const version = history.length === 0 ? 0 : history[history.length - 1]!.streamVersion;
    const state = history.reduce<EnforcementState>(
      (s, e) => enforcementAggregate.evolve(s, e as unknown as EnforcementEvent),
      enforcementAggregate.initialState,
    );
    const decided = decide(state);
    if (decided.length === 0) return [];
    const { events } = await this.runtime.store.append(streamId, version, decided, eventMetadata(actor), tx);
    await this.effects(tx, events);
    // The relay polls; waking it early only shortens the wait once the caller commits.
    setImmediate(() => this.runtime.store.notifyCommitted());
    return events;
  }

  /** An HTTP command: its own transaction, retried on a version conflict. */
  async command(
    listingId: string,
    decide: (state: EnforcementState) => EnforcementEvent[],
    actor: Actor,
  ): Promise<{ events: RecordedEvent[]; state: EnforcementState }> {
    const metadata: EventMetadata = eventMetadata(actor);
    const outcome = await executeCommand({
      store: this.runtime.store,
      db: this.runtime.db,
      streamId: enforcementStreamOf(listingId),
      aggregate: enforcementAggregate,
      decide,
      metadata,
      alongside: (tx, events) => this.effects(tx, events),
    });
    return { events: outcome.events, state: outcome.state };
  }

  private async effects(tx: Tx, events: RecordedEvent[]): Promise<void> {
    const alerts = await applyEnforcementEvents(events, tx);
    await recordFeed(tx, events, alerts);
    for (const command of timerCommandsOf(events as unknown as EnforcementEvent[])) {
      await this.runtime.timers.schedule(tx, {
        id: command.timerId,
        kind: DEADLINE_TIMER,
        dueAt: new Date(command.dueAt),
        payload: { listingId: command.listingId, kind: command.kind, stage: command.stage } satisfies DeadlinePayload,
      });
    }
  }
}
