import { ConfigError, DistributedServiceConfig, loadConfig } from '@credit-share/bootstrap';
import { objectionRepairSettingsOf, withObjectionRepairSettings } from './objection-repair.config';

class TestConfig extends withObjectionRepairSettings(DistributedServiceConfig) {}

describe('objection and repair time limits from the environment', () => {
  it('defaults to 5, 3 and 10 working days with the default policy versions', () => {
    const settings = objectionRepairSettingsOf(loadConfig(TestConfig, {}));
    expect(settings.objections).toEqual({ version: 'objection-window-5wd', decisionWorkingDays: 5 });
    expect(settings.repairs).toEqual({ version: 'repair-3wd-10wd', decisionWorkingDays: 3, feedbackWorkingDays: 10 });
  });

  it('takes configured limits, each a policy version of its own', () => {
    const settings = objectionRepairSettingsOf(
      loadConfig(TestConfig, {
        OBJECTION_DECISION_WORKING_DAYS: '7',
        REPAIR_DECISION_WORKING_DAYS: '2',
        REPAIR_FEEDBACK_WORKING_DAYS: '8',
      }),
    );
    expect(settings.objections).toEqual({ version: 'objection-window-7wd', decisionWorkingDays: 7 });
    expect(settings.repairs).toEqual({ version: 'repair-2wd-8wd', decisionWorkingDays: 2, feedbackWorkingDays: 8 });
  });

  it('stops at boot on a bad value', () => {
    expect(() => loadConfig(TestConfig, { OBJECTION_DECISION_WORKING_DAYS: '0' })).toThrow(/OBJECTION_DECISION_WORKING_DAYS/);
    expect(() => loadConfig(TestConfig, { REPAIR_DECISION_WORKING_DAYS: 'three' })).toThrow(/REPAIR_DECISION_WORKING_DAYS/);
    expect(() =>
      objectionRepairSettingsOf(loadConfig(TestConfig, { REPAIR_DECISION_WORKING_DAYS: '5', REPAIR_FEEDBACK_WORKING_DAYS: '4' })),
    ).toThrow(ConfigError);
  });
});
