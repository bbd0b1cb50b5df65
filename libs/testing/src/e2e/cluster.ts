// The distributed mode for end-to-end tests: a Kafka broker of the test's own (so a test may stop and restart
// it), and the named services as separate processes from dist/, each with its schema in one fresh database,
// sharing a DATA_DIR so the development issuer's tokens are valid everywhere.
import { DevIssuer, type Role } from '@credit-share/auth';
import type { ServiceName } from '@credit-share/contracts';
import { freePort, ServiceProcess, startKafkaBroker, type RunningKafka } from '@credit-share/local-infra';
import { chmodSync, mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { freshDatabaseUrl } from '../database';

export interface ClusterOptions {
  services: ServiceName[];
  /** Extra environment for every service process. */
  env?: Record<string, string>;
}

export class TestCluster {
  readonly services = new Map<ServiceName, ServiceProcess>();
  private kafka: RunningKafka | undefined;

  private constructor(
    readonly dir: string,
    readonly databaseUrl: string,
    private readonly kafkaPorts: { port: number; controllerPort: number },
    private readonly issuer: DevIssuer,
  ) {}

  static async start(options: ClusterOptions): Promise<TestCluster> {
    const base = process.env['CREDIT_SHARE_E2E_DIR'];
    if (!base) throw new Error('run end-to-end tests through jest --selectProjects e2e');
    const dir = mkdtempSync(join(base, 'cluster-'));
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'logs'));
    const cluster = new TestCluster(
      dir,
      await freshDatabaseUrl('e2e'),
      { port: await freePort(), controllerPort: await freePort() },
      await DevIssuer.loadOrCreate(join(dir, 'data')),
    );
    try {
      await cluster.startKafka();
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    for (const service of options.services) {
      const process = new ServiceProcess({
        app: service,
        port: await freePort(),
        logFile: join(dir, 'logs', `${service}.log`),
        env: {
          DATABASE_URL: cluster.databaseUrl,
          KAFKA_BROKERS: cluster.brokers.join(','),
          DATA_DIR: join(dir, 'data'),
          LOG_LEVEL: 'warn',
          ...options.env,
        },
      });
      cluster.services.set(service, process);
    }
    const started = await Promise.allSettled([...cluster.services.values()].map((s) => s.start()));
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      await cluster.stop(); // never leave processes behind a failed start
      throw failed.reason;
    }
    return cluster;
  }

  get brokers(): string[] {
    return [`127.0.0.1:${this.kafkaPorts.port}`];
  }

  service(name: ServiceName): ServiceProcess {
    const process = this.services.get(name);
    if (!process) throw new Error(`${name} is not part of this cluster`);
    return process;
  }

  async startKafka(): Promise<void> {
    this.kafka = await startKafkaBroker({ dataDir: join(this.dir, 'kafka'), ...this.kafkaPorts, heapMb: 384 });
  }

  async stopKafka(): Promise<void> {
    await this.kafka?.stop();
    this.kafka = undefined;
  }

  token(claims: { org: string; roles: Role[]; subject?: string; user?: string }): Promise<string> {
    return this.issuer.sign({
      sub: claims.user ?? `${claims.org}:e2e`,
      org: claims.org,
      roles: claims.roles,
      subject: claims.subject,
    });
  }

  async call(service: ServiceName, method: string, path: string, token?: string, body?: unknown): Promise<Response> {
    return fetch(`${this.service(service).url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async stop(): Promise<void> {
    await Promise.all([...this.services.values()].map((s) => s.stop()));
    await this.stopKafka();
  }
}
