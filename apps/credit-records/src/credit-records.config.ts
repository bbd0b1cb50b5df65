import { DistributedServiceConfig, loadConfig } from '@credit-share/bootstrap';
import { withRecordImportSettings } from './import/record-import.config';

/** credit-records as its own process: the platform's settings and the file import's. */
export class CreditRecordsConfig extends withRecordImportSettings(DistributedServiceConfig) {}

export function readCreditRecordsConfig(): CreditRecordsConfig {
  return loadConfig(CreditRecordsConfig, process.env, { require: ['DATABASE_URL', 'KAFKA_BROKERS'] });
}
