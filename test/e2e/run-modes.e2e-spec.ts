// The two commands of the README, as a user runs them: `npm start` (standalone: embedded PostgreSQL under DATA_DIR,
// in-process transport, data kept across restarts) with tokens from `npx credit-share token`, and `npm run cluster`
// (embedded PostgreSQL, a Kafka broker, every service as a process, the gateway on PORT), both stopping cleanly.
import { freePort, projectRoot, ServiceProcess } from '@credit-share/local-infra';
import { waitFor } from '@credit-share/testing';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { department } from './support';

const root = projectRoot();

function cli(args: string[], env: Record<string, string>): string {
  return execFileSync(process.execPath, [join(root, 'bin', 'credit-share.js'), ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: 'pipe',
  }).trim();
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
  );
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(process.env['CREDIT_SHARE_E2E_DIR']!, prefix));
  chmodSync(dir, 0o755);
  return dir;
}

describe('npm start (standalone)', () => {
  it('serves the API with tokens from the CLI, keeps its data across a restart, and stops its PostgreSQL', async () => {
    const dataDir = tempDir('standalone-');
    const env = { DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()), LOG_LEVEL: 'warn' };
    const platform = new ServiceProcess({
      app: 'standalone',
      port: await freePort(),
      env,
      logFile: join(dataDir, 'standalone.log'),
      readyTimeoutMs: 120_000,
    });
    await platform.start();
    const token = cli(['token', '--org', 'platform', '--roles', 'operator'], env);
    const organizations = `${platform.url}/api/v1/organizations`;
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    expect((await fetch(organizations)).status).toBe(401);
    expect((await fetch(organizations, { method: 'POST', headers: auth, body: JSON.stringify(department(7)) })).status).toBe(201);
    for (const path of ['/health', '/api/openapi.json', '/api/docs'])
      expect((await fetch(`${platform.url}${path}`)).status).toBe(200);

    await platform.stop();
    expect(await portOpen(Number(env.EMBEDDED_POSTGRES_PORT))).toBe(false);

    await platform.start();
    const listed = (await (await fetch(organizations, { headers: auth })).json()) as Array<{ id: string }>;
    expect(listed.map((o) => o.id)).toEqual(['platform', 'dept-7']);
    // The audit ledger's development key is kept with the data too: checkpoints signed before the restart still
    // verify, with the key and the auditor token the CLI takes from DATA_DIR.
    expect(cli(['audit', 'verify', '--url', platform.url], env)).toMatch(/audit ledger verified: [12] entries, \d+ checkpoints/);
    await platform.stop();
  });

  it('explains bad CLI usage with exit code 2', () => {
    let status = 0;
    let stderr = '';
    try {
      cli(['token', '--roles', 'operator'], {});
    } catch (error) {
      status = (error as { status: number }).status;
      stderr = String((error as { stderr: string }).stderr);
    }
    expect(status).toBe(2);
    expect(stderr).toMatch(/--org is required/);
    expect(stderr).toMatch(/usage: npx credit-share token/);
  });
});

describe('npm run cluster (distributed)', () => {
  it('runs every service behind the gateway with Kafka between them, and stops everything on SIGTERM', async () => {
    const dataDir = tempDir('cluster-script-');
    const port = await freePort();
    // Below Linux's ephemeral range (32768+), where outgoing connections pick their ports.
    const base = 20_000 + Math.floor(Math.random() * 10_000);
    const env = {
      ...process.env,
      PORT: String(port),
      SERVICE_BASE_PORT: String(base),
      DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      KAFKA_PORT: String(await freePort()),
      KAFKA_CONTROLLER_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
    };
    const cluster = spawn(process.execPath, [join(root, 'dist', 'deploy', 'local', 'cluster.js')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    cluster.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    cluster.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await waitFor(async () => output.includes('is running at') || cluster.exitCode !== null, {
        timeoutMs: 150_000,
        description: 'the cluster to start',
      });
      expect(output).toContain(`credit-share (distributed mode) is running at http://localhost:${port}`);
      const gateway = `http://127.0.0.1:${port}`;
      expect(await (await fetch(`${gateway}/health`)).json()).toMatchObject({ status: 'ok' });
      const token = cli(['token', '--org', 'platform', '--roles', 'operator'], { DATA_DIR: dataDir });
      const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      expect(
        (await fetch(`${gateway}/api/v1/organizations`, { method: 'POST', headers: auth, body: JSON.stringify(department(8)) }))
          .status,
      ).toBe(201);
      // Through Kafka into enforcement-coordination's own copy (served on its own port).
      await waitFor(
        async () => {
          const response = await fetch(`http://127.0.0.1:${base + 3}/api/v1/organizations`, { headers: auth });
          return response.status === 200 && ((await response.json()) as Array<{ id: string }>).some((o) => o.id === 'dept-8');
        },
        { timeoutMs: 30_000, description: 'dept-8 in enforcement-coordination' },
      );
      const openapi = (await (await fetch(`${gateway}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(openapi.paths)).toContain('/api/v1/organizations');
      // The web console is served by the gateway, and its development sign-in reaches credit-records.
      const consolePage = await fetch(`${gateway}/`);
      expect(consolePage.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await consolePage.text()).toContain(
        '<meta name="credit-share-settings" content="{&quot;authMode&quot;:&quot;dev&quot;}">',
      );
      const signIn = await fetch(`${gateway}/api/v1/dev/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ org: 'dept-8', role: 'regulator' }),
      });
      expect(signIn.status).toBe(201);
    } finally {
      cluster.kill('SIGTERM');
      expect(await exited(cluster)).toBe(0);
    }
    for (const p of [port, base + 1, base + 5, Number(env.KAFKA_PORT), Number(env.EMBEDDED_POSTGRES_PORT)]) {
      expect(await portOpen(p)).toBe(false);
    }
  });
});
