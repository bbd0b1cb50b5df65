// Joint supervision as a service over HTTP against a real PostgreSQL, fed with contract-valid integration events of
// credit records through its consumer host (as the transport delivers them): grades with reasons and asOf, regrades on
// record events and at expiry by a durable timer, rule sets and their simulation, lists with due process, 双随机 plans.
import { ContractRegistry, type IntegrationEvent } from '@credit-share/contracts';
import { rebuildProjection } from '@credit-share/event-store';
import { rebuildFromHistory } from '@credit-share/messaging';
import { FixedClock, startTestApp, type TestApp } from '@credit-share/testing';
import {
  messageOf,
  objectionFiled,
  organizationRegistered,
  recordPublished,
  recordRepaired,
  recordWithdrawn,
  type RecordSpec,
} from './credit-records-events.fixture';
import { factsOf, factsOfMany } from './grading/subject-facts.repository';
import { JointSupervisionModule, jointSupervisionProjections, recordFactsProjection } from './joint-supervision.module';

const PLATFORM = { id: 'platform', name: '信用中心', type: 'platform_operator' as const, uscc: '12440300MB2C00013E' };
const AMR = { id: 'sz-amr', name: '深圳市市场监督管理局', type: 'government_department' as const, uscc: '11440300690000015X' };
const TAX = { id: 'sz-tax', name: '深圳市税务局', type: 'government_department' as const, uscc: '11440300690000023Q' };

const ACME = '91440300MA5FAAAA1X';
const BETA = '91440300MA5FBBBB2Y';
const GAMMA = '91440300MA5FCCCC3W';

