import { DistributedServiceConfig, loadConfig } from '@credit-share/bootstrap';
import { withObjectionRepairSettings } from './objection/objection-repair.config';

/** credit-records as its own process: the distributed settings and its time limits of objections and repairs. */
export class CreditRecordsConfig extends withObjectionRepairSettings(DistributedServiceConfig) {}

export function readCreditRecordsConfig(): CreditRecordsConfig {
  return loadConfig(CreditRecordsConfig, process.env, { require: ['DATABASE_URL', 'KAFKA_BROKERS'] });
}
