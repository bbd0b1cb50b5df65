import { DistributedServiceConfig, loadConfig } from '@credit-share/bootstrap';

export function readCreditProfilesConfig(): DistributedServiceConfig {
  return loadConfig(DistributedServiceConfig, process.env);
}
