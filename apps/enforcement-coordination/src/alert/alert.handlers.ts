// Plumbing for the enforcers' commands and the alert queries: find the alert's listing in the read model, let the
// process manager decide, return the alert as it now stands. Queries read the plain tables.
import { DomainError, PLATFORM_ORGANIZATION_ID, type AlertOutcome } from '@credit-share/contracts';
import type { Actor } from '@credit-share/event-store';
import { ServiceRuntime } from '@credit-share/messaging';
import { Metrics, instrumentCommand } from '@credit-share/observability';
import { Injectable } from '@nestjs/common';
import { decideAcknowledge, decideFeedback } from './enforcement';
import { EnforcementRunner } from './enforcement.process';
import { alertView, findAlert, type AlertRow } from './enforcement.projection';

const SERVICE = 'enforcement-coordination';

export interface AlertFilter {
  /** Only this organisation's alerts (always set for an enforcer: its own). */
  org?: string;
  status?: string;
  kind?: string;
  uscc?: string;
  listingId?: string;
  limit: number;
  /** Alert id to continue after (keyset pagination in issue order). */
  after?: string;
}

@Injectable()
export class AlertHandlers {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly runner: EnforcementRunner,
    private readonly metrics: Metrics,
  ) {}

  acknowledge(alertId: string, actor: Actor) {
    return instrumentCommand(this.metrics, SERVICE, 'AcknowledgeAlert', async () => {
      const row = await this.ownAlert(alertId, actor.org);
      await this.runner.command(
        row.listing_id,
        (state) => decideAcknowledge({ alertId, org: actor.org, user: actor.user }, state, this.runner.now()),
        actor,
      );
      return alertView((await findAlert(this.runtime.db, alertId))!);
    });
  }

  reportFeedback(alertId: string, feedback: { outcome: AlertOutcome; reason: string }, actor: Actor) {
    return instrumentCommand(this.metrics, SERVICE, 'ReportFeedback', async () => {
      const row = await this.ownAlert(alertId, actor.org);
      await this.runner.command(
        row.listing_id,
        (state) => decideFeedback({ alertId, org: actor.org, user: actor.user, ...feedback }, state, this.runner.now()),
        actor,
      );
      return alertView((await findAlert(this.runtime.db, alertId))!);
    });
  }

  async get(alertId: string, viewer: { org: string; all: boolean }) {
    const row = viewer.all ? await findAlert(this.runtime.db, alertId) : await this.ownAlert(alertId, viewer.org);
    if (!row) throw DomainError.notFound('ALERT.NOT_FOUND', `alert "${alertId}" not found`);
    return alertView(row);
  }

  async list(filter: AlertFilter) {
    const { rows } = await this.runtime.db.query<AlertRow>(
      `SELECT a.* FROM alerts a
        WHERE ($1::text IS NULL OR a.org = $1) AND ($2::text IS NULL OR a.status = $2) AND ($3::text IS NULL OR a.kind = $3)
          AND ($4::text IS NULL OR a.uscc = $4) AND ($5::text IS NULL OR a.listing_id = $5)
          AND ($6::text IS NULL OR (a.issued_at, a.alert_id) > (SELECT issued_at, alert_id FROM alerts WHERE alert_id = $6))
        ORDER BY a.issued_at, a.alert_id LIMIT $7`,
      [
        filter.org ?? null,
        filter.status ?? null,
        filter.kind ?? null,
        filter.uscc ?? null,
        filter.listingId ?? null,
        filter.after ?? null,
        filter.limit,
      ],
    );
    return rows.map(alertView);
  }

  /** Open, overdue and residual (unconfirmed release) counts per organisation, for the operator. */
  async sla() {
    const { rows } = await this.runtime.db.query<{
      org: string;
      open: string;
      acknowledged: string;
      overdue: string;
      closed: string;
      residual: string;
      escalated: string;
    }>(
      `SELECT org,
              count(*) FILTER (WHERE status = 'open')::text AS open,
              count(*) FILTER (WHERE status = 'acknowledged')::text AS acknowledged,
              count(*) FILTER (WHERE status = 'overdue')::text AS overdue,
              count(*) FILTER (WHERE status = 'closed')::text AS closed,
              count(*) FILTER (WHERE kind = 'release' AND status <> 'closed')::text AS residual,
              count(*) FILTER (WHERE cardinality(overdue_stages) > 0)::text AS escalated
         FROM alerts GROUP BY org ORDER BY org`,
    );
    return {
      organizations: rows.map((r) => ({
        org: r.org,
        open: Number(r.open),
        acknowledged: Number(r.acknowledged),
        overdue: Number(r.overdue),
        closed: Number(r.closed),
        residual: Number(r.residual),
        escalated: Number(r.escalated),
      })),
      escalatedTo: PLATFORM_ORGANIZATION_ID,
    };
  }

  /** The caller's own alert; another organisation's is "not found" (its existence is not the caller's business). */
  private async ownAlert(alertId: string, org: string): Promise<AlertRow> {
    const row = await findAlert(this.runtime.db, alertId);
    if (!row || row.org !== org) throw DomainError.notFound('ALERT.NOT_FOUND', `alert "${alertId}" not found`);
    return row;
  }
}
