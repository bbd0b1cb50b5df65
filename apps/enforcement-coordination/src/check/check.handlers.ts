// Plumbing of the embedded check: log first (the CheckLogged event is committed before the answer is built, so a
// check that cannot be logged is not served — fail-closed, like a profile query), then read the facts and answer.
import { DomainError, type QueryPurpose } from '@credit-share/contracts';
import { uuidv7 } from '@credit-share/event-store';
import { ServiceRuntime, eventMetadata } from '@credit-share/messaging';
import { Injectable } from '@nestjs/common';
import { checkAnswer, checkPurpose, type AlertFact, type ListingFact, type MeasureFactRow } from './check';
import type { CheckLogged } from './check.events';

export interface Checker {
  user: string;
  org: string;
  roles: string[];
}

@Injectable()
export class CheckHandlers {
  constructor(private readonly runtime: ServiceRuntime) {}

  async check(uscc: string, purposeParam: string | undefined, checker: Checker) {
    const purpose = checkPurpose(purposeParam);
    const at = this.runtime.clock.now();
    if (!purpose.ok) {
      await this.log(uscc, checker, at, null, purpose.reason);
      throw DomainError.validation(
        purpose.reason === 'PURPOSE_REQUIRED' ? 'CHECK.PURPOSE_REQUIRED' : 'CHECK.PURPOSE_UNKNOWN',
        'a check states its purpose: no purpose, no answer',
        [
          {
            field: 'purpose',
            code: purpose.reason === 'PURPOSE_REQUIRED' ? 'REQUIRED' : 'UNKNOWN',
            message: 'state a known purpose',
          },
        ],
      );
    }
    await this.log(uscc, checker, at, purpose.purpose, undefined);
    const db = this.runtime.db;
    const { rows: listings } = await db.query<{
      listing_id: string;
      list_type: string;
      status: 'listed' | 'removed';
      legal_basis: string;
      reason: string;
      decided_by: string;
      decided_at: Date;
      effective_until: Date | null;
      removed_at: Date | null;
      removal_cause: string | null;
    }>(`SELECT * FROM enforced_listings WHERE uscc = $1 ORDER BY decided_at, listing_id`, [uscc]);
    const { rows: alerts } = await db.query<{
      alert_id: string;
      listing_id: string;
      measure_id: string;
      org: string;
      kind: 'apply' | 'release';
      status: string;
      outcome: string | null;
    }>(
      `SELECT alert_id, listing_id, measure_id, org, kind, status, outcome FROM alerts WHERE uscc = $1 ORDER BY issued_at, alert_id`,
      [uscc],
    );
    const { rows: measures } = await db.query<{
      measure_id: string;
      version: number;
      content: string;
      target: string;
      legal_basis: string;
      implementing_org: string;
    }>(`SELECT * FROM measures WHERE measure_id = ANY($1::text[])`, [[...new Set(alerts.map((a) => a.measure_id))]]);
    return checkAnswer(
      { uscc, purpose: purpose.purpose, at },
      listings.map((l): ListingFact => ({
        listingId: l.listing_id,
        listType: l.list_type,
        status: l.status,
        legalBasis: l.legal_basis,
        reason: l.reason,
        decidedBy: l.decided_by,
        decidedAt: l.decided_at.toISOString(),
        effectiveUntil: l.effective_until?.toISOString() ?? null,
        removedAt: l.removed_at?.toISOString() ?? null,
        removalCause: l.removal_cause,
      })),
      alerts.map((a): AlertFact => ({
        alertId: a.alert_id,
        listingId: a.listing_id,
        measureId: a.measure_id,
        org: a.org,
        kind: a.kind,
        status: a.status,
        outcome: a.outcome,
      })),
      new Map(
        measures.map((m): [string, MeasureFactRow] => [
          m.measure_id,
          {
            measureId: m.measure_id,
            version: m.version,
            content: m.content,
            target: m.target,
            legalBasis: m.legal_basis,
            implementingOrg: m.implementing_org,
          },
        ]),
      ),
    );
  }

  /** Appends the access entry; throws (and so refuses to serve) if it cannot be written. */
  private async log(uscc: string, checker: Checker, at: Date, purpose: QueryPurpose | null, denialReason: string | undefined) {
    const entryId = uuidv7();
    const event: CheckLogged = {
      type: 'CheckLogged',
      data: {
        entryId,
        at: at.toISOString(),
        org: checker.org,
        user: checker.user,
        roles: checker.roles,
        purpose,
        uscc,
        query: 'check',
        outcome: denialReason ? 'denied' : 'served',
        ...(denialReason ? { denialReason } : {}),
        sharingClasses: denialReason ? [] : ['public'],
      },
    };
    await this.runtime.store.append(`check-${entryId}`, 0, [event], eventMetadata({ user: checker.user, org: checker.org }));
  }
}
