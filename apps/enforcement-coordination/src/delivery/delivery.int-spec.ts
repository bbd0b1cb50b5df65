// Delivery of alerts over HTTP against a real PostgreSQL: the organisation's SSE stream resumes with Last-Event-ID
// and misses nothing across reconnects; webhooks are signed (HMAC-SHA256 over timestamp.body) and retried with
// backoff from a persistent queue, so a receiver that is down for a while still gets every alert, exactly once per
// delivery id, after it recovers; every attempt is visible.
import type { IntegrationEvent } from '@credit-share/contracts';
import { startTestApp, waitFor, type TestApp } from '@credit-share/testing';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnforcementCoordinationModule } from '../enforcement-coordination.module';
import { DEFAULT_ENFORCEMENT_SETTINGS } from '../enforcement-settings';
import { listingDecided, messageOf, organizationRegistered } from '../alert/integration-event.fixture';
import { openSse, type SseConnection } from './sse-client';
import { WEBHOOK_HEADERS, verifyWebhook } from './webhook-signature';

const ORGS = [
  { id: 'platform', name: '信用中心', type: 'platform_operator', uscc: '12440300MB2C00013E' },
  { id: 'sz-finance', name: '深圳市财政局', type: 'government_department', uscc: '11440300690000031L' },
  { id: 'sz-amr', name: '深圳市市场监督管理局', type: 'government_department', uscc: '11440300690000015X' },
] as const;
const SECRET = 'finance-webhook-secret-0123456789';

