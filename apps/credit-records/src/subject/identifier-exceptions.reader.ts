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

/** The operator's allow-list of legitimately issued non-conforming USCCs (a short table, read per submission). */
@Injectable()
export class IdentifierExceptionsReader {
  constructor(private readonly runtime: ServiceRuntime) {}

  async allowList(): Promise<ReadonlySet<string>> {
    const { rows } = await this.runtime.db.query<{ uscc: string }>(`SELECT uscc FROM uscc_exceptions`);
    return usccAllowList(rows.map((r) => r.uscc));
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
