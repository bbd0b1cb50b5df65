// GET /health as the standalone process answers it ({status, checks}) and as the gateway of the distributed mode
// does ({status, services: {<service>: {status, checks}}}), flattened into one list of checks.

export interface HealthCheckRow {
  /** `credit-records.database`, `transport`, or `<service>` when a whole service is down behind the gateway. */
  name: string;
  service?: string;
  up: boolean;
  error?: string;
}

export interface HealthSummary {
  ok: boolean;
  checks: HealthCheckRow[];
}

interface ProcessReport {
  status?: string;
  error?: string;
  checks?: Record<string, { status?: string; error?: string }>;
}

export function summarizeHealth(report: ProcessReport & { services?: Record<string, ProcessReport> }): HealthSummary {
  const rows: HealthCheckRow[] = [];
  const add = (report: ProcessReport, service?: string) => {
    const checks = Object.entries(report.checks ?? {});
    if (checks.length === 0 && service) rows.push({ name: service, service, up: report.status === 'ok', error: report.error });
    for (const [name, check] of checks) rows.push({ name, service, up: check.status === 'up', error: check.error });
  };
  if (report.services) for (const [service, serviceReport] of Object.entries(report.services)) add(serviceReport, service);
  else add(report);
  return { ok: report.status === 'ok', checks: rows };
}

export const SERVICE_NAMES = [
  'credit-records',
  'joint-supervision',
  'enforcement-coordination',
  'credit-profiles',
  'audit-ledger',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export function isServiceName(name: string): name is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(name);
}

/** What a check is about: `credit-records.database` → database of credit-records. */
export function describeCheck(
  name: string,
):
  | { kind: 'database'; service: ServiceName }
  | { kind: 'transport' }
  | { kind: 'ledger' }
  | { kind: 'service'; service: ServiceName }
  | { kind: 'other' } {
  const database = /^([a-z-]+)\.database$/.exec(name);
  if (database && isServiceName(database[1]!)) return { kind: 'database', service: database[1] };
  // The audit ledger's stored tree still matches its last signed root (ADR 0007).
  if (name === 'audit-ledger.ledger') return { kind: 'ledger' };
  if (name === 'transport') return { kind: 'transport' };
  if (isServiceName(name)) return { kind: 'service', service: name };
  return { kind: 'other' };
}
