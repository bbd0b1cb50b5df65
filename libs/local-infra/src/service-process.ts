// Runs one service as its own Node process from dist/ (distributed mode), for `npm run cluster` and the end-to-end
// tests: spawn with its environment, wait until /health answers 200, stop with SIGTERM (bounded) or kill it hard.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './project-root';
import { stopProcess } from './kafka-broker';

export interface ServiceProcessOptions {
  /** Directory under apps/ (credit-records, joint-supervision, …, gateway). */
  app: string;
  port: number;
  env: Record<string, string>;
  logFile?: string;
  readyTimeoutMs?: number;
}

export class ServiceProcess {
  private child: ChildProcess | undefined;

  constructor(readonly options: ServiceProcessOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const entry = join(projectRoot(), 'dist', 'apps', this.options.app, 'src', 'main.js');
    const child = spawn(process.execPath, ['--enable-source-maps', entry], {
      // Only what the caller passes: a service reads its configuration from nothing else.
      env: { ...this.options.env, PORT: String(this.options.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = this.options.logFile ? createWriteStream(this.options.logFile, { flags: 'a' }) : undefined;
    child.stdout?.on('data', (chunk: Buffer) => log?.write(chunk));
    child.stderr?.on('data', (chunk: Buffer) => log?.write(chunk));
    this.child = child;
    await this.waitUntilHealthy(this.options.readyTimeoutMs ?? 60_000);
  }

  /** Graceful stop: SIGTERM, then SIGKILL after the grace period. */
  async stop(graceMs = 15_000): Promise<void> {
    if (this.child) await stopProcess(this.child, graceMs);
  }

  /** Abrupt death (kill -9): nothing is flushed, no hook runs. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  private async waitUntilHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (!this.running) {
        throw new Error(`${this.options.app} exited during startup (exit code ${this.child?.exitCode}):\n${this.logTail()}`);
      }
      try {
        const response = await fetch(`${this.url}/health`);
        if (response.status === 200) return;
        last = `HTTP ${response.status}: ${await response.text()}`;
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${this.options.app} not healthy after ${timeoutMs} ms (${last}):\n${this.logTail()}`);
  }

  /** The end of the process's log, for failure messages. */
  logTail(lines = 25): string {
    if (!this.options.logFile || !existsSync(this.options.logFile)) return '(no log)';
    return readFileSync(this.options.logFile, 'utf8').split('\n').slice(-lines).join('\n');
  }
}
