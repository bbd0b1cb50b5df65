// Reads of records (PRODUCT.md §4 record shape) from the read model, cut by who asks: a provider sees its own
// records, a regulator or the operator the sharing classes its organisation may see, a subject its own USCC.
// Person identifiers are only ever shown masked. Status and "in publicity" are computed for the instant asked about.
import type { Caller } from '@credit-share/auth';
import { DomainError, type SharingClass } from '@credit-share/contracts';
import { ServiceRuntime } from '@credit-share/messaging';
import { Injectable } from '@nestjs/common';
import { validateUscc } from '../subject/uscc';

export interface RecordView {
  id: string;
  kind: string;
  subject: { uscc: string | null; name: string; category: string; maskedId?: string };
  status: 'published' | 'withdrawn' | 'expired' | 'repaired';
  disputed: boolean;
  severity?: string;
  publicUntil?: string;
  version: number;
  inPublicity: boolean;
  asOf: string;
  providerOrg: string;
  sharingClass: SharingClass;
  marketCredit: boolean;
  informationCategory: 'public_credit' | 'market_credit';
  catalogueVersion: number;
  publicFrom: string;
  repairableFrom?: string;
  details: Record<string, unknown>;
  submittedAt: string;
  withdrawal?: { at: string; reason: string };
  repairedAt?: string;
}

interface RecordRow {
  record_id: string;
  kind: string;
  provider_org: string;
  subject_category: string;
  uscc: string | null;
  subject_name: string;
  masked_id: string | null;
  sharing_class: SharingClass;
  market_credit: boolean;
  catalogue_version: number;
  version: number;
  severity: string | null;
  public_from: Date;
  public_until: Date | null;
  repairable_from: Date | null;
  withdrawn_at: Date | null;
  withdrawal_reason: string | null;
  repaired_at: Date | null;
  disputes: string[];
  details: Record<string, unknown>;
  submitted_at: Date;
}

// The version in force at $asOf (latest recorded at or before it), joined onto the current row.
const SELECT_AS_OF = `
  SELECT r.record_id, r.kind, r.provider_org, r.subject_category, r.uscc, v.subject_name, r.masked_id, r.sharing_class,
         r.market_credit, r.catalogue_version, v.version, v.severity, v.public_from, v.public_until, v.repairable_from,
         r.withdrawn_at, r.withdrawal_reason, r.repaired_at, r.disputes, v.details, r.submitted_at
  FROM records r
  JOIN LATERAL (SELECT * FROM record_versions rv WHERE rv.record_id = r.record_id AND rv.recorded_at <= $1
                ORDER BY rv.version DESC LIMIT 1) v ON true`;

export const DEFAULT_OWN_LIMIT = 50;
export const MAX_OWN_LIMIT = 200;

export interface OwnRecordsPage {
  records: RecordView[];
  /** The offset of the next page, when there is one. */
  nextOffset?: number;
}

@Injectable()
export class RecordQueries {
  constructor(private readonly runtime: ServiceRuntime) {}

  async byId(recordId: string, caller: Caller, asOf?: Date): Promise<RecordView> {
    const at = asOf ?? this.runtime.clock.now();
    const { rows } = await this.runtime.db.query<RecordRow>(`${SELECT_AS_OF} WHERE r.record_id = $2`, [at, recordId]);
    const row = rows[0];
    // Not visible and not there look the same: a caller learns nothing about records it may not see.
    if (!row || !visible(row, caller)) throw DomainError.notFound('RECORD.NOT_FOUND', `record "${recordId}" does not exist`);
    return toView(row, at);
  }

  async bySubject(subject: string, caller: Caller, asOf?: Date): Promise<RecordView[]> {
    const normalised = validateUscc(subject);
    if (normalised.uscc.length !== 18) {
      throw DomainError.validation('REQUEST.VALIDATION_FAILED', 'subject must be a USCC', [
        { field: 'subject', code: 'LENGTH', message: 'subject is an 18-character USCC' },
      ]);
    }
    const uscc = normalised.uscc;
    if (caller.roles.length === 1 && caller.roles[0] === 'subject' && caller.principal.subject !== uscc) {
      throw DomainError.forbidden('RECORD.OTHER_SUBJECT', 'a subject sees only its own records');
    }
    const at = asOf ?? this.runtime.clock.now();
    const { rows } = await this.runtime.db.query<RecordRow>(
      `${SELECT_AS_OF} WHERE r.uscc = $2 AND r.submitted_at <= $1 ORDER BY r.submitted_at, r.record_id`,
      [at, uscc],
    );
    return rows.filter((row) => visible(row, caller)).map((row) => toView(row, at));
  }

