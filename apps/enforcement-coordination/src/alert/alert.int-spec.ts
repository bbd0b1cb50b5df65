// Enforcement coordination as one service over HTTP, against a real PostgreSQL, fed contract-valid integration events
// through its consumer host (as the transport delivers them): measures and memoranda, alerts on a listing decision
// (once, whatever is replayed), acknowledgement and feedback, overdue escalation by durable timers on the working-day
// calendar, the release cascade with its residual restriction, the embedded check (logged, fail-closed) and the SLA view.
import { ContractRegistry, type IntegrationEvent } from '@credit-share/contracts';
import { rebuildProjection } from '@credit-share/event-store';
import { FixedClock, startTestApp, waitFor, type TestApp } from '@credit-share/testing';
import { toTransportMessage } from '@credit-share/messaging';
import { publish } from '../publish';
import { EnforcementCoordinationModule, enforcementCoordinationProjections } from '../enforcement-coordination.module';
import { DEFAULT_ENFORCEMENT_SETTINGS } from '../enforcement-settings';
import { listingDecided, listingRemoved, messageOf, organizationRegistered, recordRepaired } from './integration-event.fixture';

const SUBJECT = '91440300MA5G00001X';
const OTHER_SUBJECT = '91440300MA5G00002X';
const ORGS = [
  { id: 'platform', name: '信用中心', type: 'platform_operator', uscc: '12440300MB2C00013E' },
  { id: 'sz-finance', name: '深圳市财政局', type: 'government_department', uscc: '11440300690000031L' },
  { id: 'sz-amr', name: '深圳市市场监督管理局', type: 'government_department', uscc: '11440300690000015X' },
  { id: 'sz-court', name: '深圳市中级人民法院', type: 'government_department', uscc: '11440300690000023Q' },
  { id: 'sz-bakers', name: '深圳市烘焙行业协会', type: 'industry_association', uscc: '51440300MJ00000180' },
] as const;

interface Alert {
  id: string;
  uscc: string;
  listingId: string;
  measureId: string;
  org: string;
  kind: 'apply' | 'release';
  status: string;
  dueAt: string;
  acknowledgeBy: string;
  feedbackBy: string;
  overdueStages: string[];
}

