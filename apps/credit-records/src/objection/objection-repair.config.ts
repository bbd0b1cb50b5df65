// Time limits of objections and credit repair (PRODUCT.md §3.3; docs/configuration.md), declared once and mixed into
// every configuration class of a process that runs credit-records: its own service process and the standalone
// platform. Values are working days of the shared calendar (libs/contracts); a changed value is a new policy version,
// recorded on every objection and application it applies to.
import { ConfigError, type PlatformConfig } from '@credit-share/bootstrap';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { objectionPolicy, type ObjectionPolicy } from './objection';
import { repairPolicy, type RepairPolicy } from '../repair/repair';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the TypeScript mixin pattern requires any[]
type ConfigClass = new (...args: any[]) => PlatformConfig;

export function withObjectionRepairSettings<TBase extends ConfigClass>(Base: TBase) {
  class WithObjectionRepairSettings extends Base {
    /** Working days the provider department has to decide an objection before ObjectionOverdue is raised. */
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(60)
    OBJECTION_DECISION_WORKING_DAYS = 5;

    /** Working days the provider department has to decide a repair application (overdue: an SLA breach). */
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(60)
    REPAIR_DECISION_WORKING_DAYS = 3;

    /** Working days within which the applicant hears back in total (shown as feedbackDueAt). */
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(60)
    REPAIR_FEEDBACK_WORKING_DAYS = 10;
  }
  return WithObjectionRepairSettings;
}

export interface ObjectionRepairSettings {
  objections: ObjectionPolicy;
  repairs: RepairPolicy;
}

/** The settings as any configuration class carries them (absent: the defaults). */
export interface ObjectionRepairConfig {
  OBJECTION_DECISION_WORKING_DAYS?: number;
  REPAIR_DECISION_WORKING_DAYS?: number;
  REPAIR_FEEDBACK_WORKING_DAYS?: number;
}

export function objectionRepairSettingsOf(config: ObjectionRepairConfig): ObjectionRepairSettings {
  const decision = config.REPAIR_DECISION_WORKING_DAYS ?? 3;
  const feedback = config.REPAIR_FEEDBACK_WORKING_DAYS ?? 10;
  if (feedback < decision) {
    throw new ConfigError(
      'invalid configuration:\n  REPAIR_FEEDBACK_WORKING_DAYS must not be shorter than REPAIR_DECISION_WORKING_DAYS',
    );
  }
  return {
    objections: objectionPolicy(config.OBJECTION_DECISION_WORKING_DAYS ?? 5),
    repairs: repairPolicy(decision, feedback),
  };
}

export const OBJECTION_REPAIR_SETTINGS = Symbol('ObjectionRepairSettings');
