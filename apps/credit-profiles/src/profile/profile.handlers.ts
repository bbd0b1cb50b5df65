// Plumbing of the profile routes: decide access (pure), read the state (live row or the history up to `asOf`), cut
// it for the viewer (pure), log the query — and only then hand the answer back. Every path out of here that
// returns a profile, report or access log has committed its AccessLogged event first.
import { actorOf, type Caller } from '@credit-share/auth';
import {
  DomainError,
  SHARING_CLASSES,
  type IntegrationEvent,
  type QueryPurpose,
  type SharingClass,
} from '@credit-share/contracts';
import { uuidv7 } from '@credit-share/event-store';
import { ServiceRuntime, eventMetadata } from '@credit-share/messaging';
import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { DEFAULT_THRESHOLDS, accessAnomalies, type AnomalyFlag } from '../access-log/access-anomalies.repository';
import {
  AccessLogUnavailable,
  AccessLogWriter,
  findReport,
  readAccessLog,
  type AccessLogEntryView,
  type AccessLoggedEvent,
} from '../access-log/access-log.repository';
import { reportHash, reportNumberOf, renderReportPdf, type CreditReport } from '../report/credit-report';
import { evolveProfile, initialProfile, instant, type ProfileState } from './profile';
import {
  decideAccessLogAccess,
  decideProfileAccess,
  type AccessDecision,
  type QueryKind,
  type Requester,
} from './profile-access';
import {
  loadProfiles,
  measuresByIds,
  profileStreamOf,
  RECEIVED,
  searchProfilesByName,
  type SubjectIdentity,
} from './profile.projection';
import { viewProfile, type ProfileView } from './profile.view';

const USCC_FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function normalizeUscc(raw: string): string {
  const uscc = raw.replace(/\s+/g, '').toUpperCase();
  if (!USCC_FORMAT.test(uscc)) {
    throw DomainError.validation('REQUEST.VALIDATION_FAILED', 'the path does not name a USCC', [
      { field: 'uscc', code: uscc.length === 18 ? 'FORMAT' : 'LENGTH', message: 'a USCC is 18 characters of GB 32100' },
    ]);
  }
  return uscc;
}

export const NAME_SEARCH_MIN = 2;
export const NAME_SEARCH_LIMIT = 20;

export interface ServedProfile {
  view: ProfileView;
  entryId: string;
}

export interface ServedReport {
  pdf: Buffer;
  reportNumber: string;
  hash: string;
  entryId: string;
}

@Injectable()
export class ProfileQueries {
  private readonly log: AccessLogWriter;

  constructor(private readonly runtime: ServiceRuntime) {
    this.log = new AccessLogWriter(runtime.db, runtime.store);
  }

  async profile(caller: Caller, rawUscc: string, purpose: string | undefined, asOf: string | undefined): Promise<ServedProfile> {
    const uscc = normalizeUscc(rawUscc);
    const now = this.runtime.clock.now();
    const at = asOf === undefined ? now : this.pastInstant(asOf, now);
    const decision = decideProfileAccess(requesterOf(caller), uscc, purpose);
    const entryId = uuidv7(now.getTime());
    if (decision.outcome === 'denied') return this.deny(caller, uscc, 'profile', decision, entryId, now, asOf ? at : undefined);
    const view = await this.viewAt(uscc, at, asOf !== undefined, decision);
    await this.record(caller, {
      entryId,
      at: now,
      uscc,
      query: 'profile',
      purpose: decision.purpose,
      asOf: asOf ? at : undefined,
      classes: view ? classesReturned(view) : [],
    });
    if (!view) throw DomainError.notFound('PROFILE.NOT_FOUND', `no credit information about ${uscc} has been shared`);
    return { view, entryId };
  }

  async report(caller: Caller, rawUscc: string, purpose: string | undefined): Promise<ServedReport> {
    const uscc = normalizeUscc(rawUscc);
    const now = this.runtime.clock.now();
    const decision = decideProfileAccess(requesterOf(caller), uscc, purpose);
    const entryId = uuidv7(now.getTime());
    if (decision.outcome === 'denied') return this.deny(caller, uscc, 'report', decision, entryId, now);
    const view = await this.viewAt(uscc, now, false, decision);
    const reportNumber = reportNumberOf(entryId, now);
    const report: CreditReport | null = view && {
      reportNumber,
      generatedAt: now.toISOString(),
      purpose: decision.purpose,
      viewerOrg: caller.principal.org,
      profile: view,
    };
    const hash = report ? reportHash(report) : undefined;
    await this.record(caller, {
      entryId,
      at: now,
      uscc,
      query: 'report',
      purpose: decision.purpose,
      classes: view ? classesReturned(view) : [],
      ...(report ? { reportNumber, reportHash: hash } : {}),
    });
    if (!report) throw DomainError.notFound('PROFILE.NOT_FOUND', `no credit information about ${uscc} has been shared`);
    return { pdf: renderReportPdf(report, hash!), reportNumber, hash: hash!, entryId };
  }