describe('enforcement coordination (one service, real PostgreSQL, over HTTP)', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-11-26T02:00:00.000Z'); // Thursday 10:00 CST
  const tokens: Record<string, string> = {};
  const contracts = new ContractRegistry();

  const deliver = (...events: IntegrationEvent[]) =>
    t
      .runtime('enforcement-coordination')
      .consumers.handle({ topic: messageOf(events[0]!).topic, partition: 0, messages: events.map(messageOf) });
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const response = await fetch(`${t.url}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, type: response.headers.get('content-type') };
  };
  const alerts = async (token: string, query = ''): Promise<Alert[]> => {
    const response = await call('GET', `/alerts${query}`, token);
    expect(response.status).toBe(200);
    return response.body as Alert[];
  };
  const storedEvents = async (type: string) =>
    (
      await t
        .runtime('enforcement-coordination')
        .db.query<{ data: Record<string, unknown> }>(`SELECT data FROM events WHERE type = $1 ORDER BY global_position`, [type])
    ).rows.map((r) => r.data);

  beforeAll(async () => {
    t = await startTestApp({
      modules: [EnforcementCoordinationModule.forRoot({ serveDirectoryCopy: true, settings: DEFAULT_ENFORCEMENT_SETTINGS })],
      clock,
    });
    await t.runtime('enforcement-coordination').consumers.handle({
      topic: messageOf(organizationRegistered(ORGS[0])).topic,
      partition: 0,
      messages: ORGS.map((o) => messageOf(organizationRegistered({ ...o }))),
    });
    tokens.operator = await t.token({ org: 'platform', roles: ['operator'], user: 'op-1' });
    tokens.finance = await t.token({ org: 'sz-finance', roles: ['enforcer'], user: 'fin-1' });
    tokens.amr = await t.token({ org: 'sz-amr', roles: ['enforcer'], user: 'amr-1' });
    tokens.regulator = await t.token({ org: 'sz-amr', roles: ['regulator'], user: 'amr-reg' });
    tokens.provider = await t.token({ org: 'sz-amr', roles: ['provider'], user: 'amr-prov' });
  });
  afterAll(() => t?.close());

  it('keeps a versioned measures catalogue; a measure without legal basis is refused', async () => {
    const noBasis = await call('POST', '/measures', tokens.operator, {
      id: 'procurement-exclusion',
      content: '依法限制参与政府采购活动',
      target: '失信主体',
      implementingOrg: 'sz-finance',
    });
    expect(noBasis.status).toBe(400);
    expect(noBasis.type).toMatch(/application\/problem\+json/);
    expect(noBasis.body).toMatchObject({
      code: 'MEASURE.LEGAL_BASIS_REQUIRED',
      errors: [{ field: 'legalBasis', code: 'REQUIRED' }],
    });

    const exclusion = {
      id: 'procurement-exclusion',
      content: '依法限制参与政府采购活动',
      target: '失信主体',
      legalBasis: '《政府采购法》第二十二条',
      implementingOrg: 'sz-finance',
    };
    expect((await call('POST', '/measures', tokens.operator, exclusion)).status).toBe(201);
    expect((await call('POST', '/measures', tokens.operator, exclusion)).status).toBe(200);
    const v2 = await call('POST', '/measures', tokens.operator, { ...exclusion, target: '失信主体及其法定代表人' });
    expect(v2).toMatchObject({ status: 201, body: { id: 'procurement-exclusion', version: 2 } });
    const licence = await call('POST', '/measures', tokens.operator, {
      id: 'licence-review',
      content: '在行政许可中作为重点审查对象',
      target: '失信主体',
      legalBasis: '《行政许可法》',
      implementingOrg: 'sz-amr',
    });
    expect(licence.status).toBe(201);
    const association = await call('POST', '/measures', tokens.operator, {
      ...exclusion,
      id: 'bakers',
      implementingOrg: 'sz-bakers',
    });
    expect(association).toMatchObject({ status: 400, body: { code: 'MEASURE.NOT_AN_ENFORCER' } });
    expect((await call('POST', '/measures', tokens.operator, { ...exclusion, implementingOrg: 'nobody' })).body).toMatchObject({
      code: 'MEASURE.UNKNOWN_ORGANIZATION',
    });
    expect((await call('POST', '/measures', tokens.finance, exclusion)).status).toBe(403);

    const listed = await call('GET', '/measures', tokens.finance);
    expect(listed.status).toBe(200);
    expect(listed.body.map((m: { id: string; version: number }) => [m.id, m.version])).toEqual([
      ['procurement-exclusion', 2],
      ['licence-review', 1],
    ]);
    expect((await storedEvents('MeasureRegistered')).map((d) => d.version)).toEqual([1, 2, 1]);
  });

  it('adopts memoranda (list type → measures)', async () => {
    const unknown = await call('POST', '/memoranda', tokens.operator, { listType: 'serious_dishonesty', measureIds: ['nope'] });
    expect(unknown).toMatchObject({ status: 400, body: { code: 'MEMORANDUM.INVALID', errors: [{ field: 'measureIds[0]' }] } });
    const memorandum = await call('POST', '/memoranda', tokens.operator, {
      id: 'dishonesty-2026',
      listType: 'serious_dishonesty',
      measureIds: ['procurement-exclusion', 'licence-review'],
      title: '关于对严重失信主体实施联合惩戒的合作备忘录',
    });
    expect(memorandum).toMatchObject({
      status: 201,
      body: { id: 'dishonesty-2026', version: 1, listType: 'serious_dishonesty' },
    });
    const list = await call('GET', '/memoranda?listType=serious_dishonesty', tokens.regulator);
    expect(list.body).toHaveLength(1);
    expect((await call('GET', '/memoranda?listType=grey', tokens.operator)).status).toBe(400);
  });

  it('issues one alert per (organisation, measure) on a listing decision, and never a second one on replay', async () => {
    const decision = listingDecided({ listingId: 'listing-1', uscc: SUBJECT, basisRecordIds: ['rec-1'] });
    await deliver(decision);
    await deliver(decision); // redelivered: the inbox skips it
    await deliver({ ...decision, id: '0192f0f0-0000-7000-8000-00000000aaaa' }); // re-published with a new id: the process manager skips it
    const all = await alerts(tokens.operator);
    expect(all.map((a) => [a.org, a.measureId, a.kind, a.status])).toEqual([
      ['sz-amr', 'licence-review', 'apply', 'open'],
      ['sz-finance', 'procurement-exclusion', 'apply', 'open'],
    ]);
    // Thursday 10:00 CST: acknowledge by the end of Friday, feedback by the end of next Thursday.
    expect(all[0]).toMatchObject({
      uscc: SUBJECT,
      listingId: 'listing-1',
      dueAt: '2026-11-27T15:59:59.999Z',
      acknowledgeBy: '2026-11-27T15:59:59.999Z',
      feedbackBy: '2026-12-03T15:59:59.999Z',
    });
    expect(await storedEvents('AlertIssued')).toHaveLength(2);
    await deliver(listingDecided({ listingId: 'listing-x', uscc: OTHER_SUBJECT, outcome: 'not_listed' }));
    expect(await alerts(tokens.operator)).toHaveLength(2);
  });

  it('shows an enforcer only its own organisation’s alerts', async () => {
    expect((await alerts(tokens.finance)).map((a) => a.org)).toEqual(['sz-finance']);
    expect((await alerts(tokens.amr)).map((a) => a.org)).toEqual(['sz-amr']);
    expect((await alerts(tokens.finance, '?org=sz-amr')).map((a) => a.org)).toEqual(['sz-finance']); // the filter cannot widen it
    expect((await alerts(tokens.operator, '?org=sz-amr')).map((a) => a.org)).toEqual(['sz-amr']);
    const [amrAlert] = await alerts(tokens.amr);
    expect((await call('GET', `/alerts/${amrAlert!.id}`, tokens.finance)).status).toBe(404);
    expect((await call('POST', `/alerts/${amrAlert!.id}/acknowledgement`, tokens.finance)).status).toBe(404);
  });

  it('takes acknowledgement, then feedback with a reason; refuses feedback out of order and bad input with 4xx', async () => {
    const [alert] = await alerts(tokens.finance);
    const early = await call('POST', `/alerts/${alert!.id}/feedback`, tokens.finance, { outcome: 'applied', reason: '已限制' });
    expect(early).toMatchObject({ status: 422, body: { code: 'ALERT.NOT_ACKNOWLEDGED' } });
    clock.advance(3_600_000);
    const ack = await call('POST', `/alerts/${alert!.id}/acknowledgement`, tokens.finance);
    expect(ack).toMatchObject({ status: 200, body: { status: 'acknowledged', dueAt: '2026-12-03T15:59:59.999Z' } });
    expect((await call('POST', `/alerts/${alert!.id}/acknowledgement`, tokens.finance)).status).toBe(200); // idempotent
    expect(await storedEvents('AlertAcknowledged')).toHaveLength(1);
    for (const body of [
      { outcome: 'done', reason: 'x' },
      { outcome: 'applied' },
      { outcome: 'applied', reason: '' },
      '{"outcome":',
    ]) {
      const bad = await call('POST', `/alerts/${alert!.id}/feedback`, tokens.finance, body);
      expect([JSON.stringify(body), bad.status]).toEqual([JSON.stringify(body), 400]);
    }
    const closed = await call('POST', `/alerts/${alert!.id}/feedback`, tokens.finance, {
      outcome: 'applied',
      reason: '已在采购系统中限制投标',
    });
    expect(closed).toMatchObject({
      status: 200,
      body: { status: 'closed', outcome: 'applied', reason: '已在采购系统中限制投标' },
    });
    const again = await call('POST', `/alerts/${alert!.id}/feedback`, tokens.finance, {
      outcome: 'deferred',
      reason: '改变主意',
    });
    expect(again).toMatchObject({ status: 409, body: { code: 'ALERT.ALREADY_CLOSED' } });
    expect((await call('POST', `/alerts/not-an-alert/acknowledgement`, tokens.finance)).status).toBe(404);
    expect((await call('POST', `/alerts/${alert!.id}/acknowledgement`, tokens.operator)).status).toBe(403);
  });

  it('escalates an alert not acknowledged in time: overdue, AlertOverdue, and an alert on the operator’s feed', async () => {
    const [amrAlert] = await alerts(tokens.amr);
    const timers = t.runtime('enforcement-coordination').timers;
    expect(await timers.fireDue()).toBe(0);
    clock.set('2026-11-27T15:59:59.999Z'); // the deadline's last instant: still in time
    expect(await timers.fireDue()).toBe(0);
    clock.set('2026-11-28T01:00:00.000Z');
    await timers.fireDue(); // or the scheduler's own loop, whichever locks the timer first
    const overdue = await waitFor(async () => (await alerts(tokens.amr)).find((a) => a.status === 'overdue'));
    expect(overdue).toMatchObject({ id: amrAlert!.id, status: 'overdue', overdueStages: ['acknowledgement'] });
    expect(await storedEvents('AlertOverdue')).toEqual([
      expect.objectContaining({
        alertId: amrAlert!.id,
        stage: 'acknowledgement',
        escalatedTo: 'platform',
        dueAt: '2026-11-27T15:59:59.999Z',
      }),
    ]);
    const { rows } = await t
      .runtime('enforcement-coordination')
      .db.query(`SELECT org, event, alert_id FROM alert_feed WHERE event IN ('alert.overdue', 'alert.escalated') ORDER BY org`);
    expect(rows).toEqual([
      { org: 'platform', event: 'alert.escalated', alert_id: amrAlert!.id },
      { org: 'sz-amr', event: 'alert.overdue', alert_id: amrAlert!.id },
    ]);
    const sla = await call('GET', '/alerts/sla', tokens.operator);
    expect(sla.body.organizations).toEqual([
      expect.objectContaining({ org: 'sz-amr', open: 0, overdue: 1, residual: 0, escalated: 1 }),
      expect.objectContaining({ org: 'sz-finance', open: 0, overdue: 0, closed: 1, residual: 0 }),
    ]);
    expect((await call('GET', '/alerts/sla', tokens.amr)).status).toBe(403);
    // Acknowledged late, it is worked on again (until its feedback deadline).
    expect((await call('POST', `/alerts/${amrAlert!.id}/acknowledgement`, tokens.amr)).body).toMatchObject({
      status: 'acknowledged',
    });
  });

  it('answers an embedded check with the measures in force and why; no purpose is a logged 400; every check is logged', async () => {
    const noPurpose = await call('GET', `/checks/${SUBJECT}`, tokens.amr);
    expect(noPurpose).toMatchObject({ status: 400, body: { code: 'CHECK.PURPOSE_REQUIRED', errors: [{ field: 'purpose' }] } });
    expect((await call('GET', `/checks/${SUBJECT}?purpose=gossip`, tokens.amr)).status).toBe(400);
    const check = await call('GET', `/checks/${SUBJECT}?purpose=public_procurement`, tokens.regulator);
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ uscc: SUBJECT, restricted: true, residualRestrictions: [] });
    expect(check.body.measuresInForce.map((m: { alertId: string; org: string }) => m.org).sort()).toEqual([
      'sz-amr',
      'sz-finance',
    ]);
    expect(check.body.measuresInForce[0]).toMatchObject({
      measure: { legalBasis: expect.any(String) },
      listing: { listingId: 'listing-1', decidedBy: 'sz-court', legalBasis: expect.stringContaining('失信被执行人') },
    });
    expect((await call('GET', `/checks/${SUBJECT}?purpose=enforcement`, tokens.provider)).status).toBe(403);
    expect((await call('GET', `/checks/not-a-uscc?purpose=enforcement`, tokens.amr)).status).toBe(400);
    const logged = await storedEvents('CheckLogged');
    expect(logged.map((d) => [d.outcome, d.purpose, d.denialReason ?? null, d.query])).toEqual([
      ['denied', null, 'PURPOSE_REQUIRED', 'check'],
      ['denied', null, 'PURPOSE_UNKNOWN', 'check'],
      ['served', 'public_procurement', null, 'check'],
    ]);
  });

  it('releases on removal: a release alert to each organisation that applied, a residual restriction until confirmed', async () => {
    await deliver(listingRemoved({ listingId: 'listing-1', uscc: SUBJECT, cause: 'decision' }));
    const finance = await alerts(tokens.finance);
    expect(finance.map((a) => [a.kind, a.status])).toEqual([
      ['apply', 'closed'],
      ['release', 'open'],
    ]);
    const amr = await alerts(tokens.amr); // never applied: its alert is withdrawn, no release
    expect(amr.map((a) => [a.kind, a.status])).toEqual([['apply', 'closed']]);
    const residual = await call('GET', `/checks/${SUBJECT}?purpose=enforcement`, tokens.amr);
    expect(residual.body).toMatchObject({
      restricted: true,
      measuresInForce: [],
      residualRestrictions: [{ listingId: 'listing-1', cause: 'decision', pendingReleases: [{ org: 'sz-finance' }] }],
    });
    expect((await call('GET', '/alerts/sla', tokens.operator)).body.organizations).toEqual(
      expect.arrayContaining([expect.objectContaining({ org: 'sz-finance', residual: 1 })]),
    );
    const release = finance[1]!;
    expect((await call('POST', `/alerts/${release.id}/acknowledgement`, tokens.finance)).status).toBe(200);
    const refused = await call('POST', `/alerts/${release.id}/feedback`, tokens.finance, { outcome: 'deferred', reason: '稍后' });
    expect(refused).toMatchObject({ status: 400, body: { code: 'ALERT.RELEASE_NEEDS_CONFIRMATION' } });
    const confirmed = await call('POST', `/alerts/${release.id}/feedback`, tokens.finance, {
      outcome: 'applied',
      reason: '已解除限制',
    });
    expect(confirmed).toMatchObject({ status: 200, body: { status: 'closed', kind: 'release' } });
    const clear = await call('GET', `/checks/${SUBJECT}?purpose=enforcement`, tokens.amr);
    expect(clear.body).toMatchObject({ restricted: false, measuresInForce: [], residualRestrictions: [] });
    // Its deadlines pass later: the timers find nothing overdue on a closed alert.
    clock.set('2026-12-31T00:00:00.000Z');
    await t.runtime('enforcement-coordination').timers.fireDue();
    expect((await alerts(tokens.finance)).map((a) => a.status)).toEqual(['closed', 'closed']);
  });

  it('releases when every basis record of a listing is repaired (credit records’ RecordRepaired)', async () => {
    await deliver(listingDecided({ listingId: 'listing-2', uscc: OTHER_SUBJECT, basisRecordIds: ['rec-a', 'rec-b'] }));
    const [alert] = await alerts(tokens.finance, '?listingId=listing-2');
    await call('POST', `/alerts/${alert!.id}/acknowledgement`, tokens.finance);
    await call('POST', `/alerts/${alert!.id}/feedback`, tokens.finance, { outcome: 'applied', reason: '已限制' });
    await deliver(recordRepaired('rec-a', OTHER_SUBJECT));
    expect(await alerts(tokens.finance, '?listingId=listing-2&kind=release')).toEqual([]);
    await deliver(recordRepaired('rec-b', OTHER_SUBJECT));
    expect((await alerts(tokens.finance, '?listingId=listing-2&kind=release')).map((a) => a.status)).toEqual(['open']);
    await deliver(listingRemoved({ listingId: 'listing-2', uscc: OTHER_SUBJECT, cause: 'repaired' })); // joint supervision's removal after it
    expect(await alerts(tokens.finance, '?listingId=listing-2&kind=release')).toHaveLength(1);
  });

  it('publishes contract-valid events for every alert state change and check', async () => {
    const runtime = t.runtime('enforcement-coordination');
    const published: IntegrationEvent[] = [];
    const { rows } = await runtime.db.query(`SELECT * FROM events ORDER BY global_position`);
    const recorded = await runtime.store.readAll({ transactionId: '0', position: '0' }, 10_000);
    expect(recorded.length).toBe(rows.length);
    for (const event of recorded) {
      const publication = publish(event);
      if (!publication) continue;
      const envelope = JSON.parse(toTransportMessage('enforcement-coordination', event, publication).value) as IntegrationEvent;
      expect([envelope.type, contracts.validate(envelope)]).toEqual([envelope.type, []]);
      published.push(envelope);
    }
    expect(new Set(published.map((e) => e.type))).toEqual(
      new Set([
        'MeasureRegistered',
        'MemorandumAdopted',
        'AlertIssued',
        'AlertAcknowledged',
        'AlertClosed',
        'AlertOverdue',
        'CheckLogged',
      ]),
    );
  });

  it('rebuilds the alerts and the catalogue from history identical to the live tables', async () => {
    const runtime = t.runtime('enforcement-coordination');
    const dump = async () => ({
      alerts: (await runtime.db.query(`SELECT * FROM alerts ORDER BY alert_id`)).rows,
      listings: (await runtime.db.query(`SELECT * FROM enforced_listings ORDER BY listing_id`)).rows,
      measures: (await runtime.db.query(`SELECT * FROM measures ORDER BY measure_id`)).rows,
      memoranda: (await runtime.db.query(`SELECT * FROM memoranda ORDER BY memorandum_id`)).rows,
    });
    const live = await dump();
    for (const projection of enforcementCoordinationProjections(runtime)) {
      await rebuildProjection(runtime.db, runtime.store, projection);
    }
    expect(await dump()).toEqual(live);
  });
});