/** A real HTTP receiver on a fixed port that can be down (nothing listening) and come back. */
class Receiver {
  readonly received: { deliveryId: string; seq: number; alertId: string; signed: boolean }[] = [];
  private server: Server | undefined;
  constructor(readonly port: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/alerts`;
  }

  async up(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const parsed = JSON.parse(body) as { deliveryId: string; seq: number; alert: { id: string } };
        const signed = verifyWebhook(
          SECRET,
          {
            timestamp: String(req.headers[WEBHOOK_HEADERS.timestamp]),
            signature: String(req.headers[WEBHOOK_HEADERS.signature]),
          },
          body,
          Math.floor(Date.now() / 1000),
        );
        this.received.push({
          deliveryId: String(req.headers[WEBHOOK_HEADERS.deliveryId]),
          seq: parsed.seq,
          alertId: parsed.alert.id,
          signed,
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('alert delivery: SSE and webhooks (one service, real PostgreSQL)', () => {
  let t: TestApp;
  let receiver: Receiver;
  const tokens: Record<string, string> = {};
  const streams: SseConnection[] = [];
  let listings = 0;

  const deliver = (...events: IntegrationEvent[]) =>
    t
      .runtime('enforcement-coordination')
      .consumers.handle({ topic: messageOf(events[0]!).topic, partition: 0, messages: events.map(messageOf) });
  const post = async (path: string, token: string, body: unknown) =>
    fetch(`${t.url}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const get = async (path: string, token: string) =>
    fetch(`${t.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  const list = async (n: number) => {
    const events = Array.from({ length: n }, () => {
      listings++;
      return listingDecided({ listingId: `listing-${listings}`, uscc: `91440300MA5G${String(listings).padStart(5, '0')}X` });
    });
    await deliver(...events);
  };
  const stream = async (token: string, lastEventId?: number) => {
    const connection = await openSse(`${t.url}/api/v1/alerts/stream`, token, lastEventId);
    streams.push(connection);
    return connection;
  };
  const feedSize = async (org: string) =>
    Number(
      (
        await t
          .runtime('enforcement-coordination')
          .db.query<{ n: string }>(`SELECT count(*)::text AS n FROM alert_feed WHERE org = $1`, [org])
      ).rows[0]!.n,
    );

  beforeAll(async () => {
    receiver = new Receiver(await freePort());
    t = await startTestApp({
      modules: [
        EnforcementCoordinationModule.forRoot({
          serveDirectoryCopy: false,
          settings: {
            ...DEFAULT_ENFORCEMENT_SETTINGS,
            webhooks: { retryBaseMs: 50, maxDelayMs: 400, timeoutMs: 2_000, concurrency: 8 },
          },
        }),
      ],
    });
    await deliver(...ORGS.map((o) => organizationRegistered({ ...o })));
    tokens.operator = await t.token({ org: 'platform', roles: ['operator'] });
    tokens.finance = await t.token({ org: 'sz-finance', roles: ['enforcer'] });
    tokens.amr = await t.token({ org: 'sz-amr', roles: ['enforcer'] });
    for (const [id, org] of [
      ['exclusion', 'sz-finance'],
      ['licence', 'sz-amr'],
    ]) {
      const response = await post('/measures', tokens.operator, {
        id,
        content: `措施 ${id}`,
        target: '失信主体',
        legalBasis: '依据',
        implementingOrg: org,
      });
      expect(response.status).toBe(201);
    }
    expect(
      (await post('/memoranda', tokens.operator, { listType: 'serious_dishonesty', measureIds: ['exclusion', 'licence'] }))
        .status,
    ).toBe(201);
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await receiver?.down();
    await t?.close();
  });

  it('streams the organisation’s alerts as SSE, and a reconnect with Last-Event-ID misses nothing', async () => {
    const first = await stream(tokens.finance);
    expect(first.status).toBe(200);
    const amr = await stream(tokens.amr);
    await list(3);
    await waitFor(async () => first.events.length === 3 && amr.events.length === 3);
    expect(first.events.map((e) => [e.id, e.event])).toEqual([
      ['1', 'alert.issued'],
      ['2', 'alert.issued'],
      ['3', 'alert.issued'],
    ]);
    const alert = JSON.parse(first.events[0]!.data) as {
      seq: number;
      alert: { org: string; kind: string; status: string; dueAt: string };
    };
    expect(alert).toMatchObject({
      seq: 1,
      alert: { org: 'sz-finance', kind: 'apply', status: 'open', dueAt: expect.any(String) },
    });
    expect(amr.events.every((e) => (JSON.parse(e.data) as { alert: { org: string } }).alert.org === 'sz-amr')).toBe(true);

    first.close();
    await list(4); // while the finance client is away
    const again = await stream(tokens.finance, 3);
    await waitFor(async () => again.events.length === 4);
    await list(2); // live after the catch-up
    await waitFor(async () => again.events.length === 6);
    expect(again.events.map((e) => Number(e.id))).toEqual([4, 5, 6, 7, 8, 9]);
    const all = [...first.events, ...again.events].map((e) => (JSON.parse(e.data) as { alert: { id: string } }).alert.id);
    expect(new Set(all).size).toBe(9);
    expect(await feedSize('sz-finance')).toBe(9);

    const fromStart = await stream(tokens.finance);
    await waitFor(async () => fromStart.events.length === 9);
    expect(
      (
        await fetch(`${t.url}/api/v1/alerts/stream`, {
          headers: { authorization: `Bearer ${tokens.finance}`, 'last-event-id': 'abc' },
        })
      ).status,
    ).toBe(400);

    // Every state change of an alert reaches the stream — also one too large to travel inside its notification.
    const alertId = (JSON.parse(fromStart.events[0]!.data) as { alert: { id: string } }).alert.id;
    expect((await post(`/alerts/${alertId}/acknowledgement`, tokens.finance, {})).status).toBe(200);
    const reason = '𠮷'.repeat(1_900); // 1,900 characters, 7,600 bytes of UTF-8: more than a notification carries
    expect((await post(`/alerts/${alertId}/feedback`, tokens.finance, { outcome: 'applied', reason })).status).toBe(200);
    await waitFor(async () => fromStart.events.length === 11);
    expect(fromStart.events.slice(9).map((e) => [e.id, e.event])).toEqual([
      ['10', 'alert.acknowledged'],
      ['11', 'alert.closed'],
    ]);
    expect(JSON.parse(fromStart.events[10]!.data)).toMatchObject({ alert: { id: alertId, status: 'closed', reason } });
  });

  it('keeps the order under concurrent writers: every client sees 1..n without gaps', async () => {
    const client = await stream(tokens.amr, await feedSize('sz-amr'));
    const before = await feedSize('sz-amr');
    await Promise.all(Array.from({ length: 5 }, () => list(4)));
    await waitFor(async () => client.events.length === 20);
    expect(client.events.map((e) => Number(e.id))).toEqual(Array.from({ length: 20 }, (_, i) => before + i + 1));
    // Resuming from a single-digit id reads across 9 → 10 → … in numeric order, each once.
    const total = await feedSize('sz-amr');
    const late = await stream(tokens.amr, 5);
    await waitFor(async () => late.events.length === total - 5);
    expect(late.events.map((e) => Number(e.id))).toEqual(Array.from({ length: total - 5 }, (_, i) => i + 6));
  });

  it('delivers every alert to a webhook that was down for a while, exactly once per delivery id, signed', async () => {
    const registered = await post('/webhooks', tokens.finance, { url: receiver.url, secret: SECRET });
    expect(registered.status).toBe(201);
    const webhook = (await registered.json()) as { id: string; url: string; secret?: string };
    expect(webhook).toMatchObject({ url: receiver.url, org: 'sz-finance' });
    expect(webhook.secret).toBeUndefined();
    expect((await post('/webhooks', tokens.finance, { url: 'not a url', secret: 'short' })).status).toBe(400);

    const fromSeq = await feedSize('sz-finance');
    await list(12); // the receiver is down: nothing listens on its port
    const deliveries = async () =>
      (await (await get(`/webhooks/${webhook.id}/deliveries`, tokens.finance)).json()) as {
        deliveries: {
          deliveryId: string;
          seq: number;
          status: string;
          attempts: { statusCode: number | null; error: string | null }[];
        }[];
      };
    await waitFor(async () => (await deliveries()).deliveries.filter((d) => d.attempts.length >= 2).length === 12, {
      description: 'every delivery failed and was retried',
    });
    expect(receiver.received).toEqual([]);
    const failing = (await deliveries()).deliveries[0]!;
    expect(failing.status).toBe('pending');
    expect(failing.attempts[0]).toMatchObject({ statusCode: null, error: expect.stringContaining('fetch failed') });

    await receiver.up();
    await list(3); // and more while it recovers
    await waitFor(
      async () => (await deliveries()).deliveries.every((d) => d.status === 'delivered') && receiver.received.length >= 15,
      {
        timeoutMs: 20_000,
        description: 'every delivery to arrive after the receiver recovered',
      },
    );
    const { deliveries: all } = await deliveries();
    expect(all).toHaveLength(15);
    expect(all.map((d) => d.seq)).toEqual(Array.from({ length: 15 }, (_, i) => fromSeq + i + 1));
    const ids = receiver.received.map((r) => r.deliveryId);
    expect(new Set(ids).size).toBe(ids.length); // exactly once per delivery id
    expect(new Set(ids)).toEqual(new Set(all.map((d) => d.deliveryId)));
    expect(receiver.received.every((r) => r.signed)).toBe(true);
    expect(all.every((d) => d.attempts.at(-1)!.statusCode === 204)).toBe(true);

    expect((await get(`/webhooks/${webhook.id}/deliveries`, tokens.amr)).status).toBe(404); // another organisation's webhook
    expect((await get(`/webhooks`, tokens.finance)).status).toBe(200);
  });
});
