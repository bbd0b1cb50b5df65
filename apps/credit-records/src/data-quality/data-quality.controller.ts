import { Authorize, CurrentCaller, type Caller } from '@credit-share/auth';
import { API_V1 } from '@credit-share/bootstrap';
import { ServiceRuntime } from '@credit-share/messaging';
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { TIMELINESS_TARGET_WORKING_DAYS } from '../record/record-submission.service';

export interface ProviderQuality {
  org: string;
  accepted: number;
  rejected: number;
  /** Accepted rows / all rows; target ≥ 0.95 (rule_parameters.tsv submission_quality). */
  validRate: number | null;
  rejectionsByCode: Record<string, number>;
  timeliness: {
    targetWorkingDays: number;
    measured: number;
    onTime: number;
    onTimeRate: number | null;
    averageWorkingDays: number | null;
    notMeasured: number;
  };
}

/** Provider data quality (PRODUCT.md §1): the operator sees every provider, a provider itself. */
@ApiTags('data-quality')
@Controller(`${API_V1}/data-quality`)
export class DataQualityController {
  constructor(private readonly runtime: ServiceRuntime) {}

  @Get()
  @Authorize('operator', 'provider')
  @ApiOperation({ summary: 'Accepted/rejected rows by error code and timeliness (decision → submission), per provider' })
  async get(@CurrentCaller() caller: Caller): Promise<{ providers: ProviderQuality[] }> {
    const own = caller.roles.includes('operator') ? null : caller.principal.org;
    const [{ rows: counts }, { rows: timeliness }] = await Promise.all([
      this.runtime.db.query<{ provider_org: string; code: string; rows: string }>(
        `SELECT e.provider_org, c.key AS code, sum(c.value::bigint)::text AS rows
         FROM provider_quality_entries e, jsonb_each_text(e.codes) c
         WHERE $1::text IS NULL OR e.provider_org = $1
         GROUP BY e.provider_org, c.key ORDER BY e.provider_org, c.key`,
        [own],
      ),
      this.runtime.db.query<{
        provider_org: string;
        measured: string;
        on_time: string;
        working_days_total: string;
        not_measured: string;
      }>(
        `SELECT provider_org, sum(measured)::text AS measured, sum(on_time)::text AS on_time,
           sum(working_days_total)::text AS working_days_total, sum(not_measured)::text AS not_measured
         FROM provider_quality_entries WHERE $1::text IS NULL OR provider_org = $1 GROUP BY provider_org`,
        [own],
      ),
    ]);
    const byOrg = new Map<string, ProviderQuality>();
    const entry = (org: string) => {
      let q = byOrg.get(org);
      if (!q) {
        q = {
          org,
          accepted: 0,
          rejected: 0,
          validRate: null,
          rejectionsByCode: {},
          timeliness: {
            targetWorkingDays: TIMELINESS_TARGET_WORKING_DAYS,
            measured: 0,
            onTime: 0,
            onTimeRate: null,
            averageWorkingDays: null,
            notMeasured: 0,
          },
        };
        byOrg.set(org, q);
      }
      return q;
    };
    for (const row of counts) {
      const q = entry(row.provider_org);
      const n = Number(row.rows);
      if (row.code === 'ACCEPTED') q.accepted = n;
      else if (row.code === 'REJECTED') q.rejected = n;
      else q.rejectionsByCode[row.code] = n;
    }
    for (const row of timeliness) {
      const q = entry(row.provider_org);
      const measured = Number(row.measured);
      q.timeliness.measured = measured;
      q.timeliness.onTime = Number(row.on_time);
      q.timeliness.notMeasured = Number(row.not_measured);
      q.timeliness.onTimeRate = measured > 0 ? round(Number(row.on_time) / measured) : null;
      q.timeliness.averageWorkingDays = measured > 0 ? round(Number(row.working_days_total) / measured) : null;
    }
    for (const q of byOrg.values()) {
      const total = q.accepted + q.rejected;
      q.validRate = total > 0 ? round(q.accepted / total) : null;
    }
    return { providers: [...byOrg.values()].sort((a, b) => a.org.localeCompare(b.org)) };
  }
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
