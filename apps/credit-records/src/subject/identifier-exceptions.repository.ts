import { ServiceRuntime } from '@credit-share/messaging';
import { Injectable } from '@nestjs/common';
import { usccAllowList } from './uscc';

export interface UsccExceptionView {
  uscc: string;
  reason: string;
  source: string;
  addedBy: string;
  addedAt: string;
}

/** Kept a few seconds: additions through this process drop it at once, another replica's within CACHE_MS. */
const CACHE_MS = 5_000;

/** The operator's allow-list of legitimately issued non-conforming USCCs (a short table, read per submission). */
@Injectable()
export class IdentifierExceptionsReader {
  private cached: { set: ReadonlySet<string>; at: number } | undefined;

  constructor(private readonly runtime: ServiceRuntime) {}

  invalidate(): void {
    this.cached = undefined;
  }

  async allowList(): Promise<ReadonlySet<string>> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.set;
    const { rows } = await this.runtime.db.query<{ uscc: string }>(`SELECT uscc FROM uscc_exceptions`);
    const set = usccAllowList(rows.map((r) => r.uscc));
    this.cached = { set, at: Date.now() };
    return set;
  }

  async list(): Promise<UsccExceptionView[]> {
    const { rows } = await this.runtime.db.query<{
      uscc: string;
      reason: string;
      source: string;
      added_by: string;
      added_at: Date;
    }>(`SELECT uscc, reason, source, added_by, added_at FROM uscc_exceptions ORDER BY uscc`);
    return rows.map((r) => ({
      uscc: r.uscc,
      reason: r.reason,
      source: r.source,
      addedBy: r.added_by,
      addedAt: r.added_at.toISOString(),
    }));
  }
}
