// Plumbing only: read → fold → decide (with the facts looked up: the implementing organisation from the directory
// copy, the known measures) → append with the catalogue projection in the same transaction → retry on conflict.
import { ORGANIZATION_DIRECTORY, OrganizationDirectory } from '@credit-share/auth';
import { executeCommand, uuidv7, type Actor } from '@credit-share/event-store';
import { ServiceRuntime, eventMetadata } from '@credit-share/messaging';
import { Metrics, instrumentCommand } from '@credit-share/observability';
import { Inject, Injectable } from '@nestjs/common';
import { catalogueProjection, measureView, memorandumView, type MeasureRow, type MemorandumRow } from './catalogue.projection';
import { decideRegisterMeasure, measureAggregate, measureStreamOf, type RegisterMeasure } from './measure';
import { decideAdoptMemorandum, memorandumAggregate, memorandumStreamOf, type AdoptMemorandum } from './memorandum';

const SERVICE = 'enforcement-coordination';

@Injectable()
export class CatalogueHandlers {
  constructor(
    private readonly runtime: ServiceRuntime,
    @Inject(ORGANIZATION_DIRECTORY) private readonly directory: OrganizationDirectory,
    private readonly metrics: Metrics,
  ) {}

  registerMeasure(command: Omit<RegisterMeasure, 'measureId'> & { measureId?: string }, actor: Actor) {
    return instrumentCommand(this.metrics, SERVICE, 'RegisterMeasure', async () => {
      const measureId = command.measureId ?? `measure-${uuidv7()}`;
      const org = await this.directory.find(command.implementingOrg);
      const outcome = await executeCommand({
        store: this.runtime.store,
        db: this.runtime.db,
        streamId: measureStreamOf(measureId),
        aggregate: measureAggregate,
        decide: (state) =>
          decideRegisterMeasure({ ...command, measureId }, state, { type: org?.type ?? null, uscc: org?.uscc ?? null }),
        metadata: eventMetadata(actor),
        alongside: (tx, events) => catalogueProjection.apply(events, tx),
      });
      return { measure: (await this.measure(measureId))!, created: outcome.events.length > 0 };
    });
  }

  adoptMemorandum(command: Omit<AdoptMemorandum, 'memorandumId'> & { memorandumId?: string }, actor: Actor) {
    return instrumentCommand(this.metrics, SERVICE, 'AdoptMemorandum', async () => {
      const memorandumId = command.memorandumId ?? `memorandum-${uuidv7()}`;
      const { rows } = await this.runtime.db.query<{ measure_id: string }>(
        `SELECT measure_id FROM measures WHERE measure_id = ANY($1::text[])`,
        [command.measureIds],
      );
      const known = new Set(rows.map((r) => r.measure_id));
      const outcome = await executeCommand({
        store: this.runtime.store,
        db: this.runtime.db,
        streamId: memorandumStreamOf(memorandumId),
        aggregate: memorandumAggregate,
        decide: (state) => decideAdoptMemorandum({ ...command, memorandumId }, state, known),
        metadata: eventMetadata(actor),
        alongside: (tx, events) => catalogueProjection.apply(events, tx),
      });
      return { memorandum: (await this.memorandum(memorandumId))!, created: outcome.events.length > 0 };
    });
  }

  async measures(filter: { implementingOrg?: string } = {}) {
    const { rows } = await this.runtime.db.query<MeasureRow>(
      `SELECT * FROM measures WHERE ($1::text IS NULL OR implementing_org = $1) ORDER BY registered_at, measure_id`,
      [filter.implementingOrg ?? null],
    );
    return rows.map(measureView);
  }

  async measure(id: string) {
    const { rows } = await this.runtime.db.query<MeasureRow>(`SELECT * FROM measures WHERE measure_id = $1`, [id]);
    return rows[0] ? measureView(rows[0]) : null;
  }

  async memoranda(filter: { listType?: string } = {}) {
    const { rows } = await this.runtime.db.query<MemorandumRow>(
      `SELECT * FROM memoranda WHERE ($1::text IS NULL OR list_type = $1) ORDER BY adopted_at, memorandum_id`,
      [filter.listType ?? null],
    );
    return rows.map(memorandumView);
  }

  async memorandum(id: string) {
    const { rows } = await this.runtime.db.query<MemorandumRow>(`SELECT * FROM memoranda WHERE memorandum_id = $1`, [id]);
    return rows[0] ? memorandumView(rows[0]) : null;
  }
}