describe('joint supervision over HTTP (one service, real PostgreSQL)', () => {
  let t: TestApp;
  const clock = new FixedClock('2026-03-02T02:00:00Z'); // Monday 10:00 CST
  const tokens: Record<string, string> = {};

  const delivered: IntegrationEvent[] = [];
  const deliver = async (...events: IntegrationEvent[]) => {
    delivered.push(...events);
    await t
      .runtime('joint-supervision')
      .consumers.handle({ topic: 'credit-share.credit-records.v1', partition: 0, messages: events.map(messageOf) });
  };
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
  const events = async (type: string) =>
    (
      await t.runtime('joint-supervision').db.query(`SELECT data FROM events WHERE type = $1 ORDER BY global_position`, [type])
    ).rows.map((r) => r.data);
  const fireTimers = () => t.runtime('joint-supervision').timers.fireDue();
  const record = (spec: Partial<RecordSpec> & { recordId: string }): RecordSpec => ({
    uscc: ACME,
    publicFrom: clock.now().toISOString(),
    ...spec,
  });

  beforeAll(async () => {
    t = await startTestApp({ modules: [JointSupervisionModule.forRoot({ serveDirectoryCopy: true })], clock });
    await deliver(organizationRegistered(PLATFORM), organizationRegistered(AMR), organizationRegistered(TAX));
    tokens.operator = await t.token({ org: 'platform', roles: ['operator'] });
    tokens.auditor = await t.token({ org: 'platform', roles: ['auditor'] });
    tokens.amr = await t.token({ org: 'sz-amr', roles: ['regulator'] });
    tokens.tax = await t.token({ org: 'sz-tax', roles: ['regulator'] });
    tokens.amrProvider = await t.token({ org: 'sz-amr', roles: ['provider'] });
    tokens.enforcer = await t.token({ org: 'sz-tax', roles: ['enforcer'] });
    tokens.acme = await t.token({ org: ACME, roles: ['subject'], subject: ACME });
    tokens.beta = await t.token({ org: BETA, roles: ['subject'], subject: BETA });
  });
  afterAll(() => t.close());

  describe('grades', () => {
    it('grades a subject from the records in publicity, with reasons and the rule-set version, for now and any past instant', async () => {
      const before = clock.now().toISOString();
      clock.advance(60_000);
      await deliver(recordPublished(record({ recordId: 'acme-1', severity: 'serious', publicUntil: '2027-03-02T02:00:00Z' })));
      const now = await call('GET', `/subjects/${ACME}/grade`, tokens.amr);
      expect(now.status).toBe(200);
      expect(now.body).toEqual({
        uscc: ACME,
        grade: 'C',
        score: 60,
        ruleSetVersion: 1,
        asOf: clock.now().toISOString(),
        reasons: [{ recordId: 'acme-1', rule: 'deduction.serious', points: -40 }],
      });
      const past = await call('GET', `/subjects/${ACME}/grade?asOf=${encodeURIComponent(before)}`, tokens.operator);
      expect(past.body).toMatchObject({ grade: 'A', score: 100, reasons: [], asOf: new Date(before).toISOString() });
      expect(await events('GradeChanged')).toEqual([
        expect.objectContaining({ uscc: ACME, grade: 'C', previousGrade: null, score: 60, ruleSetVersion: 1 }),
      ]);
    });

    it('marks a disputed record in the reasons while an objection is pending (counted by default)', async () => {
      clock.advance(60_000);
      await deliver(objectionFiled(record({ recordId: 'acme-1' }), clock.now().toISOString()));
      const { body } = await call('GET', `/subjects/${ACME}/grade`, tokens.acme);
      expect(body.reasons).toEqual([{ recordId: 'acme-1', rule: 'deduction.serious', points: -40, disputed: true }]);
    });

    it('recomputes at the expiry instant by a durable timer for that subject, not by a poll of every subject', async () => {
      clock.advance(60_000);
      const expiresAt = new Date(clock.now().getTime() + 86_400_000).toISOString();
      await deliver(recordPublished(record({ recordId: 'beta-1', uscc: BETA, severity: 'serious', publicUntil: expiresAt })));
      expect((await call('GET', `/subjects/${BETA}/grade`, tokens.amr)).body.grade).toBe('C');
      const timers = await t.runtime('joint-supervision').timers.pending();
      expect(timers.filter((x) => x.id === `regrade:${BETA}`).map((x) => x.dueAt.toISOString())).toEqual([expiresAt]);
      expect(await fireTimers()).toBe(0);
      clock.set(expiresAt);
      expect(await fireTimers()).toBeGreaterThanOrEqual(1);
      expect((await call('GET', `/subjects/${BETA}/grade`, tokens.amr)).body).toMatchObject({ grade: 'A', score: 100 });
      expect((await events('GradeChanged')).filter((e) => e.uscc === BETA).map((e) => e.grade)).toEqual(['C', 'A']);
    });

    it('refuses a subject token for another subject, unknown subjects, and bad input with 4xx problems', async () => {
      expect((await call('GET', `/subjects/${ACME}/grade`, tokens.beta)).body).toMatchObject({
        status: 403,
        code: 'SUBJECT.NOT_YOURS',
      });
      expect((await call('GET', `/subjects/${GAMMA}/grade`, tokens.amr)).body).toMatchObject({
        status: 404,
        code: 'SUBJECT.NOT_FOUND',
      });
      const badUscc = await call('GET', `/subjects/not-a-uscc/grade`, tokens.amr);
      expect(badUscc.status).toBe(400);
      expect(badUscc.type).toMatch(/application\/problem\+json/);
      expect(badUscc.body.errors).toEqual([expect.objectContaining({ field: 'uscc', code: 'FORMAT' })]);
      expect((await call('GET', `/subjects/${ACME}/grade?asOf=yesterday`, tokens.amr)).body).toMatchObject({
        status: 400,
        errors: [expect.objectContaining({ field: 'asOf' })],
      });
    });
  });

  describe('rule sets', () => {
    it('simulates a draft of the next version: how many subjects would change grade, and which', async () => {
      const response = await call('POST', '/grading/rule-sets/2/simulation', tokens.operator, {
        rules: { deductions: { serious: 70 } },
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        version: 2,
        comparedWith: 1,
        subjects: 2,
        changed: 1,
        changes: [{ uscc: ACME, from: 'C', to: 'D' }],
      });
      expect((await call('POST', '/grading/rule-sets/3/simulation', tokens.operator, { rules: {} })).status).toBe(404);
      expect((await call('POST', '/grading/rule-sets/2/simulation', tokens.operator, {})).body).toMatchObject({
        code: 'RULE_SET.NOT_FOUND',
      });
    });

    it('adopts a version with an effective date (RuleSetAdopted) and regrades everyone when it takes effect', async () => {
      const effectiveFrom = new Date(clock.now().getTime() + 3_600_000).toISOString();
      const adopted = await call('POST', '/grading/rule-sets', tokens.operator, {
        effectiveFrom,
        rules: { deductions: { serious: 70 } },
      });
      expect(adopted.status).toBe(201);
      expect(adopted.body).toMatchObject({
        version: 2,
        effectiveFrom,
        rules: { deductions: { light: 5, general: 15, serious: 70 } },
      });
      expect(
        (await call('POST', '/grading/rule-sets', tokens.operator, { effectiveFrom, rules: { deductions: { serious: 70 } } }))
          .status,
      ).toBe(200);
      expect(await events('RuleSetAdopted')).toEqual([
        expect.objectContaining({ version: 2, adoptedBy: 'platform', keyUscc: PLATFORM.uscc }),
      ]);
      const simulated = await call('POST', '/grading/rule-sets/2/simulation', tokens.operator, {});
      expect(simulated.body).toMatchObject({ changed: 1, changes: [{ uscc: ACME, from: 'C', to: 'D' }] });

      clock.set(effectiveFrom);
      await fireTimers();
      expect((await call('GET', `/subjects/${ACME}/grade`, tokens.amr)).body).toMatchObject({
        grade: 'D',
        score: 30,
        ruleSetVersion: 2,
      });
      expect((await events('GradeChanged')).filter((e) => e.uscc === ACME).map((e) => e.grade)).toEqual(['C', 'D']);
      const asOfBefore = new Date(Date.parse(effectiveFrom) - 1).toISOString();
      expect((await call('GET', `/subjects/${ACME}/grade?asOf=${asOfBefore}`, tokens.amr)).body).toMatchObject({
        grade: 'C',
        ruleSetVersion: 1,
      });
    });

    it('refuses rules that are not rules, a date in the past, and anyone but the operator', async () => {
      const invalid = await call('POST', '/grading/rule-sets', tokens.operator, {
        effectiveFrom: new Date(clock.now().getTime() + 7_200_000).toISOString(),
        rules: { bands: { A: 10, B: 70 } },
      });
      expect(invalid.body).toMatchObject({ status: 400, code: 'RULE_SET.INVALID', errors: [{ field: 'rules.bands' }] });
      const past = await call('POST', '/grading/rule-sets', tokens.operator, {
        effectiveFrom: '2020-01-01T00:00:00Z',
        rules: {},
      });
      expect(past.body).toMatchObject({ status: 422, code: 'RULE_SET.EFFECTIVE_IN_PAST' });
      expect(
        (await call('POST', '/grading/rule-sets', tokens.amr, { effectiveFrom: '2030-01-01T00:00:00Z', rules: {} })).status,
      ).toBe(403);
      expect((await call('POST', '/grading/rule-sets/2/simulation', tokens.amr, {})).status).toBe(403);
      expect((await call('POST', '/grading/rule-sets/abc/simulation', tokens.operator, {})).status).toBe(400);
    });
  });

  describe('lists with due process', () => {
    let listingId: string;

    it('proposes an entry: the notice with reasons, basis, consequences, how to object, removal conditions and the window', async () => {
      const response = await call('POST', '/listings', tokens.amr, {
        uscc: ACME,
        listType: 'serious_dishonesty',
        basisRecordIds: ['acme-1'],
        legalBasis: '《企业信息公示暂行条例》第十八条',
      });
      expect(response.status).toBe(201);
      listingId = response.body.id;
      expect(response.body).toMatchObject({
        uscc: ACME,
        listType: 'serious_dishonesty',
        status: 'noticed',
        proposedBy: 'sz-amr',
      });
      expect(response.body.notice).toMatchObject({
        reasons: expect.any(String),
        consequences: expect.any(String),
        howToObject: expect.any(String),
        removalConditions: expect.any(String),
        basisRecordIds: ['acme-1'],
      });
      expect(Date.parse(response.body.statementWindowEndsAt)).toBeGreaterThan(clock.now().getTime() + 5 * 86_400_000);
      expect((await events('ListingNoticed')).map((e) => e.listingId)).toEqual([listingId]);
    });

    it('refuses a decision before the window closes, and by another organisation', async () => {
      const early = await call('POST', `/listings/${listingId}/decision`, tokens.amr, { outcome: 'listed', reason: '情节严重' });
      expect(early.body).toMatchObject({ status: 422, code: 'LISTING.STATEMENT_WINDOW_OPEN' });
      const other = await call('POST', `/listings/${listingId}/decision`, tokens.tax, { outcome: 'listed', reason: '情节严重' });
      expect(other.body).toMatchObject({ status: 403, code: 'LISTING.NOT_PROPOSER' });
      expect((await call('GET', `/listings/${listingId}`, tokens.tax)).status).toBe(403);
      expect((await call('GET', `/listings/${listingId}`, tokens.acme)).status).toBe(200);
      expect((await call('GET', `/listings/${listingId}`, tokens.beta)).status).toBe(403);
    });

    it('lets only the subject waive its window; then the proposer lists it, which forces grade D', async () => {
      expect((await call('POST', `/listings/${listingId}/waiver`, tokens.beta)).body).toMatchObject({
        status: 403,
        code: 'LISTING.NOT_YOUR_LISTING',
      });
      expect((await call('POST', `/listings/${listingId}/waiver`, tokens.amr)).status).toBe(403);
      const waived = await call('POST', `/listings/${listingId}/waiver`, tokens.acme);
      expect(waived.status).toBe(200);
      expect(waived.body.waivedAt).toBe(clock.now().toISOString());
      clock.advance(60_000);
      const decided = await call('POST', `/listings/${listingId}/decision`, tokens.amr, {
        outcome: 'listed',
        reason: '情节严重',
      });
      expect(decided.status).toBe(200);
      expect(decided.body).toMatchObject({
        status: 'listed',
        decision: { outcome: 'listed', reason: '情节严重', decidedBy: 'sz-amr' },
      });
      expect(Date.parse(decided.body.effectiveUntil)).toBeGreaterThan(
        clock.now().getTime() + 3 * 365 * 86_400_000 - 2 * 86_400_000,
      );
      const grade = await call('GET', `/subjects/${ACME}/grade`, tokens.amr);
      expect(grade.body.grade).toBe('D');
      expect(grade.body.reasons).toContainEqual({ listingId, rule: 'listing.serious_dishonesty', points: 0 });
      const list = await call('GET', '/lists/serious_dishonesty', tokens.enforcer);
      expect(list.status).toBe(200);
      expect(list.body.map((l: { id: string }) => l.id)).toEqual([listingId]);
      expect((await call('GET', '/lists/red', tokens.auditor)).body).toEqual([]);
      expect((await call('GET', '/lists/grey', tokens.auditor)).status).toBe(400);
      expect((await call('GET', '/lists/red', tokens.acme)).status).toBe(403);
    });

    it('removes the entry when its only basis record is repaired (RecordRepaired), and the grade recovers', async () => {
      clock.advance(60_000);
      await deliver(recordRepaired(record({ recordId: 'acme-1' }), clock.now().toISOString()));
      const listing = await call('GET', `/listings/${listingId}`, tokens.amr);
      expect(listing.body).toMatchObject({ status: 'removed', removal: { cause: 'repaired' } });
      expect(await events('ListingRemoved')).toEqual([expect.objectContaining({ listingId, cause: 'repaired' })]);
      expect((await call('GET', `/subjects/${ACME}/grade`, tokens.amr)).body).toMatchObject({
        grade: 'A',
        score: 100,
        reasons: [],
      });
      expect((await call('GET', '/lists/serious_dishonesty', tokens.amr)).body).toEqual([]);
    });

    it('refuses an entry without basis records, or on unknown ones', async () => {
      const none = await call('POST', '/listings', tokens.amr, {
        uscc: ACME,
        listType: 'serious_dishonesty',
        basisRecordIds: [],
        legalBasis: 'x',
      });
      expect(none.body).toMatchObject({ status: 422, code: 'LISTING.BASIS_REQUIRED' });
      const unknown = await call('POST', '/listings', tokens.amr, {
        uscc: ACME,
        listType: 'serious_dishonesty',
        basisRecordIds: ['nope'],
        legalBasis: 'x',
      });
      expect(unknown.body).toMatchObject({
        status: 400,
        code: 'LISTING.BASIS_INVALID',
        errors: [{ field: 'basisRecordIds[0]', code: 'UNKNOWN_RECORD' }],
      });
      const bad = await call('POST', '/listings', tokens.amr, { uscc: 'x', listType: 'grey', legalBasis: '', extra: 1 });
      expect(bad.status).toBe(400);
      expect([...new Set(bad.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual([
        'basisRecordIds',
        'extra',
        'legalBasis',
        'listType',
        'uscc',
      ]);
      expect((await call('POST', '/listings', tokens.amr, '{"uscc": ')).status).toBe(400);
      expect(
        (
          await call('POST', '/listings', tokens.operator, {
            uscc: ACME,
            listType: 'red',
            basisRecordIds: ['x'],
            legalBasis: 'x',
          })
        ).status,
      ).toBe(403);
    });

    it('refuses to list when a basis record was withdrawn while the proposal was pending', async () => {
      clock.advance(60_000);
      await deliver(recordPublished(record({ recordId: 'gamma-1', uscc: GAMMA, severity: 'serious', providerOrg: 'sz-tax' })));
      const proposed = await call('POST', '/listings', tokens.tax, {
        uscc: GAMMA,
        listType: 'serious_dishonesty',
        basisRecordIds: ['gamma-1'],
        legalBasis: '依据',
      });
      expect(proposed.status).toBe(201);
      const notOurs = await call('POST', '/listings', tokens.amr, {
        uscc: GAMMA,
        listType: 'serious_dishonesty',
        basisRecordIds: ['gamma-1'],
        legalBasis: '依据',
      });
      expect(notOurs.body).toMatchObject({ status: 400, errors: [{ field: 'basisRecordIds[0]', code: 'NOT_OWN_RECORD' }] });
      clock.advance(60_000);
      await deliver(recordWithdrawn(record({ recordId: 'gamma-1', uscc: GAMMA }), clock.now().toISOString()));
      clock.set(new Date(Date.parse(proposed.body.statementWindowEndsAt) + 1));
      const decided = await call('POST', `/listings/${proposed.body.id}/decision`, tokens.tax, {
        outcome: 'listed',
        reason: '情节严重',
      });
      expect(decided.body).toMatchObject({ status: 422, code: 'LISTING.BASIS_WITHDRAWN' });
      const notListed = await call('POST', `/listings/${proposed.body.id}/decision`, tokens.tax, {
        outcome: 'not_listed',
        reason: '依据已撤销',
      });
      expect(notListed.body).toMatchObject({ status: 'not_listed' });
    });

    it('removes an entry at the end of its period by a durable timer, and by decision; the subject may decline a red-list entry', async () => {
      clock.advance(60_000);
      await deliver(recordPublished(record({ recordId: 'beta-2', uscc: BETA, severity: 'general' })));
      await deliver(recordPublished(record({ recordId: 'beta-honour', uscc: BETA, kind: 'honor', severity: null })));
      const black = await call('POST', '/listings', tokens.amr, {
        uscc: BETA,
        listType: 'serious_dishonesty',
        basisRecordIds: ['beta-2'],
        legalBasis: '依据',
      });
      const red = await call('POST', '/listings', tokens.amr, {
        uscc: BETA,
        listType: 'red',
        basisRecordIds: ['beta-honour'],
        legalBasis: '依据',
      });
      await call('POST', `/listings/${black.body.id}/waiver`, tokens.beta);
      await call('POST', `/listings/${red.body.id}/waiver`, tokens.beta);
      const listed = await call('POST', `/listings/${black.body.id}/decision`, tokens.amr, {
        outcome: 'listed',
        reason: '情节严重',
      });
      await call('POST', `/listings/${red.body.id}/decision`, tokens.amr, { outcome: 'listed', reason: '守信' });
      expect((await call('GET', '/lists/red', tokens.amr)).body.map((l: { id: string }) => l.id)).toEqual([red.body.id]);

      expect((await call('POST', `/listings/${black.body.id}/declination`, tokens.beta)).body).toMatchObject({
        status: 422,
        code: 'LISTING.NOT_DECLINABLE',
      });
      expect((await call('POST', `/listings/${red.body.id}/declination`, tokens.beta)).body).toMatchObject({
        status: 'removed',
        removal: { cause: 'declined' },
      });
      expect((await call('GET', '/lists/red', tokens.amr)).body).toEqual([]);

      clock.set(listed.body.effectiveUntil);
      await fireTimers();
      expect((await call('GET', `/listings/${black.body.id}`, tokens.amr)).body).toMatchObject({
        status: 'removed',
        removal: { cause: 'expired' },
      });

      const other = await call('POST', '/listings', tokens.amr, {
        uscc: ACME,
        listType: 'red',
        basisRecordIds: ['gamma-1'],
        legalBasis: '依据',
      });
      expect(other.body).toMatchObject({ status: 400, errors: [{ code: 'OTHER_SUBJECT' }] });
      expect((await call('POST', `/listings/${black.body.id}/removal`, tokens.amr, { reason: '撤销' })).status).toBe(200);
      expect((await call('POST', `/listings/${red.body.id}/removal`, tokens.tax, { reason: '撤销' })).body).toMatchObject({
        status: 403,
      });
    });
  });

  describe('inspection plans (双随机)', () => {
    it('draws subjects by grade and inspectors from a seed, reproducibly; results become InspectionResultReported', async () => {
      const body = { seed: '2026-Q1-sz-amr', samplingRates: { A: 1, B: 1, C: 1, D: 1 }, inspectors: ['执法员甲', '执法员乙'] };
      const first = await call('POST', '/inspection-plans', tokens.amr, body);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        organizer: 'sz-amr',
        seed: '2026-Q1-sz-amr',
        samplingRates: { A: 1, B: 1, C: 1, D: 1 },
      });
      expect(first.body.subjects.map((s: { uscc: string }) => s.uscc).sort()).toEqual([ACME, BETA, GAMMA]);
      const second = await call('POST', '/inspection-plans', tokens.amr, body);
      expect(second.body.subjects).toEqual(first.body.subjects);
      expect(second.body.id).not.toBe(first.body.id);

      const planned = first.body.subjects[0] as { uscc: string; inspector: string };
      const result = {
        uscc: planned.uscc,
        inspector: planned.inspector,
        outcome: 'compliant',
        findings: '未发现问题',
        inspectedOn: '2026-03-01',
      };
      expect((await call('POST', `/inspection-plans/${first.body.id}/results`, tokens.tax, result)).body).toMatchObject({
        status: 403,
        code: 'PLAN.NOT_ORGANIZER',
      });
      const reported = await call('POST', `/inspection-plans/${first.body.id}/results`, tokens.amr, result);
      expect(reported.status).toBe(201);
      expect((await call('POST', `/inspection-plans/${first.body.id}/results`, tokens.amr, result)).status).toBe(200);
      expect(await events('InspectionResultReported')).toEqual([
        expect.objectContaining({
          planId: first.body.id,
          uscc: planned.uscc,
          organizer: 'sz-amr',
          outcome: 'compliant',
          subjectName: expect.any(String),
        }),
      ]);
      expect((await call('GET', `/inspection-plans/${first.body.id}`, tokens.amr)).body.results).toHaveLength(1);
      expect((await call('GET', `/inspection-plans/${first.body.id}`, tokens.tax)).status).toBe(403);
      expect(
        (await call('POST', `/inspection-plans/${first.body.id}/results`, tokens.amr, { ...result, outcome: 'fine' })).status,
      ).toBe(400);
      expect((await call('POST', '/inspection-plans/nope/results', tokens.amr, result)).status).toBe(404);
      expect((await call('POST', '/inspection-plans', tokens.amr, { inspectors: [] })).status).toBe(400);
      expect((await call('POST', '/inspection-plans', tokens.amr, { inspectors: ['a'], samplingRates: { A: 2 } })).status).toBe(
        400,
      );
    });
  });

  describe('role and tenant isolation', () => {
    // Every route × the roles that must be refused (deny by default; PRODUCT.md §1).
    const routes: Array<[string, string, unknown]> = [
      ['GET', `/subjects/${ACME}/grade`, undefined],
      ['GET', '/grading/rule-sets', undefined],
      ['POST', '/grading/rule-sets', { effectiveFrom: '2030-01-01T00:00:00Z', rules: {} }],
      ['POST', '/grading/rule-sets/2/simulation', {}],
      ['POST', '/listings', { uscc: ACME, listType: 'red', basisRecordIds: ['acme-1'], legalBasis: 'x' }],
      ['GET', '/listings/x', undefined],
      ['POST', '/listings/x/waiver', undefined],
      ['POST', '/listings/x/decision', { outcome: 'listed', reason: 'x' }],
      ['POST', '/listings/x/removal', { reason: 'x' }],
      ['POST', '/listings/x/declination', undefined],
      ['GET', '/lists/red', undefined],
      ['POST', '/inspection-plans', { inspectors: ['a'] }],
      ['GET', '/inspection-plans/x', undefined],
      [
        'POST',
        '/inspection-plans/x/results',
        { uscc: ACME, inspector: 'a', outcome: 'compliant', findings: 'x', inspectedOn: '2026-01-01' },
      ],
    ];
    const admitted: Record<string, string[]> = {
      [`GET /subjects/${ACME}/grade`]: ['operator', 'amr', 'acme'],
      'GET /grading/rule-sets': ['operator', 'auditor', 'amr'],
      'POST /grading/rule-sets': ['operator'],
      'POST /grading/rule-sets/2/simulation': ['operator'],
      'POST /listings': ['amr'],
      'GET /listings/x': ['operator', 'amr', 'acme'],
      'POST /listings/x/waiver': ['acme'],
      'POST /listings/x/decision': ['amr'],
      'POST /listings/x/removal': ['amr'],
      'POST /listings/x/declination': ['acme'],
      'GET /lists/red': ['operator', 'auditor', 'amr', 'enforcer'],
      'POST /inspection-plans': ['amr'],
      'GET /inspection-plans/x': ['operator', 'amr'],
      'POST /inspection-plans/x/results': ['amr'],
    };
    const callers = ['operator', 'auditor', 'amr', 'amrProvider', 'enforcer', 'acme'];

    it.each(routes)('%s %s admits exactly the roles of the role table', async (method, path, body) => {
      for (const caller of callers) {
        const response = await call(method, path, tokens[caller], body);
        const allowed = admitted[`${method} ${path}`]!.includes(caller);
        if (allowed) expect([caller, response.status]).not.toEqual([caller, 403]);
        else expect([caller, response.status]).toEqual([caller, 403]);
        expect(response.status).toBeLessThan(500);
      }
      expect((await call(method, path)).status).toBe(401);
    });
  });

  describe('bulk reads', () => {
    it("read every subject's facts (records and listings) the same in pages as one by one", async () => {
      const db = t.runtime('joint-supervision').db;
      const usccs = [ACME, BETA, GAMMA];
      const many = await factsOfMany(db, usccs);
      for (const uscc of usccs) expect([uscc, many.get(uscc)]).toEqual([uscc, await factsOf(db, uscc)]);
      expect(many.get(BETA)!.filter((f) => f.type.startsWith('listing')).length).toBeGreaterThanOrEqual(3);
    });
  });

  describe('replay', () => {
    it('rebuilds its own read models from its history identical to the live tables', async () => {
      const runtime = t.runtime('joint-supervision');
      for (const projection of jointSupervisionProjections()) {
        const dump = async () =>
          (await runtime.db.query(`SELECT to_jsonb(x)::text AS row FROM ${projection.tables[0]} x ORDER BY 1`)).rows.map(
            (r) => r.row,
          );
        const live = await dump();
        expect(live.length).toBeGreaterThan(0);
        await rebuildProjection(runtime.db, runtime.store, projection);
        expect([projection.name, await dump()]).toEqual([projection.name, live]);
      }
    });

    it("rebuilds the record facts from the history of credit records' events identical to the live table", async () => {
      async function* history() {
        yield delivered;
      }
      const result = await rebuildFromHistory(t.runtime('joint-supervision').db, recordFactsProjection, history(), {
        contracts: new ContractRegistry(),
        dryRun: true,
      });
      expect(result.applied).toBe(delivered.filter((e) => e.type !== 'OrganizationRegistered').length);
      expect(result.differences).toEqual({ live: [], rebuilt: [] });
      expect(result.identical).toBe(true);
    });
  });
});
