// Data-quality figures (GET /api/v1/data-quality) read into one shape for the tables and charts: per provider,
// accepted and rejected submissions, rejections by error code, and timeliness (decision date → submission, target
// ≤ 7 working days). Tolerant of the answer's envelope (an array, `{providers}` or one provider's object).

export interface QualityRow {
  org: string;
  accepted: number;
  rejected: number;
  byCode: Array<{ code: string; count: number }>;
  onTime?: number;
  late?: number;
}

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

function codesOf(value: unknown): Array<{ code: string; count: number }> {
  if (Array.isArray(value)) {
    return value
      .map((v: Record<string, unknown>) => ({
        code: String(v['code'] ?? v['errorCode'] ?? ''),
        count: num(v['count'] ?? v['rejected']),
      }))
      .filter((c) => c.code);
  }
  if (value && typeof value === 'object') return Object.entries(value).map(([code, count]) => ({ code, count: num(count) }));
  return [];
}

function rowOf(value: Record<string, unknown>): QualityRow {
  const timeliness = (value['timeliness'] ?? {}) as Record<string, unknown>;
  const onTime = value['onTime'] ?? timeliness['onTime'] ?? timeliness['withinTarget'];
  const measured = timeliness['measured'];
  const late =
    value['late'] ??
    timeliness['late'] ??
    timeliness['beyondTarget'] ??
    (typeof measured === 'number' && typeof onTime === 'number' ? measured - onTime : undefined);
  return {
    org: String(value['org'] ?? value['providerOrg'] ?? value['organization'] ?? value['provider'] ?? ''),
    accepted: num(value['accepted']),
    rejected: num(value['rejected']),
    byCode: codesOf(
      value['rejectionsByCode'] ?? value['rejectedByCode'] ?? value['byCode'] ?? value['errors'] ?? value['errorCodes'],
    ),
    ...(onTime !== undefined ? { onTime: num(onTime) } : {}),
    ...(late !== undefined ? { late: num(late) } : {}),
  };
}

export function qualityRows(answer: unknown): QualityRow[] {
  if (Array.isArray(answer)) return answer.map((v) => rowOf(v as Record<string, unknown>));
  if (answer && typeof answer === 'object') {
    const object = answer as Record<string, unknown>;
    for (const key of ['providers', 'organizations', 'items', 'rows']) {
      if (Array.isArray(object[key])) return (object[key] as Record<string, unknown>[]).map(rowOf);
    }
    return [rowOf(object)];
  }
  return [];
}

/** Rejections by code over all rows, most frequent first. */
export function rejectionsByCode(rows: readonly QualityRow[]): Array<{ code: string; count: number }> {
  const totals = new Map<string, number>();
  for (const row of rows) for (const { code, count } of row.byCode) totals.set(code, (totals.get(code) ?? 0) + count);
  return [...totals].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

export function acceptanceRate(row: QualityRow): number | undefined {
  const total = row.accepted + row.rejected;
  return total === 0 ? undefined : row.accepted / total;
}
