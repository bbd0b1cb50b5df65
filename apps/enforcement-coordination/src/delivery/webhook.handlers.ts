// Webhook registrations and their delivery log. A new webhook receives the organisation's feed from the moment it is
// registered (the entries recorded after it); its secret is stored for signing and never returned.
import { DomainError } from '@credit-share/contracts';
import { uuidv7, type Actor } from '@credit-share/event-store';
import { ServiceRuntime } from '@credit-share/messaging';
import { Injectable } from '@nestjs/common';

interface WebhookRow {
  webhook_id: string;
  org: string;
  url: string;
  created_by: string;
  created_at: Date;
}

const webhookView = (r: WebhookRow) => ({
  id: r.webhook_id,
  org: r.org,
  url: r.url,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});

@Injectable()
export class WebhookHandlers {
  constructor(private readonly runtime: ServiceRuntime) {}

  async register(body: { url: string; secret: string }, actor: Actor) {
    const { rows } = await this.runtime.db.query<WebhookRow>(
      `INSERT INTO webhooks (webhook_id, org, url, secret, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [`webhook-${uuidv7()}`, actor.org, body.url, body.secret, actor.user],
    );
    return webhookView(rows[0]!);
  }

  async list(org: string) {
    const { rows } = await this.runtime.db.query<WebhookRow>(`SELECT * FROM webhooks WHERE org = $1 ORDER BY created_at`, [org]);
    return rows.map(webhookView);
  }

  async deliveries(webhookId: string, org: string, page: { afterSeq: number; limit: number }) {
    const { rows: hooks } = await this.runtime.db.query<WebhookRow>(`SELECT * FROM webhooks WHERE webhook_id = $1`, [webhookId]);
    if (!hooks[0] || hooks[0].org !== org) throw DomainError.notFound('WEBHOOK.NOT_FOUND', `webhook "${webhookId}" not found`);
    const { rows } = await this.runtime.db.query<{
      delivery_id: string;
      seq: string;
      event: string;
      alert_id: string;
      status: string;
      attempts: number;
      next_attempt_at: Date;
      delivered_at: Date | null;
      last_error: string | null;
      history: { attempt: number; at: string; statusCode: number | null; error: string | null; durationMs: number }[];
    }>(
      `SELECT d.delivery_id::text, d.seq::text, d.event, d.payload->>'id' AS alert_id, d.status, d.attempts, d.next_attempt_at,
              d.delivered_at, d.last_error,
              COALESCE((SELECT jsonb_agg(jsonb_build_object('attempt', a.attempt, 'at', a.at, 'statusCode', a.status_code,
                         'error', a.error, 'durationMs', a.duration_ms) ORDER BY a.attempt)
                          FROM webhook_attempts a WHERE a.delivery_id = d.delivery_id), '[]'::jsonb) AS history
         FROM webhook_deliveries d WHERE d.webhook_id = $1 AND d.seq > $2 ORDER BY d.seq LIMIT $3`,
      [webhookId, page.afterSeq, page.limit],
    );
    return {
      webhookId,
      deliveries: rows.map((r) => ({
        deliveryId: r.delivery_id,
        seq: Number(r.seq),
        event: r.event,
        alertId: r.alert_id,
        status: r.status,
        attempts: r.history,
        nextAttemptAt: r.status === 'pending' ? r.next_attempt_at.toISOString() : null,
        deliveredAt: r.delivered_at?.toISOString() ?? null,
        lastError: r.last_error,
      })),
    };
  }
}
