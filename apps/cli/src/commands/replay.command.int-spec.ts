// `npx credit-share replay` rebuilds every read model from history: credit-records' directory from its own events,
// and each consumer's copy of the directory from the audit ledger's entries — identical to the live tables, and only
// from a ledger that verifies.
import { PlatformConfig, loadConfig } from '@credit-share/bootstrap';
import { ContractRegistry, SERVICES, topicOf, type IntegrationEvent, type ServiceName } from '@credit-share/contracts';
import { HistoryBehindConsumer, rebuildFromHistory } from '@credit-share/messaging';
import { startTestApp, waitFor, type TestApp } from '@credit-share/testing';
import { directoryCopyProjection, OrganizationDirectory } from '@credit-share/auth';
import { messageOf, organizationRegistered } from '../../../audit-ledger/src/ledger/integration-event.fixture';
import { LedgerRepository } from '../../../audit-ledger/src/ledger/ledger.repository';
import { organizationCodeCheckCharacter, usccCheckCharacter } from '../../../credit-records/src/subject/uscc';
import { StandaloneModule } from '../../../standalone/src/standalone.module';
import { profilesDumpHash } from '../../../credit-profiles/src/profile/profile.projection';
import * as profileEvents from '../../../credit-profiles/src/profile/profile-events.fixture';
import { replay, replayCommand } from './replay.command';

const CONSUMERS = SERVICES.filter((s) => s !== 'credit-records');
/** A well-formed USCC (GB 32100) for test organisation n. */
const usccOf = (n: number): string => {
  const body = `MA${String(n).padStart(6, '0')}`;
  const first17 = `91440300${body}${organizationCodeCheckCharacter(body)}`;
  return first17 + usccCheckCharacter(first17);
};
const department = (n: number) => ({
  id: `dept-${n}`,
  name: `测试部门 ${n}`,
  type: 'government_department',
  uscc: usccOf(n),
  catalogueItems: ['administrative_penalty'],
  sharingClasses: ['public'],
});

