// enforcement-coordination's settings (docs/configuration.md), declared once and mixed into every configuration class
// of a process that runs the service: its own process and the standalone platform.
import { DistributedServiceConfig, loadConfig, type PlatformConfig } from '@credit-share/bootstrap';
import { defaultCalendar } from '@credit-share/contracts';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import type { EnforcementSettings } from './enforcement-settings';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the TypeScript mixin pattern requires any[]
type ConfigClass = new (...args: any[]) => PlatformConfig;

export function withEnforcementSettings<TBase extends ConfigClass>(Base: TBase) {
  class WithEnforcementSettings extends Base {
    /** Working days an organisation has to acknowledge an alert (PRODUCT.md §3.6 default: 1). */
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(30)
    ALERT_ACKNOWLEDGE_WORKING_DAYS = 1;

    /** Working days an organisation has to report feedback on an alert (default: 5). */
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(60)
    ALERT_FEEDBACK_WORKING_DAYS = 5;

    /** First webhook retry delay; doubles per failed attempt. */
    @Type(() => Number)
    @IsInt()
    @Min(10)
    @Max(3_600_000)
    WEBHOOK_RETRY_BASE_MS = 1_000;

    /** Longest delay between two webhook attempts. */
    @Type(() => Number)
    @IsInt()
    @Min(100)
    @Max(86_400_000)
    WEBHOOK_RETRY_MAX_MS = 3_600_000;

    /** How long one webhook attempt may take before it counts as failed. */
    @Type(() => Number)
    @IsInt()
    @Min(100)
    @Max(120_000)
    WEBHOOK_TIMEOUT_MS = 10_000;
  }
  return WithEnforcementSettings;
}

export class EnforcementCoordinationConfig extends withEnforcementSettings(DistributedServiceConfig) {}

export function readEnforcementCoordinationConfig(): EnforcementCoordinationConfig {
  return loadConfig(EnforcementCoordinationConfig, process.env, { require: ['DATABASE_URL', 'KAFKA_BROKERS'] });
}

export type EnforcementConfigValues = Partial<
  Pick<
    EnforcementCoordinationConfig,
    | 'ALERT_ACKNOWLEDGE_WORKING_DAYS'
    | 'ALERT_FEEDBACK_WORKING_DAYS'
    | 'WEBHOOK_RETRY_BASE_MS'
    | 'WEBHOOK_RETRY_MAX_MS'
    | 'WEBHOOK_TIMEOUT_MS'
  >
>;

/** What EnforcementCoordinationModule.forRoot needs from any configuration that carries these settings. */
export function enforcementSettingsOf(config: EnforcementConfigValues): EnforcementSettings {
  return {
    policy: {
      acknowledgeWorkingDays: config.ALERT_ACKNOWLEDGE_WORKING_DAYS ?? 1,
      feedbackWorkingDays: config.ALERT_FEEDBACK_WORKING_DAYS ?? 5,
    },
    calendar: defaultCalendar,
    webhooks: {
      retryBaseMs: config.WEBHOOK_RETRY_BASE_MS ?? 1_000,
      maxDelayMs: config.WEBHOOK_RETRY_MAX_MS ?? 3_600_000,
      timeoutMs: config.WEBHOOK_TIMEOUT_MS ?? 10_000,
      concurrency: 8,
    },
  };
}