  async accessLog(
    caller: Caller,
    rawUscc: string,
    purpose: string | undefined,
    page: { limit?: number; before?: string },
  ): Promise<{ uscc: string; entries: AccessLogEntryView[]; entryId: string }> {
    const uscc = normalizeUscc(rawUscc);
    const now = this.runtime.clock.now();
    const decision = decideAccessLogAccess(requesterOf(caller), uscc, purpose);
    const entryId = uuidv7(now.getTime());
    if (decision.outcome === 'denied') return this.deny(caller, uscc, 'access_log', decision, entryId, now);
    const entries = await readAccessLog(this.runtime.db, uscc, {
      limit: page.limit ?? 200,
      before: page.before ? new Date(page.before) : undefined,
    });
    await this.record(caller, { entryId, at: now, uscc, query: 'access_log', purpose: decision.purpose, classes: [] });
    return { uscc, entries, entryId };
  }

  /** What the access log kept of a report: its hash, whom it was for and why; for the subject itself and auditors. */
  async verifyReport(caller: Caller, reportNumber: string) {
    if (!/^CSR-\d{8}-[0-9A-F]{12}$/.test(reportNumber)) {
      throw DomainError.validation('REQUEST.VALIDATION_FAILED', 'not a report number', [
        { field: 'reportNumber', code: 'FORMAT', message: 'a report number reads CSR-<yyyymmdd>-<12 hexadecimal digits>' },
      ]);
    }
    const report = await findReport(this.runtime.db, reportNumber);
    if (!report) throw DomainError.notFound('REPORT.NOT_FOUND', `no report ${reportNumber} was issued`);
    const now = this.runtime.clock.now();
    const decision = decideAccessLogAccess(requesterOf(caller), report.uscc, undefined);
    const entryId = uuidv7(now.getTime());
    if (decision.outcome === 'denied') return this.deny(caller, report.uscc, 'access_log', decision, entryId, now);
    await this.record(caller, {
      entryId,
      at: now,
      uscc: report.uscc,
      query: 'access_log',
      purpose: decision.purpose,
      classes: [],
    });
    const { reportNumber: number, reportHash, uscc, at, org, user, purpose } = report;
    return { reportNumber: number, reportHash, uscc, issuedAt: at, org, user, purpose };
  }

  async anomalies(window: { from?: string; to?: string }, thresholds: { subjects?: number; offHours?: number }) {
    const to = window.to ? new Date(window.to) : this.runtime.clock.now();
    const from = window.from ? new Date(window.from) : new Date(to.getTime() - 24 * 3600_000);
    if (from >= to)
      throw DomainError.validation('PROFILE.EMPTY_WINDOW', '`from` must be before `to`', [
        { field: 'from', code: 'AFTER_TO', message: '`from` must be before `to`' },
      ]);
    const used = {
      subjects: thresholds.subjects ?? DEFAULT_THRESHOLDS.subjects,
      offHours: thresholds.offHours ?? DEFAULT_THRESHOLDS.offHours,
    };
    const flags: AnomalyFlag[] = await accessAnomalies(this.runtime.db, { from, to }, used);
    return { from: from.toISOString(), to: to.toISOString(), thresholds: used, flags };
  }

  /** The stored history of a subject up to `at` (inclusive), in stored order. */
  /**
   * Subjects by part of their name (regulators, the operator): identity only — USCC and name, no records, grade or
   * listings — so it is not a profile query and is not in the access log (ADR 0014).
   */
  async searchByName(raw: string | undefined): Promise<SubjectIdentity[]> {
    const text = (raw ?? '').trim();
    if (text.length < NAME_SEARCH_MIN) {
      throw DomainError.validation('REQUEST.VALIDATION_FAILED', `name must have at least ${NAME_SEARCH_MIN} characters`, [
        {
          field: 'name',
          code: raw === undefined ? 'REQUIRED' : 'TOO_SHORT',
          message: `name is at least ${NAME_SEARCH_MIN} characters of a subject's name`,
        },
      ]);
    }
    return searchProfilesByName(this.runtime.db, text, NAME_SEARCH_LIMIT);
  }

