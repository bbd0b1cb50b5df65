// Delivers the persistent webhook queue (webhook_deliveries): claims due rows with a lease (FOR UPDATE SKIP LOCKED,
// so replicas share the work), POSTs each outside any transaction, then records the attempt — delivered on 2xx,
// otherwise due again after an exponential backoff. A delivery is never dropped and keeps its delivery id across
// attempts, so a receiver deduplicates by it. Wakes on the feed's NOTIFY and at the earliest next attempt.
import { ServiceRuntime } from '@credit-share/messaging';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { ENFORCEMENT_SETTINGS, type EnforcementSettings } from '../enforcement-settings';
import { AlertFeedListener } from './alert-feed-listener.consumer';
import { WEBHOOK_HEADERS, retryDelayMs, signWebhook } from './webhook-signature';

interface ClaimedDelivery {
  delivery_id: string;
  webhook_id: string;
  org: string;
  seq: string;
  event: string;
  payload: unknown;
  attempts: number;
  url: string;
  secret: string;
}

const LEASE_MS = 60_000;
const MAX_SLEEP_MS = 5_000;

@Injectable()
export class WebhookDispatcher {
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly logger = new Logger('enforcement-coordination');
  private readonly onSignal = () => this.wake?.();

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly listener: AlertFeedListener,
    @Inject(ENFORCEMENT_SETTINGS) private readonly settings: EnforcementSettings,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.listener.signals.on('any', this.onSignal);
    void this.listener.ensureListening().catch((e) => this.logger.warn(`LISTEN: ${(e as Error).message}`));
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.listener.signals.off('any', this.onSignal);
    this.wake?.();
    await this.loop;
  }

  /** Attempts every delivery due now once; returns how many were attempted. Tests and tools drive it directly. */
  async deliverDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.claim(this.settings.webhooks.concurrency);
      if (claimed.length === 0) return total;
      await Promise.all(claimed.map((d) => this.attempt(d)));
      total += claimed.length;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.deliverDue();
        await this.sleep(await this.msUntilNext());
      } catch (error) {
        this.logger.warn(`webhooks: ${(error as Error).message}`);
        await this.sleep(1_000);
      }
    }
  }

  private async claim(limit: number): Promise<ClaimedDelivery[]> {
    const { rows } = await this.runtime.db.query<ClaimedDelivery>(
      `WITH due AS (
         SELECT delivery_id FROM webhook_deliveries
          WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
          ORDER BY next_attempt_at, seq LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE webhook_deliveries d SET lease_until = now() + make_interval(secs => $2::double precision / 1000),
              attempts = d.attempts + 1
         FROM due, webhooks w
        WHERE d.delivery_id = due.delivery_id AND w.webhook_id = d.webhook_id
       RETURNING d.delivery_id::text, d.webhook_id, d.org, d.seq::text, d.event, d.payload, d.attempts, w.url, w.secret`,
      [limit, LEASE_MS],
    );
    return rows;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const body = JSON.stringify({
      deliveryId: delivery.delivery_id,
      webhookId: delivery.webhook_id,
      org: delivery.org,
      seq: Number(delivery.seq),
      event: delivery.event,
      alert: delivery.payload,
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'credit-share-webhooks/1',
          [WEBHOOK_HEADERS.deliveryId]: delivery.delivery_id,
          [WEBHOOK_HEADERS.event]: delivery.event,
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signWebhook(delivery.secret, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.settings.webhooks.timeoutMs),
      });
      statusCode = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}`;
    } catch (e) {
      error = describe(e);
    }
    const durationMs = Math.round(performance.now() - started);
    const { retryBaseMs, maxDelayMs } = this.settings.webhooks;
    await this.runtime.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error, duration_ms) VALUES ($1, $2, now(), $3, $4, $5)`,
        [delivery.delivery_id, delivery.attempts, statusCode, error, durationMs],
      );
      if (error === null) {
        await tx.query(
          `UPDATE webhook_deliveries SET status = 'delivered', delivered_at = now(), lease_until = NULL, last_error = NULL
            WHERE delivery_id = $1`,
          [delivery.delivery_id],
        );
      } else {
        await tx.query(
          `UPDATE webhook_deliveries SET lease_until = NULL, last_error = $2,
                  next_attempt_at = now() + make_interval(secs => $3::double precision / 1000)
            WHERE delivery_id = $1`,
          [delivery.delivery_id, error.slice(0, 1_000), retryDelayMs(delivery.attempts, retryBaseMs, maxDelayMs)],
        );
      }
    });
  }

  private async msUntilNext(): Promise<number> {
    const { rows } = await this.runtime.db.query<{ ms: number | null }>(
      `SELECT GREATEST(0, EXTRACT(EPOCH FROM (min(GREATEST(next_attempt_at, COALESCE(lease_until, next_attempt_at))) - now())) * 1000)::float8 AS ms
         FROM webhook_deliveries WHERE status = 'pending'`,
    );
    const ms = rows[0]?.ms;
    return ms === null || ms === undefined ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, Math.ceil(ms));
  }

  private sleep(ms: number): Promise<void> {
    if (!this.running || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

function describe(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const cause = e.cause?.code ?? e.cause?.message;
  return `${e.name ?? 'Error'}: ${e.message ?? String(error)}${cause ? ` (${cause})` : ''}`;
}
