// Starting and stopping a process cleanly: listen, print where, and on SIGINT/SIGTERM close the app (relays and
// consumers stop, pools close) before anything the process started itself (embedded PostgreSQL).
import type { INestApplication, LoggerService } from '@nestjs/common';

export async function listen(app: INestApplication, host: string, port: number): Promise<string> {
  await app.listen(port, host);
  return `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;
}

export function onShutdown(logger: LoggerService, steps: Array<() => Promise<void>>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received, shutting down`, 'process');
    const timer = setTimeout(() => {
      logger.error('shutdown took longer than 30 s; exiting', 'process');
      process.exit(1);
    }, 30_000);
    timer.unref();
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        logger.error(`shutdown step failed: ${(error as Error).message}`, 'process');
      }
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/** Runs a process's start-up; any failure (bad configuration included) ends it with one readable line, exit code 1. */
export function startOrExit(name: string, start: () => Promise<unknown>): void {
  const fail = (error: unknown) => {
    process.stderr.write(`${name} failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  };
  try {
    start().catch(fail);
  } catch (error) {
    fail(error);
  }
}
