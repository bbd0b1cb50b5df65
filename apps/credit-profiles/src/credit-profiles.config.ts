import { loadDistributedServiceConfig, type DistributedServiceConfig } from '@credit-share/bootstrap';

export function readCreditProfilesConfig(): DistributedServiceConfig {
  return loadDistributedServiceConfig(process.env);
}
