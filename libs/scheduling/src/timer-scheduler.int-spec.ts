import { FixedClock, migratedDatabase, waitFor } from '@credit-share/testing';
import type { Database } from '@credit-share/event-store';
import { TimerScheduler } from './timer-scheduler';
import { timerMigrations } from './index';

describe('TimerScheduler (real PostgreSQL)', () => {
  let db: Database;
  const clock = new FixedClock('2026-01-30T10:00:00+08:00');
  const fired: string[] = [];
  let failNext = false;
  let scheduler: TimerScheduler;

  beforeAll(async () => {
    db = await migratedDatabase('timers_test', timerMigrations());
    scheduler = new TimerScheduler(db, clock, { maxSleepMs: 50 });
    scheduler.on<{ recordId: string }>('record-expiry.scheduler', async (timer, tx) => {
      if (failNext) {
        failNext = false;
        throw new Error('handler failed once');
      }
      fired.push(`${timer.payload.recordId}@${timer.dueAt.toISOString()}`);
      await tx.query('SELECT 1');
    });
  });
  afterAll(async () => {
    await scheduler.stop();
    await db.close();
  });

  it('fires a timer only once its instant has come, exactly once', async () => {
    await scheduler.schedule(db, {
      id: 'expiry:r1',
      kind: 'record-expiry.scheduler',
      dueAt: new Date('2026-01-31T00:00:00+08:00'),
      payload: { recordId: 'r1' },
    });
    expect(await scheduler.fireDue()).toBe(0);
    clock.set('2026-01-31T00:00:00+08:00');
    expect(await scheduler.fireDue()).toBe(1);
    expect(await scheduler.fireDue()).toBe(0);
    expect(fired).toEqual(['r1@2026-01-30T16:00:00.000Z']);
    expect(await scheduler.pending()).toEqual([]);
  });

  it('moves a timer scheduled again under the same id instead of adding one', async () => {
    await scheduler.schedule(db, {
      id: 'expiry:r2',
      kind: 'record-expiry.scheduler',
      dueAt: new Date('2026-02-01T00:00:00Z'),
      payload: { recordId: 'r2' },
    });
    await scheduler.schedule(db, {
      id: 'expiry:r2',
      kind: 'record-expiry.scheduler',
      dueAt: new Date('2026-03-01T00:00:00Z'),
      payload: { recordId: 'r2' },
    });
    expect((await scheduler.pending()).map((t) => t.dueAt.toISOString())).toEqual(['2026-03-01T00:00:00.000Z']);
    await scheduler.cancel(db, 'expiry:r2');
    expect(await scheduler.pending()).toEqual([]);
  });

  it('keeps a timer whose handler failed and retries it later', async () => {
    failNext = true;
    clock.set('2026-04-01T00:00:00Z');
    await scheduler.schedule(db, {
      id: 'expiry:r3',
      kind: 'record-expiry.scheduler',
      dueAt: new Date('2026-04-01T00:00:00Z'),
      payload: { recordId: 'r3' },
    });
    expect(await scheduler.fireDue()).toBe(0);
    const [kept] = await scheduler.pending();
    expect(kept!.dueAt.getTime()).toBeGreaterThan(clock.now().getTime());
    clock.advance(60_000);
    expect(await scheduler.fireDue()).toBe(1);
    // Retried one second after the failure (the first backoff step), then fired.
    expect(fired).toContain('r3@2026-04-01T00:00:01.000Z');
  });

  it('wakes by itself when a timer falls due while it runs', async () => {
    scheduler.start();
    clock.set('2026-05-01T00:00:00Z');
    await scheduler.schedule(db, {
      id: 'expiry:r4',
      kind: 'record-expiry.scheduler',
      dueAt: new Date('2026-05-01T00:00:00Z'),
      payload: { recordId: 'r4' },
    });
    await waitFor(async () => fired.some((f) => f.startsWith('r4@')), { description: 'r4 to fire' });
  });

  it('refuses a timer kind without a handler', async () => {
    await expect(scheduler.schedule(db, { id: 'x', kind: 'unknown', dueAt: new Date(), payload: {} })).rejects.toThrow(
      'no handler for timer kind unknown',
    );
  });
});