describe('npx credit-share replay (standalone, real PostgreSQL)', () => {
  let t: TestApp;
  let dataDir = '';
  const output: string[] = [];
  const snapshot = async (service: ServiceName) =>
    (await t.runtime(service).db.query(`SELECT to_jsonb(o)::text AS row FROM organizations o ORDER BY id`)).rows.map(
      (r) => r.row,
    );
  const ledgerSize = async () => (await new LedgerRepository(t.runtime('audit-ledger').db).head()).treeSize;
  const print = (line: string) => output.push(line);

  beforeAll(async () => {
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true); // progress lines
    t = await startTestApp({
      modules: [],
      root: ({ databaseUrl, dataDir: dir }) => {
        dataDir = dir;
        return StandaloneModule.forRoot(loadConfig(PlatformConfig, { DATA_DIR: dir }), databaseUrl);
      },
    });
    const operator = await t.token({ org: 'platform', roles: ['operator'] });
    const call = (method: string, path: string, body: unknown) =>
      fetch(`${t.url}/api/v1/organizations${path}`, {
        method,
        headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    for (const n of [0, 1, 2]) expect((await call('POST', '', department(n))).status).toBe(201);
    expect(
      (await call('PUT', '/dept-1/permissions', { catalogueItems: ['tax_rating'], sharingClasses: ['public', 'conditional'] }))
        .status,
    ).toBe(200);
    // platform + 3 registrations + 1 change, in every consumer's copy and in the ledger.
    await waitFor(async () => (await ledgerSize()) === 5, { description: 'the ledger to record the directory events' });
    for (const service of CONSUMERS) {
      await waitFor(
        async () => (await snapshot(service)).length === 4 && (await snapshot(service)).some((r) => r.includes('"version": 2')),
        {
          description: `${service}'s copy`,
        },
      );
    }
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  it('rebuilds every consumer copy from the ledger, identical to the live tables, and the owner from its events', async () => {
    const before = await Promise.all(SERVICES.map(snapshot));
    await replay(t.app, {}, print);
    expect(await Promise.all(SERVICES.map(snapshot))).toEqual(before);
    expect(output).toContainEqual(expect.stringMatching(/^rebuilt credit-records\/organizations from 5 events/));
    for (const service of CONSUMERS) {
      expect(output).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^rebuilt ${service}/organizations from the audit ledger \\(5 events of 5 entries, checkpoint #\\d+\\) in .* s: identical to the live table$`,
          ),
        ),
      );
    }
  });

  it('finds and repairs a copy that drifted from the history; --dry-run only reports', async () => {
    const good = await snapshot('joint-supervision');
    await t.runtime('joint-supervision').db.query(`UPDATE organizations SET name = 'drifted', version = 9 WHERE id = 'dept-2'`);
    output.length = 0;
    await replay(t.app, { projection: 'joint-supervision/organizations', dryRun: true }, print);
    expect(output[0]).toMatch(
      /^compared joint-supervision\/organizations .*: DIFFERENT from the live table: 1 live row\(s\) not reproduced, 1 rebuilt row\(s\) not live$/,
    );
    expect(output.join('\n')).toContain('- live:    organizations {');
    expect(await snapshot('joint-supervision')).not.toEqual(good);
    output.length = 0;
    await replay(t.app, { projection: 'joint-supervision/organizations' }, print);
    expect(output[0]).toMatch(/DIFFERENT from the live table/);
    expect(await snapshot('joint-supervision')).toEqual(good);
  });

  it('rebuilds nothing from a ledger whose entries do not match its signed checkpoint', async () => {
    const db = t.runtime('audit-ledger').db;
    const before = await snapshot('credit-profiles');
    await t.runtime('credit-profiles').db.query(`UPDATE organizations SET name = 'drifted' WHERE id = 'dept-0'`);
    await db.query(`ALTER TABLE ledger_leaves DISABLE TRIGGER USER`);
    try {
      await db.query(
        `UPDATE ledger_leaves SET leaf = convert_to(replace(convert_from(leaf, 'UTF8'), '测试部门', '伪造部门'), 'UTF8') WHERE leaf_index = 2`,
      );
      await expect(replay(t.app, { projection: 'credit-profiles/organizations' }, print)).rejects.toThrow(
        /do not match its signed checkpoint/,
      );
      expect(await snapshot('credit-profiles')).not.toEqual(before); // the drift is still there: nothing was rebuilt
    } finally {
      await db.query(
        `UPDATE ledger_leaves SET leaf = convert_to(replace(convert_from(leaf, 'UTF8'), '伪造部门', '测试部门'), 'UTF8') WHERE leaf_index = 2`,
      );
      await db.query(`ALTER TABLE ledger_leaves ENABLE TRIGGER USER`);
    }
    await replay(t.app, { projection: 'credit-profiles/organizations' }, print);
    expect(await snapshot('credit-profiles')).toEqual(before);
  });

  it('refuses to drop effects the history lacks, and records what the consumer has not received yet', async () => {
    const db = t.runtime('enforcement-coordination').db;
    const projection = directoryCopyProjection(new OrganizationDirectory(db));
    const contracts = new ContractRegistry();
    const ledger = new LedgerRepository(t.runtime('audit-ledger').db);
    const recorded = async function* () {
      const entries = await ledger.entries(0, 1_000);
      yield entries.map((e) => (JSON.parse(e.leaf.toString('utf8')) as { event: IntegrationEvent }).event);
    };
    const before = await snapshot('enforcement-coordination');
    // A message the consumer applied, absent from the history.
    const applied = organizationRegistered({ ...department(9), id: 'dept-9' }, 9);
    await t.runtime('enforcement-coordination').consumers.handle({
      topic: topicOf('credit-records'),
      partition: 0,
      messages: [messageOf(applied)],
    });
    const withNine = await snapshot('enforcement-coordination');
    await expect(rebuildFromHistory(db, projection, recorded(), { contracts })).rejects.toThrow(HistoryBehindConsumer);
    expect(await snapshot('enforcement-coordination')).toEqual(withNine);
    // A message in the history the consumer has not received: applied by the rebuild, then recognised as a repeat.
    const later = organizationRegistered({ ...department(8), id: 'dept-8' }, 8);
    const withLater = async function* () {
      yield* recorded();
      yield [applied, later];
    };
    const result = await rebuildFromHistory(db, projection, withLater(), { contracts });
    expect(result).toMatchObject({ applied: 7, claimed: 1, identical: false });
    expect(result.differences).toMatchObject({ live: [], rebuilt: [expect.stringContaining('"dept-8"')] });
    await t
      .runtime('enforcement-coordination')
      .consumers.handle({ topic: topicOf('credit-records'), partition: 0, messages: [messageOf(later)] });
    const rows = await snapshot('enforcement-coordination');
    expect(rows.find((r) => r.includes('"dept-8"'))).toContain('"version": 1');
    expect(rows).toHaveLength(before.length + 2);
  });

  it('drops and rebuilds the credit profiles from their stored history, with the same canonical dump hash', async () => {
    const runtime = t.runtime('credit-profiles');
    const uscc = profileEvents.usccOf(42);
    const record = { recordId: 'replay-r1', uscc, publicFrom: '2026-03-01T00:00:00Z' };
    for (const event of [
      profileEvents.subjectRegistered(uscc, '重放测试有限公司', '2026-01-01T00:00:00Z'),
      profileEvents.recordPublished(record),
      profileEvents.objectionFiled(record, 'replay-o1', '2026-04-01T00:00:00Z'),
      profileEvents.gradeChanged(uscc, 'B', 85, '2026-04-02T00:00:00Z', [
        { recordId: 'replay-r1', rule: 'penalty.general', points: -15 },
      ]),
    ]) {
      await runtime.consumers.handle({
        topic: profileEvents.messageOf(event).topic,
        partition: 0,
        messages: [profileEvents.messageOf(event)],
      });
    }
    const live = await profilesDumpHash(runtime.db);
    await runtime.db.query(`UPDATE profiles SET doc = jsonb_set(doc, '{name}', '"drifted"') WHERE uscc = $1`, [uscc]);
    output.length = 0;
    await replay(t.app, { projection: 'profiles' }, print);
    expect(output).toEqual([
      expect.stringMatching(/^rebuilt credit-profiles\/profiles from 4 events in .* s: DIFFERENT from the live table/),
    ]);
    expect(await profilesDumpHash(runtime.db)).toEqual(live);
    output.length = 0;
    await replay(t.app, { projection: 'credit-profiles/profiles' }, print);
    expect(output).toEqual([
      `rebuilt credit-profiles/profiles from 4 events in ${/in (\S+) s/.exec(output[0]!)![1]} s: 1 rows, dump sha256 ${live.hash}, identical to the live table`,
    ]);
  });

  it('runs as the command, against the same database and data directory', async () => {
    const saved = { url: process.env['DATABASE_URL'], dir: process.env['DATA_DIR'] };
    process.env['DATABASE_URL'] = t.databaseUrl;
    process.env['DATA_DIR'] = dataDir;
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (output.push(String(chunk)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    output.length = 0;
    try {
      await replayCommand(['--projection', 'audit-ledger/organizations', '--dry-run']);
    } finally {
      spy.mockRestore();
      jest.restoreAllMocks();
      process.env['DATABASE_URL'] = saved.url;
      process.env['DATA_DIR'] = saved.dir;
      if (saved.url === undefined) delete process.env['DATABASE_URL'];
      if (saved.dir === undefined) delete process.env['DATA_DIR'];
    }
    expect(output.join('')).toMatch(/compared audit-ledger\/organizations from the audit ledger .*: identical to the live table/);
  });
});
