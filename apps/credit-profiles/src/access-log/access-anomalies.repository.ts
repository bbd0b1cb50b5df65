// Simple anomaly flags over the access log for the operator (PRODUCT.md §3.7): one user querying unusually many
// subjects in a window, and bulk queries outside office hours (before 08:00 or from 20:00 China Standard Time, or on
// a day that is not a working day in the shipped calendar). The thresholds are query parameters with defaults.
import { defaultCalendar, type WorkingDayCalendar } from '@credit-share/contracts';
import type { Queryable } from '@credit-share/event-store';

export const OFFICE_HOURS = { from: 8, to: 20 } as const;

export interface AnomalyThresholds {
  /** Distinct subjects one user may query in the window before it is flagged. */
  subjects: number;
  /** Profile/report queries of one user outside office hours on one day before it is flagged. */
  offHours: number;
}

export const DEFAULT_THRESHOLDS: AnomalyThresholds = { subjects: 100, offHours: 20 };

export interface AnomalyFlag {
  kind: 'many_subjects' | 'off_hours_bulk';
  org: string;
  user: string;
  /** For `off_hours_bulk`: the CST day. */
  day?: string;
  queries: number;
  subjects: number;
  firstAt: string;
  lastAt: string;
}

export interface DayActivity {
  org: string;
  user: string;
  day: string; // YYYY-MM-DD, CST
  /** Queries before 08:00 or from 20:00 CST. */
  nightQueries: number;
  nightSubjects: number;
  queries: number;
  subjects: number;
  firstAt: string;
  lastAt: string;
}

/** Off-hours bulk flags from per-day activity: on a non-working day every query is off hours. */
export function offHoursFlags(
  days: readonly DayActivity[],
  threshold: number,
  calendar: Pick<WorkingDayCalendar, 'isWorkingDay'> = defaultCalendar,
): AnomalyFlag[] {
  const flags: AnomalyFlag[] = [];
  for (const d of days) {
    let working = true;
    try {
      working = calendar.isWorkingDay(d.day);
    } catch {
      working = true; // a year the calendar does not cover: judge by the hour alone
    }
    const queries = working ? d.nightQueries : d.queries;
    const subjects = working ? d.nightSubjects : d.subjects;
    if (queries >= threshold) {
      flags.push({
        kind: 'off_hours_bulk',
        org: d.org,
        user: d.user,
        day: d.day,
        queries,
        subjects,
        firstAt: d.firstAt,
        lastAt: d.lastAt,
      });
    }
  }
  return flags;
}

export async function accessAnomalies(
  runner: Queryable,
  window: { from: Date; to: Date },
  thresholds: AnomalyThresholds,
): Promise<AnomalyFlag[]> {
  const { rows: many } = await runner.query<{
    org: string;
    user_id: string;
    queries: number;
    subjects: number;
    first_at: Date;
    last_at: Date;
  }>(
    `SELECT org, user_id, count(*)::int AS queries, count(DISTINCT uscc)::int AS subjects, min(at) AS first_at, max(at) AS last_at
       FROM access_log
      WHERE at >= $1 AND at < $2 AND query IN ('profile', 'report') AND outcome = 'served'
      GROUP BY org, user_id HAVING count(DISTINCT uscc) >= $3
      ORDER BY subjects DESC, org, user_id`,
    [window.from, window.to, thresholds.subjects],
  );
  const { rows: days } = await runner.query<{
    org: string;
    user_id: string;
    day: string;
    night_queries: number;
    night_subjects: number;
    queries: number;
    subjects: number;
    first_at: Date;
    last_at: Date;
  }>(
    `SELECT org, user_id, to_char(local_at, 'YYYY-MM-DD') AS day,
            count(*) FILTER (WHERE night)::int AS night_queries,
            count(DISTINCT uscc) FILTER (WHERE night)::int AS night_subjects,
            count(*)::int AS queries, count(DISTINCT uscc)::int AS subjects,
            min(at) AS first_at, max(at) AS last_at
       FROM (SELECT *, at AT TIME ZONE 'Asia/Shanghai' AS local_at,
                    extract(hour FROM at AT TIME ZONE 'Asia/Shanghai') NOT BETWEEN $4 AND $5 AS night
               FROM access_log
              WHERE at >= $1 AND at < $2 AND query IN ('profile', 'report') AND outcome = 'served') a
      GROUP BY org, user_id, day
     HAVING count(*) >= $3
      ORDER BY day, org, user_id`,
    [window.from, window.to, thresholds.offHours, OFFICE_HOURS.from, OFFICE_HOURS.to - 1],
  );
  const flags: AnomalyFlag[] = many.map((r) => ({
    kind: 'many_subjects',
    org: r.org,
    user: r.user_id,
    queries: r.queries,
    subjects: r.subjects,
    firstAt: r.first_at.toISOString(),
    lastAt: r.last_at.toISOString(),
  }));
  return [
    ...flags,
    ...offHoursFlags(
      days.map((d) => ({
        org: d.org,
        user: d.user_id,
        day: d.day,
        nightQueries: d.night_queries,
        nightSubjects: d.night_subjects,
        queries: d.queries,
        subjects: d.subjects,
        firstAt: d.first_at.toISOString(),
        lastAt: d.last_at.toISOString(),
      })),
      thresholds.offHours,
    ),
  ];
}
