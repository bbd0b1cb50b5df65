// `npx credit-share audit verify` against a real ledger whose tables are tampered with directly in SQL, as a database
// administrator could (triggers disabled as superuser): ≥ 100 random tamperings — a byte flipped, a row deleted,
// inserted, swapped or moved, the log truncated or rolled back, a checkpoint changed or re-signed with another key —
// each one detected, and a tampered leaf named by its index.
import { topicOf, type IntegrationEvent } from '@credit-share/contracts';
import type { Database } from '@credit-share/event-store';
import { startTestApp, type TestApp } from '@credit-share/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLedgerModule } from '../../../audit-ledger/src/audit-ledger.module';
import { auditEntryOf, leafBytesOf } from '../../../audit-ledger/src/ledger/audit-entry';
import { messageOf, organizationRegistered, syntheticEvent } from '../../../audit-ledger/src/ledger/integration-event.fixture';
import { LedgerSequencer } from '../../../audit-ledger/src/ledger/ledger-sequencer.scheduler';
import type { LedgerFailure } from '../../../audit-ledger/src/ledger/ledger-verifier';
import { generateNoteKeys, parseSignerKey, signCheckpoint } from '../../../audit-ledger/src/ledger/signed-note';
import { auditCommand, auditVerify } from './audit.command';

const keys = generateNoteKeys('test.credit-share/audit-ledger');
const impostor = parseSignerKey(generateNoteKeys('test.credit-share/audit-ledger').signerKey);
const TAMPERINGS = 120;
const SEED = Number(process.env['AUDIT_MUTATION_SEED'] ?? 20261126);

/** mulberry32: the tamperings are random but reproducible from the seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Tampering {
  description: string;
  sql: string[];
  /** What the verifier must name: the first bad leaf index, or the checkpoint. */
  expect: { index: number } | { checkpoint: number } | { index: number; withState: true };
}

