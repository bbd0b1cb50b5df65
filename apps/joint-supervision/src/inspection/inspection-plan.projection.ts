// Published plans and their results, from this service's own events; rebuildable from the store.
import type { Projection, RecordedEvent, Tx } from '@credit-share/event-store';
import type { InspectionPlanEvent } from './inspection-plan.events';

export const inspectionPlansProjection: Projection = {
  name: 'inspection-plans',
  tables: ['inspection_plans'],
  handles: ['InspectionPlanPublished', 'InspectionResultReported'],
  async apply(events: readonly RecordedEvent[], tx: Tx) {
    for (const e of events) {
      const event = e as unknown as InspectionPlanEvent;
      if (event.type === 'InspectionPlanPublished') {
        const d = event.data;
        await tx.query(
          `INSERT INTO inspection_plans (plan_id, organizer, seed, sampling_rates, rule_set_version, subjects, published_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            d.planId,
            d.organizer,
            d.seed,
            JSON.stringify(d.samplingRates),
            d.ruleSetVersion,
            JSON.stringify(d.subjects),
            d.publishedAt,
          ],
        );
      } else {
        const d = event.data;
        await tx.query(
          `UPDATE inspection_plans SET results = results || jsonb_build_object($2::text, $3::jsonb) WHERE plan_id = $1`,
          [d.planId, d.uscc, JSON.stringify(d)],
        );
      }
    }
  },
};
