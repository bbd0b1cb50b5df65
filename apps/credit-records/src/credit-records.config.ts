import { loadDistributedServiceConfig, type DistributedServiceConfig } from '@credit-share/bootstrap';

export function readCreditRecordsConfig(): DistributedServiceConfig {
  return loadDistributedServiceConfig(process.env);
}
