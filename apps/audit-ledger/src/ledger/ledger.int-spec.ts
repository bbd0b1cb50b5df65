// The audit ledger as a service over HTTP, against a real PostgreSQL: every integration event it receives becomes one
// leaf, gap-free, under signed checkpoints; the routes serve entries, checkpoints (JSON and C2SP notes) and proofs
// that verify; only auditors read them; the tables refuse changes.
import { topicOf, type IntegrationEvent } from '@credit-share/contracts';
import { startTestApp, waitFor, type TestApp } from '@credit-share/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLedgerModule } from '../audit-ledger.module';
import { auditEntryOf, leafBytesOf } from './audit-entry';
import { messageOf, organizationRegistered, syntheticEvent } from './integration-event.fixture';
import { LedgerIntegrityError, LedgerSequencer } from './ledger-sequencer.scheduler';
import { verifyLedger, type LedgerReader, type SequencedCheckpoint } from './ledger-verifier';
import { LedgerRepository } from './ledger.repository';
import { leafHash, verifyConsistency, verifyInclusion } from './merkle';
import { checkpointFromSignedNote, generateNoteKeys, parseSignerKey, parseVerifierKey, verifyCheckpoint } from './signed-note';

const PLATFORM = { id: 'platform', name: '信用中心', type: 'platform_operator', uscc: '12440300MB2C00013E' };
const DEPARTMENT = { id: 'sz-tax', name: '深圳市税务局', type: 'government_department', uscc: '11440300690000023Q' };
const keys = generateNoteKeys('test.credit-share/audit-ledger');
const verifier = parseVerifierKey(keys.verifierKey);