describe('npx credit-share audit verify against direct-SQL tampering (real PostgreSQL)', () => {
  let t: TestApp;
  let db: Database;
  let auditor: string;
  let size: number;
  let checkpoints: { seq: number; tree_size: number }[];
  let stateFile: string;
  const dir = mkdtempSync(join(tmpdir(), 'audit-verify-'));

  const verify = (options: { state?: boolean; key?: boolean } = {}) =>
    auditVerify({
      url: t.url,
      token: auditor,
      key: options.key === false ? undefined : keys.verifierKey,
      state: options.state ? stateFile : undefined,
      samples: 8,
    });

  beforeAll(async () => {
    t = await startTestApp({
      modules: [
        AuditLedgerModule.forRoot({
          serveDirectoryCopy: false,
          ledger: { signingKey: keys.signerKey, keyName: 'unused', dataDir: dir, checkpointIntervalMs: 1_000, batchSize: 10_000 },
        }),
      ],
    });
    db = t.runtime('audit-ledger').db;
    const sequencer = t.app.get(LedgerSequencer);
    await sequencer.stop(); // batches below are sequenced by hand: one checkpoint each, nothing moves during the test
    const deliver = (events: IntegrationEvent[]) =>
      t
        .runtime('audit-ledger')
        .consumers.handle({ topic: topicOf('credit-records'), partition: 0, messages: events.map(messageOf) });
    await deliver([
      organizationRegistered({ id: 'platform', name: '信用中心', type: 'platform_operator', uscc: '12440300MB2C00013E' }),
    ]);
    await sequencer.sequencePending();
    const random = prng(SEED + 1);
    for (let n = 1; n < 300;) {
      const batch = Array.from({ length: 1 + Math.floor(random() * 14) }, () => syntheticEvent(n++));
      await deliver(batch);
      await sequencer.sequencePending();
    }
    auditor = await t.token({ org: 'platform', roles: ['auditor'] });
    ({ rows: checkpoints } = await db.query(`SELECT seq::int, tree_size::int FROM ledger_checkpoints ORDER BY seq`));
    size = checkpoints[checkpoints.length - 1]!.tree_size;
    await db.query(`CREATE TABLE pristine_leaves AS SELECT * FROM ledger_leaves`);
    await db.query(`CREATE TABLE pristine_checkpoints AS SELECT * FROM ledger_checkpoints`);
    stateFile = join(dir, 'verified-checkpoint.json');
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const asSuperuser = async (statements: string[]) => {
    await db.query(`ALTER TABLE ledger_leaves DISABLE TRIGGER USER`);
    await db.query(`ALTER TABLE ledger_checkpoints DISABLE TRIGGER USER`);
    try {
      for (const sql of statements) await db.query(sql);
    } finally {
      await db.query(`ALTER TABLE ledger_leaves ENABLE TRIGGER USER`);
      await db.query(`ALTER TABLE ledger_checkpoints ENABLE TRIGGER USER`);
    }
  };
  const restore = () =>
    asSuperuser([
      `DELETE FROM ledger_leaves`,
      `INSERT INTO ledger_leaves SELECT * FROM pristine_leaves`,
      `DELETE FROM ledger_checkpoints`,
      `INSERT INTO ledger_checkpoints SELECT * FROM pristine_checkpoints`,
    ]);

  // Moves leaves [from, ∞) by `by` positions; two steps, so that no intermediate row collides with the primary key.
  const shift = (from: number, by: number) => [
    `UPDATE ledger_leaves SET leaf_index = leaf_index + 1000000000 WHERE leaf_index >= ${from}`,
    `UPDATE ledger_leaves SET leaf_index = leaf_index - 1000000000 + (${by}) WHERE leaf_index >= 1000000000`,
  ];
  const forgedLeaf = (n: number) =>
    `'\\x${leafBytesOf(auditEntryOf(topicOf('joint-supervision'), syntheticEvent(n, { producer: 'joint-supervision' }))).toString('hex')}'::bytea`;

  function tampering(random: () => number, n: number): Tampering {
    const leaf = (min = 0) => min + Math.floor(random() * (size - min));
    const kind = Math.floor(random() * 11);
    switch (kind) {
      case 0: {
        const i = leaf();
        const bit = Math.floor(random() * 8);
        return {
          description: `flip bit ${bit} of a random byte of leaf ${i}`,
          sql: [
            `UPDATE ledger_leaves SET leaf = set_byte(leaf, k, get_byte(leaf, k) # ${1 << bit})
               FROM (SELECT floor(${random()} * length(leaf))::int AS k FROM ledger_leaves WHERE leaf_index = ${i}) AS p
              WHERE leaf_index = ${i}`,
          ],
          expect: { index: i },
        };
      }
      case 1: {
        const i = leaf();
        return {
          description: `delete leaf ${i}`,
          sql: [`DELETE FROM ledger_leaves WHERE leaf_index = ${i}`],
          expect: { index: i },
        };
      }
      case 2: {
        const i = leaf();
        return {
          description: `delete leaf ${i} and renumber the later ones`,
          sql: [`DELETE FROM ledger_leaves WHERE leaf_index = ${i}`, ...shift(i + 1, -1)],
          expect: { index: i },
        };
      }
      case 3: {
        const i = leaf();
        return {
          description: `insert a forged leaf at ${i}, renumbering the later ones`,
          sql: [
            ...shift(i, 1),
            `INSERT INTO ledger_leaves VALUES (${i}, '${randomUUID()}', '91440300MA5G00001X', ${forgedLeaf(10_000 + n)})`,
          ],
          expect: { index: i },
        };
      }
      case 4: {
        const [i, j] = [leaf(), leaf()];
        return {
          description: `insert a copy of leaf ${j} at ${i}, renumbering the later ones`,
          sql: [
            ...shift(i, 1),
            `INSERT INTO ledger_leaves SELECT ${i}, '${randomUUID()}', subject, leaf FROM pristine_leaves WHERE leaf_index = ${j}`,
          ],
          expect: { index: i },
        };
      }
      case 5:
        return {
          description: `append a forged leaf at ${size}, after the latest checkpoint`,
          sql: [`INSERT INTO ledger_leaves VALUES (${size}, '${randomUUID()}', '91440300MA5G00001X', ${forgedLeaf(20_000 + n)})`],
          expect: { index: size },
        };
      case 6: {
        const i = leaf(0);
        const j = i + 1 + Math.floor(random() * (size - i - 1));
        if (j >= size) return tampering(random, n);
        return {
          description: `swap leaves ${i} and ${j}`,
          sql: [
            `UPDATE ledger_leaves l SET leaf = o.leaf, subject = o.subject
               FROM (SELECT leaf_index, leaf, subject FROM ledger_leaves WHERE leaf_index IN (${i}, ${j})) o
              WHERE l.leaf_index IN (${i}, ${j}) AND o.leaf_index = ${i} + ${j} - l.leaf_index`,
          ],
          expect: { index: i },
        };
      }
      case 7: {
        const i = leaf();
        const j = leaf();
        if (i === j) return tampering(random, n);
        const [lo, hi] = [Math.min(i, j), Math.max(i, j)];
        // Leaf i moves to position j; the leaves between close the gap (a reordering by renumbering only).
        const step = i < j ? -1 : 1;
        return {
          description: `move leaf ${i} to position ${j}`,
          sql: [
            `UPDATE ledger_leaves SET leaf_index = CASE WHEN leaf_index = ${i} THEN ${j} + 1000000000 ELSE leaf_index + (${step}) + 1000000000 END
              WHERE leaf_index BETWEEN ${lo} AND ${hi}`,
            `UPDATE ledger_leaves SET leaf_index = leaf_index - 1000000000 WHERE leaf_index >= 1000000000`,
          ],
          expect: { index: lo },
        };
      }
      case 8: {
        const k = leaf();
        return {
          description: `truncate the log at ${k}`,
          sql: [`DELETE FROM ledger_leaves WHERE leaf_index >= ${k}`],
          expect: { index: k },
        };
      }
      case 9: {
        const c = checkpoints[1 + Math.floor(random() * (checkpoints.length - 1))]!;
        const column = random() < 0.5 ? 'root_hash' : 'signature';
        return {
          description: `flip a byte of checkpoint #${c.seq}'s ${column}`,
          sql: [
            `UPDATE ledger_checkpoints SET ${column} = set_byte(${column}, 3, get_byte(${column}, 3) # 16) WHERE seq = ${c.seq}`,
          ],
          expect: { checkpoint: c.seq },
        };
      }
      default: {
        const c = checkpoints[1 + Math.floor(random() * (checkpoints.length - 1))]!;
        return { description: `re-sign checkpoint #${c.seq} with another key`, sql: [], expect: { checkpoint: c.seq } };
      }
    }
  }

  it('verifies the untampered ledger, and keeps its latest checkpoint for the next run', async () => {
    const { verdict, report } = await verify({ state: true });
    expect(verdict).toMatchObject({ ok: true, treeSize: size, checkpoints: checkpoints.length });
    expect(report).toContain(`audit ledger verified: ${size} entries, ${checkpoints.length} checkpoints`);
  });

  it(`detects ${TAMPERINGS} random tamperings and names the first bad index`, async () => {
    const random = prng(SEED);
    const outcomes: string[] = [];
    for (let n = 0; n < TAMPERINGS; n++) {
      const tamper = tampering(random, n);
      if (tamper.sql.length === 0) {
        // Re-signed with another key: the same checkpoint text, a valid signature, but not by the ledger's key.
        const seq = (tamper.expect as { checkpoint: number }).checkpoint;
        const { rows } = await db.query(`SELECT tree_size::int, root_hash, signed_at FROM ledger_checkpoints WHERE seq = $1`, [
          seq,
        ]);
        const resigned = signCheckpoint(
          { treeSize: rows[0].tree_size, rootHash: rows[0].root_hash, timestamp: new Date(rows[0].signed_at) },
          impostor,
        );
        tamper.sql.push(
          `UPDATE ledger_checkpoints SET key_id = '${resigned.keyId}', signature = decode('${Buffer.from(resigned.signature, 'base64').toString('hex')}', 'hex') WHERE seq = ${seq}`,
        );
      }
      await asSuperuser(tamper.sql);
      const { verdict } = await verify();
      await restore();
      const failure = verdict as LedgerFailure;
      const named = 'checkpoint' in tamper.expect ? { checkpoint: failure.checkpoint } : { index: failure.index };
      outcomes.push(`${tamper.description}: ${verdict.ok ? 'NOT DETECTED' : `${JSON.stringify(named)} ${failure.reason}`}`);
      expect([n, tamper.description, verdict.ok, named]).toEqual([n, tamper.description, false, tamper.expect]);
    }
    const kinds = new Set(outcomes.map((o) => o.replace(/[0-9#]+/g, 'N').replace(/:.*/, '')));
    expect(kinds.size).toBeGreaterThanOrEqual(10); // every kind of tampering was drawn
    expect((await verify()).verdict.ok).toBe(true); // and every restore was complete
  });

  it('detects a rollback (log and checkpoints truncated together) against the checkpoint kept from the last run', async () => {
    const cut = checkpoints[Math.floor(checkpoints.length / 2)]!;
    await asSuperuser([
      `DELETE FROM ledger_leaves WHERE leaf_index >= ${cut.tree_size}`,
      `DELETE FROM ledger_checkpoints WHERE seq > ${cut.seq}`,
    ]);
    try {
      expect((await verify()).verdict.ok).toBe(true); // without memory, a shorter log is a consistent log
      const { verdict } = await verify({ state: true });
      expect(verdict).toMatchObject({ ok: false, index: cut.tree_size, reason: expect.stringMatching(/shrank/) });
    } finally {
      await restore();
    }
  });

  it('catches a re-signed checkpoint even when it trusts the key the ledger publishes', async () => {
    const c = checkpoints[3]!;
    const resigned = signCheckpoint({ treeSize: c.tree_size, rootHash: Buffer.alloc(32, 9), timestamp: new Date() }, impostor);
    await asSuperuser([
      `UPDATE ledger_checkpoints SET key_id = '${resigned.keyId}', root_hash = decode('${'09'.repeat(32)}', 'hex'),
         signature = decode('${Buffer.from(resigned.signature, 'base64').toString('hex')}', 'hex') WHERE seq = ${c.seq}`,
    ]);
    try {
      const { verdict, report } = await verify({ key: false });
      expect(verdict).toMatchObject({ ok: false, checkpoint: c.seq });
      expect(report).toContain('using the key the ledger publishes');
    } finally {
      await restore();
    }
  });

  it('exits with 1 and names the first bad index on the command line, 0 when the ledger verifies', async () => {
    const output: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (output.push(String(chunk)), true));
    const run = async () => {
      output.length = 0;
      process.exitCode = undefined;
      await auditCommand(['verify', '--url', t.url, '--token', auditor, '--key', keys.verifierKey]);
      const code = process.exitCode ?? 0;
      process.exitCode = undefined;
      return { code, text: output.join('') };
    };
    try {
      expect(await run()).toMatchObject({ code: 0, text: expect.stringContaining('audit ledger verified') });
      await asSuperuser([`UPDATE ledger_leaves SET leaf = set_byte(leaf, 40, get_byte(leaf, 40) # 1) WHERE leaf_index = 77`]);
      const tampered = await run();
      expect(tampered.code).toBe(1);
      expect(tampered.text).toContain('audit ledger verification FAILED');
      expect(tampered.text).toContain('first bad index: 77');
    } finally {
      spy.mockRestore();
      await restore();
    }
  });
});