  /**
   * Records without a subject (provider, operator): a provider's are its organisation's own, the operator's those of
   * the sharing classes its organisation may see (every class for the platform) — the same cut as `visible`, done in
   * SQL so that a page is a page. Newest first; `offset` pages on.
   */
  async own(caller: Caller, page: { asOf?: Date; limit: number; offset: number }): Promise<OwnRecordsPage> {
    const at = page.asOf ?? this.runtime.clock.now();
    const params: unknown[] = [at];
    const cuts: string[] = [];
    if (caller.roles.includes('provider')) {
      params.push(caller.principal.org);
      cuts.push(`r.provider_org = $${params.length}`);
    }
    if (caller.roles.includes('operator')) {
      params.push(caller.organization?.sharingClasses ?? []);
      cuts.push(`r.sharing_class = ANY($${params.length}::text[])`);
    }
    if (cuts.length === 0)
      throw DomainError.forbidden('RECORD.OWN_RECORDS', 'only providers and the operator list records without a subject');
    params.push(page.limit + 1, page.offset);
    const { rows } = await this.runtime.db.query<RecordRow>(
      `${SELECT_AS_OF} WHERE r.submitted_at <= $1 AND (${cuts.join(' OR ')})
       ORDER BY r.submitted_at DESC, r.record_id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const more = rows.length > page.limit;
    const records = rows
      .slice(0, page.limit)
      .filter((row) => visible(row, caller))
      .map((row) => toView(row, at));
    return { records, ...(more ? { nextOffset: page.offset + page.limit } : {}) };
  }
}

/** Whether any of the caller's acting roles lets it see the record. */
export function visible(row: Pick<RecordRow, 'provider_org' | 'uscc' | 'sharing_class'>, caller: Caller): boolean {
  return caller.roles.some((role) => {
    switch (role) {
      case 'provider':
        return row.provider_org === caller.principal.org;
      case 'regulator':
      case 'operator':
        return caller.organization?.sharingClasses.includes(row.sharing_class) === true;
      case 'subject':
        return row.uscc !== null && row.uscc === caller.principal.subject;
      default:
        return false;
    }
  });
}

function toView(row: RecordRow, at: Date): RecordView {
  const t = at.getTime();
  const withdrawn = row.withdrawn_at !== null && t >= row.withdrawn_at.getTime();
  const repaired = row.repaired_at !== null && t >= row.repaired_at.getTime();
  const expired = row.public_until !== null && t >= row.public_until.getTime();
  const status = withdrawn ? 'withdrawn' : repaired ? 'repaired' : expired ? 'expired' : 'published';
  const inPublicity = status === 'published' && t >= row.public_from.getTime();
  return {
    id: row.record_id,
    kind: row.kind,
    subject: {
      uscc: row.uscc,
      name: row.subject_name,
      category: row.subject_category,
      ...(row.masked_id ? { maskedId: row.masked_id } : {}),
    },
    status,
    disputed: row.disputes.length > 0,
    ...(row.severity ? { severity: row.severity } : {}),
    ...(row.public_until ? { publicUntil: row.public_until.toISOString() } : {}),
    version: row.version,
    inPublicity,
    asOf: at.toISOString(),
    providerOrg: row.provider_org,
    sharingClass: row.sharing_class,
    marketCredit: row.market_credit,
    informationCategory: row.market_credit ? 'market_credit' : 'public_credit',
    catalogueVersion: row.catalogue_version,
    publicFrom: row.public_from.toISOString(),
    ...(row.repairable_from ? { repairableFrom: row.repairable_from.toISOString() } : {}),
    details: row.details,
    submittedAt: row.submitted_at.toISOString(),
    ...(withdrawn ? { withdrawal: { at: row.withdrawn_at!.toISOString(), reason: row.withdrawal_reason ?? '' } } : {}),
    ...(repaired ? { repairedAt: row.repaired_at!.toISOString() } : {}),
  };
}
