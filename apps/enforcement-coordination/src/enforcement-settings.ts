import { defaultCalendar, type WorkingDayCalendar } from '@credit-share/contracts';
import { DEFAULT_ALERT_POLICY, type AlertPolicy } from './alert/enforcement';

/** What EnforcementCoordinationModule needs from configuration (docs/configuration.md). */
export interface EnforcementSettings {
  policy: AlertPolicy;
  calendar: WorkingDayCalendar;
  webhooks: {
    /** First retry delay; doubles per failed attempt up to `maxDelayMs`. */
    retryBaseMs: number;
    maxDelayMs: number;
    timeoutMs: number;
    concurrency: number;
  };
}

export const DEFAULT_ENFORCEMENT_SETTINGS: EnforcementSettings = {
  policy: DEFAULT_ALERT_POLICY,
  calendar: defaultCalendar,
  webhooks: { retryBaseMs: 1_000, maxDelayMs: 3_600_000, timeoutMs: 10_000, concurrency: 8 },
};

export const ENFORCEMENT_SETTINGS = Symbol('EnforcementSettings');
