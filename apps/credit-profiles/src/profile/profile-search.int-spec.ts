// Subject search by name (GET /api/v1/profiles?name=): regulators and the operator find subjects by part of their
// name in the profiles read model; the answer is identity only ({uscc, name}) and is not a profile query, so it
// leaves no access-log entry (ADR 0014). Real PostgreSQL, fed contract-valid events through the consumer host.
import { ContractRegistry, type IntegrationEvent } from '@credit-share/contracts';
import { startTestApp, type TestApp } from '@credit-share/testing';
import { CreditProfilesModule } from '../credit-profiles.module';
import { messageOf, organizationRegistered, recordPublished, subjectRegistered, usccOf } from './profile-events.fixture';

interface Identity {
  uscc: string;
  name: string;
}

const ACME = usccOf(1);
const OTHER = usccOf(2);
const UNREGISTERED = usccOf(3);

describe('subject search by name (credit-profiles, real PostgreSQL, over HTTP)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const contracts = new ContractRegistry();

  const deliver = async (events: IntegrationEvent[]) => {
    for (const e of events) expect([e.type, contracts.validate(e)]).toEqual([e.type, []]);
    const byTopic = new Map<string, IntegrationEvent[]>();
    for (const e of events) byTopic.set(messageOf(e).topic, [...(byTopic.get(messageOf(e).topic) ?? []), e]);
    for (const [topic, list] of byTopic) {
      await t.runtime('credit-profiles').consumers.handle({ topic, partition: 0, messages: list.map(messageOf) });
    }
  };
  const search = (name: string | undefined, token: string) =>
    fetch(`${t.url}/api/v1/profiles${name === undefined ? '' : `?name=${encodeURIComponent(name)}`}`, {
      headers: { authorization: `Bearer ${token}` },
    });
  const logged = async () =>
    (await t.runtime('credit-profiles').db.query<{ n: number }>(`SELECT count(*)::int AS n FROM access_log`)).rows[0]!.n;

  beforeAll(async () => {
    t = await startTestApp({ modules: [CreditProfilesModule.forRoot({ serveDirectoryCopy: true })] });
    await deliver([
      organizationRegistered({
        id: 'platform',
        name: '信用中心',
        type: 'platform_operator',
        uscc: '12440300MB2C00013E',
        sharingClasses: ['public'],
      }),
      organizationRegistered({
        id: 'sz-market',
        name: '深圳市市场监督管理局',
        type: 'government_department',
        uscc: '11440300007542058Q',
        sharingClasses: ['public', 'conditional', 'restricted'],
      }),
      subjectRegistered(ACME, '深圳市示例科技有限公司', '2026-01-05T00:00:00Z'),
      subjectRegistered(OTHER, '深圳市另一家有限公司', '2026-01-05T00:00:00Z'),
      // Known only from a record: the name the record carries.
      recordPublished({
        recordId: 'rec-unregistered-1',
        uscc: UNREGISTERED,
        name: '双鸭山智慧城市运营有限公司',
        publicFrom: '2026-03-01T00:00:00Z',
      }),
      ...Array.from({ length: 25 }, (_, i) =>
        subjectRegistered(usccOf(100 + i), `批量测试商贸有限公司${i}`, '2026-01-05T00:00:00Z'),
      ),
    ]);
    tokens.regulator = await t.token({ org: 'sz-market', roles: ['regulator'], user: 'sz-market:li' });
    tokens.operator = await t.token({ org: 'platform', roles: ['operator'], user: 'platform:operator' });
    tokens.enforcer = await t.token({ org: 'sz-market', roles: ['enforcer'], user: 'sz-market:zhou' });
    tokens.provider = await t.token({ org: 'sz-market', roles: ['provider'], user: 'sz-market:zhao' });
    tokens.auditor = await t.token({ org: 'platform', roles: ['auditor'], user: 'platform:auditor' });
    tokens.subject = await t.token({ org: ACME, roles: ['subject'], subject: ACME, user: 'acme:owner' });
  });
  afterAll(() => t.close());

  it('finds subjects whose name contains the text, identity only, for regulators and the operator', async () => {
    for (const token of [tokens.regulator!, tokens.operator!]) {
      const response = await search('示例科技', token);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual([{ uscc: ACME, name: '深圳市示例科技有限公司' }]);
    }
    const both = (await (await search(' 深圳市 ', tokens.regulator!)).json()) as Identity[];
    expect(both.map((s) => s.uscc).sort()).toEqual([ACME, OTHER].sort());
    expect(both.every((s) => Object.keys(s).sort().join() === 'name,uscc')).toBe(true);
  });

  it('finds a subject known only from a record by the name the record carries', async () => {
    const found = (await (await search('双鸭山', tokens.regulator!)).json()) as Identity[];
    expect(found.map((s) => s.uscc)).toContain(UNREGISTERED);
  });

  it('matches % and _ literally and answers no match with an empty list', async () => {
    expect(await (await search('%%', tokens.operator!)).json()).toEqual([]);
    expect(await (await search('__', tokens.operator!)).json()).toEqual([]);
    expect(await (await search('不存在的名字', tokens.operator!)).json()).toEqual([]);
  });

  it('returns at most 20 matches', async () => {
    const found = (await (await search('批量测试', tokens.operator!)).json()) as Identity[];
    expect(found).toHaveLength(20);
    expect(found.every((s) => s.name.startsWith('批量测试商贸有限公司'))).toBe(true);
  });

  it('refuses the subject, providers, enforcers and auditors (403), short or missing text (400), no token (401)', async () => {
    for (const role of ['subject', 'provider', 'enforcer', 'auditor']) {
      expect([role, (await search('示例科技', tokens[role]!)).status]).toEqual([role, 403]);
    }
    for (const name of ['示', ' x ', '', undefined]) {
      const response = await search(name, tokens.regulator!);
      expect([name, response.status]).toEqual([name, 400]);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(((await response.json()) as { errors: { field: string }[] }).errors).toEqual([
        expect.objectContaining({ field: 'name' }),
      ]);
    }
    expect((await fetch(`${t.url}/api/v1/profiles?name=abc`)).status).toBe(401);
  });

  it('leaves no access-log entry: a name search is not a profile query', async () => {
    const before = await logged();
    expect((await search('示例科技', tokens.regulator!)).status).toBe(200);
    expect(await logged()).toBe(before);
  });
});
