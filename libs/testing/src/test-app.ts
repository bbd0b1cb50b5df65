// A real platform process for integration tests: the given service modules with the platform modules around them,
// a fresh database, the in-process transport, a temporary DATA_DIR (so the development issuer's key is the test's
// own), served over HTTP on an ephemeral port.
import { DevIssuer, type Role } from '@credit-share/auth';
import { PlatformConfig, configureHttpApp, loadConfig, platformModules } from '@credit-share/bootstrap';
import { JsonLogger } from '@credit-share/observability';
import type { ServiceName } from '@credit-share/contracts';
import { serviceRuntimeOf, type ServiceRuntime } from '@credit-share/messaging';
import type { Clock } from '@credit-share/scheduling';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabaseUrl } from './database';

export interface TestApp {
  app: INestApplication;
  url: string;
  databaseUrl: string;
  token(claims: { org: string; roles: Role[]; subject?: string; user?: string }): Promise<string>;
  /** The runtime (database, store, consumers) of one of the composed services. */
  runtime(service: ServiceName): ServiceRuntime;
  close(): Promise<void>;
}

export async function startTestApp(options: {
  modules: DynamicModule[];
  /** A complete root module (with its own platform modules) instead of `modules`, e.g. the standalone composition. */
  root?: (settings: { databaseUrl: string; dataDir: string; clock?: Clock }) => DynamicModule;
  env?: Record<string, string>;
  databaseUrl?: string;
  /** A clock the test moves (FixedClock); the system clock otherwise. */
  clock?: Clock;
}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'credit-share-app-'));
  const databaseUrl = options.databaseUrl ?? (await freshDatabaseUrl());
  const config = loadConfig(PlatformConfig, { DATA_DIR: dataDir, LOG_LEVEL: 'error', ...options.env });
  const moduleRef = await Test.createTestingModule({
    imports: options.root
      ? [options.root({ databaseUrl, dataDir, clock: options.clock })]
      : [...platformModules(config, { databaseUrl, clientId: 'test', clock: options.clock }), ...options.modules],
  })
    .setLogger(new JsonLogger('test', 'error'))
    .compile();
  const app = moduleRef.createNestApplication({ bodyParser: false });
  configureHttpApp(app, { title: 'credit-share (test)', description: 'test instance' });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const issuer = await DevIssuer.loadOrCreate(dataDir);
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    databaseUrl,
    token: (claims) =>
      issuer.sign({ sub: claims.user ?? `${claims.org}:tester`, org: claims.org, roles: claims.roles, subject: claims.subject }),
    runtime: (service) => serviceRuntimeOf(app, service),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
