import { loadDistributedServiceConfig, type DistributedServiceConfig } from '@credit-share/bootstrap';

export function readEnforcementCoordinationConfig(): DistributedServiceConfig {
  return loadDistributedServiceConfig(process.env);
}
