// Fires durable timers when they fall due (libs/scheduling/src/migrations/001_timers.sql). A timer's handler runs in
// the same transaction that deletes the timer, so it fires exactly once in effect; replicas share the work with
// FOR UPDATE SKIP LOCKED. A handler that fails is retried with backoff, never dropped.
import type { Database, Queryable, Tx } from '@credit-share/event-store';
import { isConnectionError } from '@credit-share/event-store';
import { untraced } from '@credit-share/observability';
import type { Clock } from './clock';

export interface Timer<TPayload = unknown> {
  id: string;
  kind: string;
  dueAt: Date;
  payload: TPayload;
}

export type TimerHandler<TPayload = any> = (timer: Timer<TPayload>, tx: Tx) => Promise<void>;

export interface TimerSchedulerOptions {
  /** Longest sleep when nothing is due soon (a safety net; schedule() in this process wakes it at once). */
  maxSleepMs?: number;
  batchSize?: number;
  onError?: (error: unknown, timer?: Timer) => void;
}

interface TimerRow {
  timer_id: string;
  kind: string;
  due_at: Date;
  payload: unknown;
  attempts: number;
}

export class TimerScheduler {
  private readonly handlers = new Map<string, TimerHandler>();
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly maxSleepMs: number;
  private readonly batchSize: number;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly options: TimerSchedulerOptions = {},
  ) {
    this.maxSleepMs = options.maxSleepMs ?? 30_000;
    this.batchSize = options.batchSize ?? 100;
  }

  on<TPayload>(kind: string, handler: TimerHandler<TPayload>): this {
    if (this.handlers.has(kind)) throw new Error(`timer kind ${kind} already has a handler`);
    this.handlers.set(kind, handler as TimerHandler);
    return this;
  }

  /** Sets (or moves) a timer inside the caller's transaction. */
  async schedule(runner: Queryable, timer: Timer): Promise<void> {
    if (!this.handlers.has(timer.kind)) throw new Error(`no handler for timer kind ${timer.kind}`);
    await runner.query(
      `INSERT INTO timers (timer_id, kind, due_at, payload) VALUES ($1, $2, $3, $4)
       ON CONFLICT (timer_id) DO UPDATE SET kind = EXCLUDED.kind, due_at = EXCLUDED.due_at, payload = EXCLUDED.payload,
         attempts = 0, last_error = NULL`,
      [timer.id, timer.kind, timer.dueAt, JSON.stringify(timer.payload)],
    );
    this.wake?.();
  }

  async cancel(runner: Queryable, timerId: string): Promise<void> {
    await runner.query(`DELETE FROM timers WHERE timer_id = $1`, [timerId]);
  }

  async pending(runner: Queryable = this.db): Promise<Timer[]> {
    const { rows } = await runner.query<TimerRow>(
      `SELECT timer_id, kind, due_at, payload, attempts FROM timers ORDER BY due_at, timer_id`,
    );
    return rows.map(toTimer);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Fires every timer due at the clock's current instant; returns how many fired. Tests drive time with this. */
  async fireDue(): Promise<number> {
    let fired = 0;
    for (;;) {
      const n = await this.fireBatch();
      fired += n;
      if (n < this.batchSize) return fired;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.fireDue();
        await this.sleep(await this.msUntilNext());
      } catch (error) {
        this.options.onError?.(error);
        await this.sleep(1_000);
      }
    }
  }

  private async fireBatch(): Promise<number> {
    const now = this.clock.now();
    const { rows: due } = await untraced(() =>
      this.db.query<{ timer_id: string }>(`SELECT timer_id FROM timers WHERE due_at <= $1 ORDER BY due_at, timer_id LIMIT $2`, [
        now,
        this.batchSize,
      ]),
    );
    let fired = 0;
    for (const { timer_id } of due) {
      if (await this.fireOne(timer_id, now)) fired++;
    }
    return fired;
  }

  /** One timer, one transaction: lock it (or skip it if another replica has it), run its handler, delete it. */
  private async fireOne(timerId: string, now: Date): Promise<boolean> {
    let timer: Timer | undefined;
    try {
      return await this.db.transaction(async (tx) => {
        const { rows } = await tx.query<TimerRow>(
          `SELECT timer_id, kind, due_at, payload, attempts FROM timers WHERE timer_id = $1 AND due_at <= $2 FOR UPDATE SKIP LOCKED`,
          [timerId, now],
        );
        if (rows.length === 0) return false;
        timer = toTimer(rows[0]!);
        const handler = this.handlers.get(timer.kind);
        if (!handler) throw new Error(`no handler for timer kind ${timer.kind}`);
        const dueAt = timer.dueAt;
        await handler(timer, tx);
        // The handler may have moved its own timer (re-scheduled it); only delete it if it still stands as fired.
        await tx.query(`DELETE FROM timers WHERE timer_id = $1 AND due_at = $2`, [timerId, dueAt]);
        return true;
      });
    } catch (error) {
      if (isConnectionError(error)) throw error;
      this.options.onError?.(error, timer);
      const attempts = (timer as (Timer & { attempts?: number }) | undefined)?.attempts ?? 0;
      const backoffMs = Math.min(3_600_000, 1_000 * 2 ** Math.min(attempts, 12));
      await this.db.query(`UPDATE timers SET attempts = attempts + 1, last_error = $2, due_at = $3 WHERE timer_id = $1`, [
        timerId,
        String((error as Error).message ?? error).slice(0, 1_000),
        new Date(now.getTime() + backoffMs),
      ]);
      return false;
    }
  }

  private async msUntilNext(): Promise<number> {
    const { rows } = await untraced(() => this.db.query<{ next: Date | null }>(`SELECT min(due_at) AS next FROM timers`));
    const next = rows[0]?.next;
    if (!next) return this.maxSleepMs;
    return Math.max(0, Math.min(this.maxSleepMs, next.getTime() - this.clock.now().getTime()));
  }

  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

function toTimer(row: TimerRow): Timer & { attempts: number } {
  return { id: row.timer_id, kind: row.kind, dueAt: row.due_at, payload: row.payload, attempts: row.attempts };
}
