// Webhook signatures: HMAC-SHA256 with the webhook's secret over `<timestamp>.<body>` (the Stripe/Standard Webhooks
// pattern), so a receiver can both authenticate the sender and refuse replays older than its tolerance.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_HEADERS = {
  deliveryId: 'x-credit-share-delivery',
  event: 'x-credit-share-event',
  timestamp: 'x-credit-share-timestamp',
  signature: 'x-credit-share-signature',
} as const;

/** `v1=<hex>` of HMAC-SHA256(secret, `${timestamp}.${body}`); timestamp in Unix seconds. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute and compare in constant time, within a tolerance for the timestamp. */
export function verifyWebhook(
  secret: string,
  headers: { timestamp: string; signature: string },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Delay before attempt n+1 after n failed attempts: base · 2^(n−1), capped. */
export function retryDelayMs(failedAttempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(failedAttempts - 1, 0), 30));
}
