import { join } from 'node:path';
import { sqlMigrationsIn, type Migration } from './migrations';

export * from './checkpoints';
export * from './command';
export * from './database';
export * from './errors';
export * from './event';
export * from './migrations';
export * from './pg-event-store';
export * from './projection';
export * from './upcasters';
export * from './uuid-v7';

/** Tables of the event store itself: events, checkpoints. */
export function eventStoreMigrations(): Migration[] {
  return sqlMigrationsIn(join(__dirname, 'migrations'), 'event-store');
}
