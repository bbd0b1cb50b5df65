// Enforcement coordination in the distributed mode (Kafka, services as processes): a listing decision produced on joint
// supervision's topic (contract-valid envelope; joint supervision does not publish yet) → alerts at two organisations
// on their SSE streams → feedback → removal → release alerts → confirmed. The organisations come from credit-records'
// directory over Kafka; enforcement-coordination's own events leave on its topic, contract-valid.
import { ContractRegistry, topicOf, type IntegrationEvent } from '@credit-share/contracts';
import { KafkaTransport } from '@credit-share/messaging';
import { TestCluster, waitFor } from '@credit-share/testing';
import { Kafka, logLevel } from 'kafkajs';
import {
  listingDecided,
  listingRemoved,
  messageOf,
} from '../../apps/enforcement-coordination/src/alert/integration-event.fixture';
import { openSse, type SseConnection } from '../../apps/enforcement-coordination/src/delivery/sse-client';
import { department, syntheticUscc } from './support';

interface Alert {
  id: string;
  org: string;
  kind: 'apply' | 'release';
  status: string;
  measureId: string;
}

describe('enforcement coordination across service processes (Kafka)', () => {
  let cluster: TestCluster;
  let supervision: KafkaTransport;
  const streams: SseConnection[] = [];

  beforeAll(async () => {
    cluster = await TestCluster.start({ services: ['credit-records', 'enforcement-coordination'] });
    supervision = new KafkaTransport({ brokers: cluster.brokers, clientId: 'e2e-joint-supervision' });
    await supervision.start();
    // start() connects in the background; publish refuses until it has.
    await waitFor(async () => (supervision as unknown as { started: boolean }).started, {
      timeoutMs: 60_000,
      description: 'the producer to connect',
    });
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await supervision?.stop();
    await cluster?.stop();
  });

  it('listing decided → alerts at two organisations → feedback → removal → release alerts → confirmed', async () => {
    const operator = await cluster.token({ org: 'platform', roles: ['operator'] });
    const enforcer = {
      'dept-1': await cluster.token({ org: 'dept-1', roles: ['enforcer'] }),
      'dept-2': await cluster.token({ org: 'dept-2', roles: ['enforcer'] }),
    };
    const enforcement = (method: string, path: string, token: string, body?: unknown) =>
      cluster.call('enforcement-coordination', method, `/api/v1${path}`, token, body);

    for (const n of [1, 2]) {
      expect((await cluster.call('credit-records', 'POST', '/api/v1/organizations', operator, department(n))).status).toBe(201);
    }
    await waitFor(
      async () => {
        const response = await enforcement('GET', '/organizations', operator);
        const rows = response.status === 200 ? ((await response.json()) as { id: string }[]) : [];
        return ['dept-1', 'dept-2'].every((id) => rows.some((r) => r.id === id));
      },
      { timeoutMs: 60_000, description: "both departments in enforcement-coordination's directory copy" },
    );

    for (const [id, org] of [
      ['procurement-exclusion', 'dept-1'],
      ['licence-review', 'dept-2'],
    ] as const) {
      const response = await enforcement('POST', '/measures', operator, {
        id,
        content: `措施 ${id}`,
        target: '失信主体',
        legalBasis: '《国务院关于建立完善守信联合激励和失信联合惩戒制度的指导意见》',
        implementingOrg: org,
      });
      expect(response.status).toBe(201);
    }
    expect(
      (
        await enforcement('POST', '/memoranda', operator, {
          listType: 'serious_dishonesty',
          measureIds: ['procurement-exclusion', 'licence-review'],
        })
      ).status,
    ).toBe(201);

    const url = `${cluster.service('enforcement-coordination').url}/api/v1/alerts/stream`;
    const sse = { 'dept-1': await openSse(url, enforcer['dept-1']), 'dept-2': await openSse(url, enforcer['dept-2']) };
    streams.push(...Object.values(sse));
    expect(sse['dept-1'].status).toBe(200);

    const uscc = syntheticUscc(4242);
    const decision = listingDecided({ listingId: 'listing-e2e-1', uscc, decidedBy: 'dept-2' });
    await supervision.publish([messageOf(decision)]);
    await supervision.publish([messageOf(decision)]); // a duplicate from the producer: still one alert each

    const alertsOf = async (org: 'dept-1' | 'dept-2') =>
      (await (await enforcement('GET', '/alerts', enforcer[org])).json()) as Alert[];
    for (const org of ['dept-1', 'dept-2'] as const) {
      await waitFor(async () => sse[org].events.length >= 1, { timeoutMs: 60_000, description: `the alert on ${org}'s stream` });
      const [issued] = sse[org].events;
      expect(issued).toMatchObject({ id: '1', event: 'alert.issued' });
      expect(JSON.parse(issued!.data)).toMatchObject({
        alert: { org, uscc, kind: 'apply', status: 'open', listingId: 'listing-e2e-1' },
      });
      const [alert] = await alertsOf(org);
      expect((await enforcement('POST', `/alerts/${alert!.id}/acknowledgement`, enforcer[org])).status).toBe(200);
      const feedback = await enforcement('POST', `/alerts/${alert!.id}/feedback`, enforcer[org], {
        outcome: 'applied',
        reason: '已依法实施',
      });
      expect(await feedback.json()).toMatchObject({ status: 'closed', outcome: 'applied' });
    }
    expect((await alertsOf('dept-1')).length).toBe(1);

    await supervision.publish([
      messageOf(listingRemoved({ listingId: 'listing-e2e-1', uscc, cause: 'expired', reason: '有效期届满' })),
    ]);
    for (const org of ['dept-1', 'dept-2'] as const) {
      const release = await waitFor(
        async () =>
          sse[org].events.map((e) => JSON.parse(e.data) as { alert: Alert }).find((e) => e.alert.kind === 'release')?.alert,
        { timeoutMs: 60_000, description: `the release alert on ${org}'s stream` },
      );
      expect(release).toMatchObject({ org, status: 'open' });
    }
    const residual = await enforcement('GET', `/checks/${uscc}?purpose=enforcement`, enforcer['dept-1']);
    expect(await residual.json()).toMatchObject({ restricted: true, residualRestrictions: [{ listingId: 'listing-e2e-1' }] });
    for (const org of ['dept-1', 'dept-2'] as const) {
      const release = (await alertsOf(org)).find((a) => a.kind === 'release')!;
      expect((await enforcement('POST', `/alerts/${release.id}/acknowledgement`, enforcer[org])).status).toBe(200);
      const confirmed = await enforcement('POST', `/alerts/${release.id}/feedback`, enforcer[org], {
        outcome: 'applied',
        reason: '已解除',
      });
      expect(await confirmed.json()).toMatchObject({ status: 'closed', kind: 'release' });
    }
    const clear = await enforcement('GET', `/checks/${uscc}?purpose=enforcement`, enforcer['dept-1']);
    expect(await clear.json()).toMatchObject({ restricted: false, measuresInForce: [], residualRestrictions: [] });

    // What enforcement-coordination published on its topic: every alert state change, contract-valid.
    const contracts = new ContractRegistry();
    const kafka = new Kafka({ clientId: 'e2e-reader', brokers: cluster.brokers, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `e2e-reader-${Date.now()}` });
    const seen: IntegrationEvent[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topicOf('enforcement-coordination')], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => void seen.push(JSON.parse(message.value!.toString()) as IntegrationEvent),
      });
      await waitFor(
        async () => seen.filter((e) => e.type === 'AlertClosed').length >= 4 && seen.some((e) => e.type === 'CheckLogged'),
        {
          timeoutMs: 60_000,
          description: 'the alert events on the enforcement topic',
        },
      );
    } finally {
      await consumer.disconnect();
    }
    for (const event of seen) expect([event.type, contracts.validate(event)]).toEqual([event.type, []]);
    const alertEvents = seen.filter((e) => e.type.startsWith('Alert')).map((e) => [e.type, (e.data as { kind: string }).kind]);
    expect(alertEvents.filter(([t]) => t === 'AlertIssued')).toHaveLength(4);
    expect(alertEvents.filter(([t]) => t === 'AlertAcknowledged')).toHaveLength(4);
    expect(seen.every((e) => e.subject === uscc || e.type === 'MeasureRegistered' || e.type === 'MemorandumAdopted')).toBe(true);
  });
});
