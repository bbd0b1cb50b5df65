import { join } from 'node:path';
import { sqlMigrationsIn, type Migration } from '@credit-share/event-store';

export * from './clock';
export * from './timer-scheduler';

export function timerMigrations(): Migration[] {
  return sqlMigrationsIn(join(__dirname, 'migrations'), 'scheduling');
}
