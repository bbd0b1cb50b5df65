// Plumbing of lists with due process: read → fold → decide → append, with the listings row, the subject's grading
// facts, the regrade and the expiry timer in the same transaction. Removal on repair runs inside the consumer's
// transaction of the RecordRepaired that completed it; removal on expiry inside the expiry timer's.
import { DomainError, defaultCalendar, type ListType } from '@credit-share/contracts';
import { uuidv7, type Actor, type Queryable, type RecordedEvent, type Tx } from '@credit-share/event-store';
import { SYSTEM_ACTOR, ServiceRuntime, eventMetadata } from '@credit-share/messaging';
import { Injectable } from '@nestjs/common';
import { decideInTransaction, decideNow } from '../decide-in-transaction.handlers';
import { GradingService } from '../grading/grading.handlers';
import { foldFacts, inPublicity } from '../grading/grading';
import { factsOf, recordSubjects } from '../grading/subject-facts.repository';
import {
  decideDecision,
  decidePropose,
  decideRemoval,
  decideWaive,
  listingAggregate,
  streamIdOf,
  type BasisRecord,
  type DecideListing,
  type ListingState,
  type ProposeListing,
  type RemoveListing,
} from './listing';
import type { ListingEvent } from './listing.events';
import { applyListingEvent, listingView, type ListingRow } from './listing.projection';

export const LISTING_EXPIRY_TIMER = 'supervision.listing-expiry';

