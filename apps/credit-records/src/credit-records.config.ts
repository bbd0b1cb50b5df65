import { DistributedServiceConfig, loadConfig } from '@credit-share/bootstrap';

export function readCreditRecordsConfig(): DistributedServiceConfig {
  return loadConfig(DistributedServiceConfig, process.env);
}