  async historyUpTo(uscc: string, at: Date): Promise<IntegrationEvent[]> {
    const { rows } = await this.runtime.db.query<{ data: IntegrationEvent }>(
      `SELECT data FROM events WHERE stream_id = $1 AND type = $2 AND occurred_at <= $3 ORDER BY stream_version`,
      [profileStreamOf(uscc), RECEIVED, at],
    );
    return rows.map((r) => r.data);
  }

  private async viewAt(
    uscc: string,
    at: Date,
    fromHistory: boolean,
    decision: Extract<AccessDecision, { outcome: 'served' }>,
  ): Promise<ProfileView | null> {
    let state: ProfileState | undefined;
    if (fromHistory) {
      const history = await this.historyUpTo(uscc, at);
      if (history.length > 0) {
        // The SQL bound and this one agree; the fold re-checks so it alone defines "as it stood at that instant".
        state = history.filter((e) => instant(e.occurredAt) <= at.getTime()).reduce(evolveProfile, initialProfile(uscc));
      }
    } else state = (await loadProfiles(this.runtime.db, [uscc])).get(uscc);
    if (!state || state.events === 0) return null;
    const measureIds = [...new Set(Object.values(state.alerts).map((a) => a.measureId))];
    const measures = await measuresByIds(this.runtime.db, measureIds);
    return viewProfile(state, at.getTime(), decision.viewer, measures);
  }

  private pastInstant(asOf: string, now: Date): Date {
    const at = new Date(asOf);
    if (Number.isNaN(at.getTime())) {
      throw DomainError.validation('REQUEST.VALIDATION_FAILED', 'asOf is not an instant', [
        { field: 'asOf', code: 'IS_ISO8601', message: 'asOf must be an ISO 8601 instant' },
      ]);
    }
    if (at.getTime() > now.getTime()) {
      throw DomainError.validation('PROFILE.AS_OF_IN_FUTURE', 'asOf lies in the future', [
        { field: 'asOf', code: 'IN_FUTURE', message: 'a profile can be shown as it stood, not as it will stand' },
      ]);
    }
    return at;
  }

  private async deny(
    caller: Caller,
    uscc: string,
    query: QueryKind,
    decision: Extract<AccessDecision, { outcome: 'denied' }>,
    entryId: string,
    now: Date,
    asOf?: Date,
  ): Promise<never> {
    await this.record(caller, {
      entryId,
      at: now,
      uscc,
      query,
      purpose: decision.purpose,
      asOf,
      classes: [],
      denialReason: decision.reason,
    });
    const code = `PROFILE.${decision.reason}`;
    throw decision.status === 400
      ? DomainError.validation(code, decision.message, [{ field: 'purpose', code: decision.reason, message: decision.message }])
      : DomainError.forbidden(code, decision.message);
  }

  private async record(
    caller: Caller,
    e: {
      entryId: string;
      at: Date;
      uscc: string;
      query: QueryKind;
      purpose: QueryPurpose | null;
      asOf?: Date;
      classes: SharingClass[];
      denialReason?: string;
      reportNumber?: string;
      reportHash?: string;
    },
  ): Promise<void> {
    const entry: AccessLoggedEvent = {
      entryId: e.entryId,
      at: e.at.toISOString(),
      org: caller.principal.org,
      user: caller.principal.user,
      roles: [...caller.principal.roles],
      purpose: e.purpose,
      uscc: e.uscc,
      query: e.query,
      ...(e.asOf ? { asOf: e.asOf.toISOString() } : {}),
      outcome: e.denialReason ? 'denied' : 'served',
      ...(e.denialReason ? { denialReason: e.denialReason } : {}),
      sharingClasses: e.classes,
      ...(e.reportNumber ? { reportNumber: e.reportNumber, reportHash: e.reportHash } : {}),
    };
    try {
      await this.log.record(entry, eventMetadata(actorOf(caller)));
    } catch (error) {
      if (!(error instanceof AccessLogUnavailable)) throw error;
      // Fail-closed (PRODUCT.md §3.7): no log entry, no answer.
      throw new ServiceUnavailableException({
        code: 'ACCESS_LOG.UNAVAILABLE',
        message: 'the query cannot be logged right now, so it is not answered; retry later',
      });
    }
  }
}

function requesterOf(caller: Caller): Requester {
  return {
    user: caller.principal.user,
    org: caller.principal.org,
    roles: caller.roles,
    subject: caller.principal.subject,
    organizationClasses: caller.organization?.sharingClasses ?? [],
  };
}

function classesReturned(view: ProfileView): SharingClass[] {
  const seen = new Set([...view.records, ...view.history].map((r) => r.sharingClass));
  return SHARING_CLASSES.filter((c) => seen.has(c));
}