describe('audit ledger (one service, real PostgreSQL, over HTTP)', () => {
  let t: TestApp;
  let auditor: string;
  let sequencer: LedgerSequencer;
  const recorded: IntegrationEvent[] = [];

  const deliver = async (events: IntegrationEvent[]) => {
    const byTopic = new Map<string, IntegrationEvent[]>();
    for (const e of events) byTopic.set(topicOf(e.producer as never), [...(byTopic.get(topicOf(e.producer as never)) ?? []), e]);
    // Topics arrive concurrently, as from four relays or Kafka partitions.
    await Promise.all(
      [...byTopic].map(([topic, list]) =>
        t.runtime('audit-ledger').consumers.handle({ topic, partition: 0, messages: list.map(messageOf) }),
      ),
    );
    recorded.push(...events);
  };
  const get = (path: string, token = auditor, headers: Record<string, string> = {}) =>
    fetch(`${t.url}/api/v1/audit${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  const json = async <T>(path: string, token = auditor): Promise<T> => {
    const response = await get(path, token);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const latest = () => json<SequencedCheckpoint>('/checkpoint');

  beforeAll(async () => {
    t = await startTestApp({
      modules: [
        AuditLedgerModule.forRoot({
          serveDirectoryCopy: true,
          ledger: {
            signingKey: keys.signerKey,
            keyName: 'unused',
            dataDir: mkdtempSync(join(tmpdir(), 'ledger-')),
            checkpointIntervalMs: 20,
            batchSize: 500,
          },
        }),
      ],
    });
    sequencer = t.app.get(LedgerSequencer);
    await deliver([organizationRegistered(PLATFORM), organizationRegistered(DEPARTMENT, 1)]);
    await waitFor(async () => (await new LedgerRepository(t.runtime('audit-ledger').db).head()).treeSize === 2);
    auditor = await t.token({ org: 'platform', roles: ['auditor'] });
  });
  afterAll(() => t.close());

  it('records every event of every producer as one leaf, in a gap-free order, covered by signed checkpoints', async () => {
    const events = Array.from({ length: 1_200 }, (_, i) => syntheticEvent(i + 10));
    await Promise.all([deliver(events.slice(0, 600)), deliver(events.slice(600))]);
    const checkpoint = await waitFor(async () => {
      const c = await latest();
      return c.treeSize === recorded.length ? c : undefined;
    });
    expect(verifyCheckpoint(checkpoint, [verifier])).toBe(true);

    const leaves: Buffer[] = [];
    for (let start = 0; start < checkpoint.treeSize; start += 1_000) {
      const { entries } = await json<{ entries: { index: number; leaf: string }[] }>(
        `/entries?start=${start}&end=${start + 1_000}`,
      );
      entries.forEach((e, i) => expect(e.index).toBe(start + i));
      leaves.push(...entries.map((e) => Buffer.from(e.leaf, 'base64')));
    }
    expect(leaves).toHaveLength(recorded.length);
    // Each message once, as the canonical JSON of {format, topic, envelope}: reproducible from the message alone.
    const expected = new Map(recorded.map((e) => [e.id, leafBytesOf(auditEntryOf(topicOf(e.producer as never), e))]));
    const seen = new Set<string>();
    for (const leaf of leaves) {
      const id = (JSON.parse(leaf.toString('utf8')) as { event: { id: string } }).event.id;
      expect(seen.has(id)).toBe(false);
      seen.add(id);
      expect(leaf.equals(expected.get(id)!)).toBe(true);
    }
    expect(seen.size).toBe(recorded.length);
  });

  it('records a redelivered message once', async () => {
    const before = (await latest()).treeSize;
    const again = recorded.slice(-5);
    await t
      .runtime('audit-ledger')
      .consumers.handle({ topic: topicOf('credit-profiles'), partition: 0, messages: again.map(messageOf) });
    await sequencer.sequencePending();
    expect((await latest()).treeSize).toBe(before);
  });

  it('keeps the checkpoints as a signed chain, each consistent with the one before', async () => {
    await deliver(Array.from({ length: 30 }, (_, i) => syntheticEvent(5_000 + i)));
    await sequencer.sequencePending();
    const { checkpoints } = await json<{ checkpoints: SequencedCheckpoint[] }>('/checkpoints?start=1');
    expect(checkpoints.map((c) => c.seq)).toEqual(checkpoints.map((_, i) => i + 1));
    expect(checkpoints[0]).toMatchObject({ treeSize: 0, rootHash: '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' });
    for (let i = 1; i < checkpoints.length; i++) {
      const [a, b] = [checkpoints[i - 1]!, checkpoints[i]!];
      expect(verifyCheckpoint(b, [verifier])).toBe(true);
      expect(b.treeSize).toBeGreaterThan(a.treeSize); // a checkpoint is signed only when leaves were added
      expect(b.timestamp >= a.timestamp).toBe(true);
      const proof = await json<{ from: number; to: number; hashes: string[] }>(
        `/proofs/consistency?from=${a.treeSize}&to=${b.treeSize}`,
      );
      const hashes = proof.hashes.map((h) => Buffer.from(h, 'base64'));
      expect(
        verifyConsistency(a.treeSize, b.treeSize, Buffer.from(a.rootHash, 'base64'), Buffer.from(b.rootHash, 'base64'), hashes),
      ).toBe(true);
    }
    const page = await json<{ checkpoints: SequencedCheckpoint[] }>('/checkpoints?start=2&limit=2');
    expect(page.checkpoints.map((c) => c.seq)).toEqual([2, 3]);
  });

  it('serves inclusion proofs that verify against the signed checkpoint of their tree size', async () => {
    const { checkpoints } = await json<{ checkpoints: SequencedCheckpoint[] }>('/checkpoints');
    const target = checkpoints[Math.floor(checkpoints.length / 2)]!;
    for (const index of [0, 1, Math.floor(target.treeSize / 3), target.treeSize - 1]) {
      const { entries } = await json<{ entries: { index: number; leaf: string }[] }>(`/entries?start=${index}&end=${index + 1}`);
      const proof = await json<{ leafIndex: number; treeSize: number; hashes: string[] }>(
        `/proofs/inclusion?index=${index}&treeSize=${target.treeSize}`,
      );
      expect(proof).toMatchObject({ leafIndex: index, treeSize: target.treeSize });
      const leaf = Buffer.from(entries[0]!.leaf, 'base64');
      const hashes = proof.hashes.map((h) => Buffer.from(h, 'base64'));
      expect(verifyInclusion(index, target.treeSize, leafHash(leaf), hashes, Buffer.from(target.rootHash, 'base64'))).toBe(true);
      expect(
        verifyInclusion(index, target.treeSize, leafHash(Buffer.from('x')), hashes, Buffer.from(target.rootHash, 'base64')),
      ).toBe(false);
    }
    const byDefault = await json<{ treeSize: number }>('/proofs/inclusion?index=0');
    expect(byDefault.treeSize).toBe((await latest()).treeSize);
  });

  it('publishes the checkpoint as a C2SP signed note, readable with the published verifier key', async () => {
    const checkpoint = await latest();
    for (const response of [await get('/checkpoint', auditor, { accept: 'text/plain' }), await get('/checkpoint/note')]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      const note = await response.text();
      expect(note).toMatch(new RegExp(`^test\\.credit-share/audit-ledger\\n${checkpoint.treeSize}\\n`));
      const { seq: _seq, ...signed } = checkpoint;
      expect(checkpointFromSignedNote(note, [verifier])).toEqual(signed);
    }
    const key = await (await fetch(`${t.url}/api/v1/audit/key`)).json(); // public, like a JWKS
    expect(key).toEqual({ name: verifier.name, keyId: checkpoint.keyId, verifierKey: keys.verifierKey });
  });

  it('verifies end to end with the outside verifier over HTTP', async () => {
    const reader: LedgerReader = {
      checkpoints: (start, limit) => json(`/checkpoints?start=${start}&limit=${limit}`),
      latestCheckpoint: () => json('/checkpoint'),
      entries: (start, end) => json(`/entries?start=${start}&end=${end}`),
      inclusionProof: (index, treeSize) => json(`/proofs/inclusion?index=${index}&treeSize=${treeSize}`),
      consistencyProof: (from, to) => json(`/proofs/consistency?from=${from}&to=${to}`),
    };
    expect(await verifyLedger(reader, { verifiers: [verifier] })).toMatchObject({ ok: true, treeSize: recorded.length });
  });

  it('refuses bad parameters with problem details', async () => {
    const size = (await latest()).treeSize;
    const cases: [string, string][] = [
      [`/proofs/inclusion?index=${size}&treeSize=${size}`, 'AUDIT.BEYOND_LOG'],
      [`/proofs/inclusion?index=0&treeSize=${size + 1}`, 'AUDIT.BEYOND_LOG'],
      ['/proofs/inclusion?index=-1', 'REQUEST.VALIDATION_FAILED'],
      ['/proofs/inclusion?index=abc', 'REQUEST.VALIDATION_FAILED'],
      ['/proofs/inclusion', 'REQUEST.VALIDATION_FAILED'],
      [`/proofs/consistency?from=3&to=2`, 'AUDIT.FROM_AFTER_TO'],
      [`/proofs/consistency?from=1&to=${size + 1}`, 'AUDIT.BEYOND_LOG'],
      ['/entries?start=5&end=2', 'AUDIT.EMPTY_RANGE'],
      ['/entries?start=0&end=2&extra=1', 'REQUEST.VALIDATION_FAILED'],
      ['/checkpoints?limit=5000', 'REQUEST.VALIDATION_FAILED'],
    ];
    for (const [path, code] of cases) {
      const response = await get(path);
      expect([path, response.status]).toEqual([path, 400]);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(await response.json()).toMatchObject({ code });
    }
    const { entries } = await json<{ entries: unknown[] }>(`/entries?start=${size - 2}&end=${size + 50}`);
    expect(entries).toHaveLength(2);
    expect((await json<{ entries: unknown[] }>('/entries?start=0&end=5000')).entries).toHaveLength(1_000);
    expect((await json<{ entries: unknown[] }>('/entries?start=0&end=0')).entries).toHaveLength(0);
  });

  it('admits auditors only (of the platform or a department), and serves the verifier key to anyone', async () => {
    const routes = [
      '/checkpoint',
      '/checkpoint/note',
      '/checkpoints',
      '/entries?start=0',
      '/proofs/inclusion?index=0',
      '/proofs/consistency?from=1&to=2',
    ];
    const tokens: [string, string | undefined, number][] = [
      ['no token', undefined, 401],
      ['platform operator', await t.token({ org: 'platform', roles: ['operator'] }), 403],
      ['department regulator', await t.token({ org: 'sz-tax', roles: ['regulator', 'provider', 'enforcer'] }), 403],
      ['subject', await t.token({ org: DEPARTMENT.uscc, roles: ['subject'], subject: DEPARTMENT.uscc }), 403],
      ['auditor of an unknown organisation', await t.token({ org: 'nobody', roles: ['auditor'] }), 403],
      ['department auditor', await t.token({ org: 'sz-tax', roles: ['auditor'] }), 200],
      ['platform auditor', auditor, 200],
    ];
    for (const route of routes) {
      for (const [who, token, status] of tokens) {
        const response = await fetch(`${t.url}/api/v1/audit${route}`, {
          headers: token ? { authorization: `Bearer ${token}` } : {},
        });
        expect([route, who, response.status]).toEqual([route, who, status]);
      }
    }
    expect((await fetch(`${t.url}/api/v1/audit/key`)).status).toBe(200);
  });

  it('keeps its directory copy from the events it records, and records events that break their contract too', async () => {
    const broken = organizationRegistered({ ...DEPARTMENT, id: 'Not A Valid Id', uscc: '11440300690000031F' }, 9);
    await deliver([organizationRegistered({ ...DEPARTMENT, id: 'sz-amr', uscc: '11440300690000015X' }, 8), broken]);
    await sequencer.sequencePending();
    const organizations = await json<{ id: string }[]>('/../organizations');
    expect(organizations.map((o) => o.id).sort()).toEqual(['platform', 'sz-amr', 'sz-tax']);
    const { rows } = await t
      .runtime('audit-ledger')
      .db.query(`SELECT leaf_index FROM ledger_leaves WHERE message_id = $1`, [broken.id]);
    expect(rows).toHaveLength(1);
  });

  it('refuses to change, delete or truncate leaves, subtree hashes and checkpoints', async () => {
    const db = t.runtime('audit-ledger').db;
    for (const sql of [
      `UPDATE ledger_leaves SET leaf = 'x' WHERE leaf_index = 0`,
      `DELETE FROM ledger_leaves WHERE leaf_index = 0`,
      `TRUNCATE ledger_leaves`,
      `UPDATE ledger_nodes SET hash = hash WHERE level = 0 AND node_index = 0`,
      `DELETE FROM ledger_nodes`,
      `UPDATE ledger_checkpoints SET tree_size = 0 WHERE seq = 2`,
      `DELETE FROM ledger_checkpoints WHERE seq = 1`,
    ]) {
      await expect(db.query(sql)).rejects.toThrow(/append-only|permission denied/);
    }
  });

  it('stops appending, and reports unhealthy, when the stored tree no longer matches its signed root', async () => {
    await sequencer.stop(); // the running sequencer trusts the tree it holds in memory; a restarted one reads it back
    const db = t.runtime('audit-ledger').db;
    const restarted = () =>
      new LedgerSequencer(
        db,
        new LedgerRepository(db),
        parseSignerKey(keys.signerKey),
        { now: () => new Date() },
        {
          intervalMs: 20,
          batchSize: 100,
        },
      );
    await restarted().sequencePending(); // the stored tree is intact
    const size = (await latest()).treeSize;
    await db.query(`ALTER TABLE ledger_nodes DISABLE TRIGGER USER`);
    try {
      // The largest perfect subtree on the left is part of the tree of every later size.
      await db.query(
        `UPDATE ledger_nodes SET hash = sha256(hash)
          WHERE node_index = 0 AND level = (SELECT max(level) FROM ledger_nodes WHERE node_index = 0)`,
      );
    } finally {
      await db.query(`ALTER TABLE ledger_nodes ENABLE TRIGGER USER`);
    }
    await deliver([syntheticEvent(70_000)]);
    const fresh = restarted();
    await expect(fresh.sequencePending()).rejects.toThrow(LedgerIntegrityError);
    expect(() => fresh.assertIntegrity()).toThrow(/does not match its signed checkpoint/);
    expect((await latest()).treeSize).toBe(size);
  });
});
