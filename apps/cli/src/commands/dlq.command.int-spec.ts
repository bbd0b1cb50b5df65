import { PlatformConfig, loadConfig } from '@credit-share/bootstrap';
import { startTestApp, type TestApp } from '@credit-share/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StandaloneModule } from '../../../standalone/src/standalone.module';
import { dlqCommand } from './dlq.command';

const USCC = '91110000600037341L';
const MESSAGE_ID = '0192f0c4-0000-7000-8000-0000000000aa';

describe('npx credit-share dlq (real PostgreSQL)', () => {
  let t: TestApp;
  const output: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      modules: [],
      root: ({ databaseUrl, dataDir }) =>
        StandaloneModule.forRoot(loadConfig(PlatformConfig, { DATA_DIR: dataDir }), databaseUrl),
    });
    // A message joint-supervision parked earlier (its handler failed then), now applicable.
    const envelope = {
      id: MESSAGE_ID,
      type: 'OrganizationRegistered',
      version: 1,
      occurredAt: '2026-11-26T08:00:00.000Z',
      recordedAt: '2026-11-26T08:00:00.000Z',
      subject: USCC,
      producer: 'credit-records',
      data: {
        id: 'parked-org',
        name: 'Parked',
        type: 'government_department',
        uscc: USCC,
        catalogueItems: [],
        sharingClasses: ['public'],
      },
    };
    await t.runtime('joint-supervision').db.query(
      `INSERT INTO parked_messages (message_id, topic, subject, reason, headers, value, error, attempts)
       VALUES ($1, 'credit-share.credit-records.v1', $2, 'poison', $3, $4, 'Error: handler bug', 5)`,
      [MESSAGE_ID, USCC, { 'message-id': MESSAGE_ID }, JSON.stringify(envelope)],
    );
    process.env['DATABASE_URL'] = t.databaseUrl;
    process.env['DATA_DIR'] = mkdtempSync(join(tmpdir(), 'dlq-cli-'));
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (output.push(String(chunk)), true));
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    delete process.env['DATABASE_URL'];
    delete process.env['DATA_DIR'];
    await t.close();
  });

  it('lists parked messages per service and subject', async () => {
    await dlqCommand(['list']);
    expect(output.join('')).toContain(`joint-supervision\t${USCC}\tpoison\t1\tError: handler bug`);
  });

  it('redrives them into the service and unblocks the subject', async () => {
    output.length = 0;
    await dlqCommand(['redrive', '--service', 'joint-supervision', '--subject', USCC]);
    expect(output.join('')).toBe('joint-supervision: 1 applied, 0 still parked\n');
    const { rows } = await t
      .runtime('joint-supervision')
      .db.query(`SELECT id, version FROM organizations WHERE id = 'parked-org'`);
    expect(rows).toEqual([{ id: 'parked-org', version: 1 }]);
  });

  it('refuses an unknown service', async () => {
    await expect(dlqCommand(['redrive', '--service', 'nope'])).rejects.toThrow('unknown service "nope"');
  });
});