@Injectable()
export class ListingService {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly grading: GradingService,
  ) {
    runtime.timers.on<{ listingId: string }>(LISTING_EXPIRY_TIMER, (timer, tx) =>
      this.inTx(tx, timer.payload.listingId, SYSTEM_ACTOR, (s, now) => decideRemoval({ cause: 'expired' }, s, now)),
    );
  }

  /** What this service knows now of the records named as basis (and of the subject's own records). */
  async basisOf(runner: Queryable, uscc: string, recordIds: readonly string[], now: Date): Promise<Map<string, BasisRecord>> {
    const state = foldFacts(await factsOf(runner, uscc), now.getTime());
    const basis = new Map<string, BasisRecord>();
    for (const r of state.records.values()) {
      basis.set(r.recordId, {
        recordId: r.recordId,
        uscc,
        kind: r.kind,
        severity: r.severity,
        providerOrg: r.providerOrg,
        inPublicity: inPublicity(r, now.getTime()),
        ended: r.ended?.cause ?? null,
      });
    }
    const others = recordIds.filter((id) => !basis.has(id));
    if (others.length > 0) {
      for (const [recordId, owner] of await recordSubjects(runner, others)) {
        basis.set(recordId, {
          recordId,
          uscc: owner,
          kind: '',
          severity: null,
          providerOrg: null,
          inPublicity: false,
          ended: null,
        });
      }
    }
    return basis;
  }

  async propose(command: Omit<ProposeListing, 'listingId' | 'proposedBy'> & { listingId?: string }, actor: Actor) {
    const now = this.runtime.clock.now();
    const listingId = command.listingId ?? uuidv7();
    const basis = await this.basisOf(this.runtime.db, command.uscc, command.basisRecordIds, now);
    const { events } = await decideNow(this.runtime.store, this.runtime.db, {
      streamId: streamIdOf(listingId),
      aggregate: listingAggregate,
      decide: (s) => decidePropose({ ...command, listingId, proposedBy: actor.org }, s, now, basis, defaultCalendar),
      metadata: eventMetadata(actor),
      now,
      alongside: (tx, recorded) => this.project(tx, recorded, now),
    });
    return { created: events.length > 0, listing: await this.view(listingId) };
  }

  waive(listingId: string, callerUscc: string, actor: Actor) {
    return this.now(listingId, actor, (s, now) => decideWaive(s, callerUscc, now));
  }

  async decide(listingId: string, command: DecideListing, actor: Actor) {
    const current = await this.find(listingId);
    return this.now(listingId, actor, (s, now, basis) => decideDecision(command, s, now, basis), current?.uscc);
  }

  async remove(listingId: string, command: RemoveListing, actor: Actor) {
    return this.now(listingId, actor, (s, now) => decideRemoval(command, s, now));
  }

  /** A basis record was repaired: entries in force whose every basis record is now repaired are removed. */
  async onRecordRepaired(tx: Tx, recordId: string): Promise<void> {
    const { rows } = await tx.query<{ listing_id: string }>(
      `SELECT listing_id FROM listings WHERE status = 'listed' AND basis_record_ids @> ARRAY[$1]::text[] ORDER BY listing_id`,
      [recordId],
    );
    for (const { listing_id } of rows) {
      await this.inTx(tx, listing_id, SYSTEM_ACTOR, (s, now, basis) => decideRemoval({ cause: 'repaired' }, s, now, basis));
    }
  }

  private async now(
    listingId: string,
    actor: Actor,
    decide: (s: ListingState, now: Date, basis: Map<string, BasisRecord>) => ListingEvent[],
    uscc?: string,
  ) {
    const now = this.runtime.clock.now();
    const row = await this.find(listingId);
    if (!row) throw DomainError.notFound('LISTING.NOT_FOUND', `no listing ${listingId}`);
    const basis = await this.basisOf(this.runtime.db, uscc ?? row.uscc, row.basis_record_ids, now);
    const { events } = await decideNow(this.runtime.store, this.runtime.db, {
      streamId: streamIdOf(listingId),
      aggregate: listingAggregate,
      decide: (s) => decide(s, now, basis),
      metadata: eventMetadata(actor),
      now,
      alongside: (tx, recorded) => this.project(tx, recorded, now),
    });
    return { changed: events.length > 0, listing: await this.view(listingId) };
  }

  private async inTx(
    tx: Tx,
    listingId: string,
    actor: Actor,
    decide: (s: ListingState, now: Date, basis: Map<string, BasisRecord>) => ListingEvent[],
  ): Promise<void> {
    const now = this.runtime.clock.now();
    const row = await this.find(listingId, tx);
    if (!row) return;
    const basis = await this.basisOf(tx, row.uscc, row.basis_record_ids, now);
    await decideInTransaction(this.runtime.store, tx, {
      streamId: streamIdOf(listingId),
      aggregate: listingAggregate,
      decide: (s) => decide(s, now, basis),
      metadata: eventMetadata(actor),
      now,
      alongside: (t, recorded) => this.project(t, recorded, now),
    });
  }

  /** The read model (which is also the grading fold's listing facts), the expiry timer, and the regrade. */
  private async project(tx: Tx, recorded: RecordedEvent[], now: Date): Promise<void> {
    for (const e of recorded) {
      await applyListingEvent(tx, e);
      const event = e as unknown as ListingEvent;
      if (event.type === 'ListingDecided' && event.data.outcome === 'listed') {
        const { listingId, uscc, effectiveUntil } = event.data;
        await this.runtime.timers.schedule(tx, {
          id: `listing-expiry:${listingId}`,
          kind: LISTING_EXPIRY_TIMER,
          dueAt: new Date(effectiveUntil!),
          payload: { listingId },
        });
        await this.grading.regrade(tx, uscc, now);
      } else if (event.type === 'ListingRemoved') {
        await this.runtime.timers.cancel(tx, `listing-expiry:${event.data.listingId}`);
        await this.grading.regrade(tx, event.data.uscc, now);
      }
    }
  }

  async find(listingId: string, runner: Queryable = this.runtime.db): Promise<ListingRow | null> {
    const { rows } = await runner.query<ListingRow>(`SELECT * FROM listings WHERE listing_id = $1`, [listingId]);
    return rows[0] ?? null;
  }

  async view(listingId: string) {
    const row = await this.find(listingId);
    if (!row) throw DomainError.notFound('LISTING.NOT_FOUND', `no listing ${listingId}`);
    return listingView(row);
  }

  async list(listType: ListType) {
    const { rows } = await this.runtime.db.query<ListingRow>(
      `SELECT * FROM listings WHERE list_type = $1 AND status = 'listed' ORDER BY decided_at, listing_id`,
      [listType],
    );
    return rows.map(listingView);
  }
}
