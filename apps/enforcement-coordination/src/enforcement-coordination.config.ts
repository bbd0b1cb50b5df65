import { DistributedServiceConfig, loadConfig } from '@credit-share/bootstrap';

export function readEnforcementCoordinationConfig(): DistributedServiceConfig {
  return loadConfig(DistributedServiceConfig, process.env);
}
