// Integration events that drive the process manager, applied in the consumer's inbox transaction: joint
// supervision's listing decisions and removals, and credit records' repairs (a listing whose every basis record is
// repaired releases its measures even before its removal arrives). Never a call into another service.
import {
  RECORD_EVENTS,
  SUPERVISION_EVENTS,
  type ListingDecidedV1,
  type ListingRemovedV1,
  type ListType,
  type RecordRepairedV1,
} from '@credit-share/contracts';
import type { Queryable } from '@credit-share/event-store';
import { ServiceRuntime, SYSTEM_ACTOR } from '@credit-share/messaging';
import { Injectable } from '@nestjs/common';
import { decideOnListingDecided, decideOnListingRemoved, decideOnRecordRepaired, type MeasureFact } from './enforcement';
import { EnforcementRunner } from './enforcement.process';

@Injectable()
export class EnforcementConsumer {
  constructor(runtime: ServiceRuntime, runner: EnforcementRunner) {
    runtime.consumers
      .on<ListingDecidedV1>(SUPERVISION_EVENTS.listingDecided, async (event, tx) => {
        const decision = event.data;
        if (decision.outcome !== 'listed') return;
        const measures = await measuresOfMemoranda(tx, decision.listType);
        await runner.inTransaction(
          tx,
          decision.listingId,
          (state) => decideOnListingDecided(decision, state, measures, runner.context()),
          SYSTEM_ACTOR,
        );
      })
      .on<ListingRemovedV1>(SUPERVISION_EVENTS.listingRemoved, async (event, tx) => {
        await runner.inTransaction(
          tx,
          event.data.listingId,
          (state) => decideOnListingRemoved(event.data, state, runner.context()),
          SYSTEM_ACTOR,
        );
      })
      .on<RecordRepairedV1>(RECORD_EVENTS.repaired, async (event, tx) => {
        const { rows } = await tx.query<{ listing_id: string }>(
          `SELECT listing_id FROM listing_basis_records WHERE record_id = $1 ORDER BY listing_id`,
          [event.data.recordId],
        );
        for (const { listing_id } of rows) {
          await runner.inTransaction(
            tx,
            listing_id,
            (state) =>
              decideOnRecordRepaired(
                { recordId: event.data.recordId, repairedAt: event.data.repairedAt },
                state,
                runner.context(),
              ),
            SYSTEM_ACTOR,
          );
        }
      });
  }
}

/** The measures of every memorandum for the list type, as they stand now, with their implementing organisations. */
export async function measuresOfMemoranda(runner: Queryable, listType: ListType): Promise<MeasureFact[]> {
  const { rows } = await runner.query<{ measure_id: string; version: number; implementing_org: string }>(
    `SELECT DISTINCT m.measure_id, m.version, m.implementing_org
       FROM memoranda mo JOIN measures m ON m.measure_id = ANY (mo.measure_ids)
      WHERE mo.list_type = $1
      ORDER BY m.implementing_org, m.measure_id`,
    [listType],
  );
  return rows.map((r) => ({ measureId: r.measure_id, measureVersion: r.version, org: r.implementing_org }));
}
