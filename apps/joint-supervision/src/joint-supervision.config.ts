import { loadDistributedServiceConfig, type DistributedServiceConfig } from '@credit-share/bootstrap';

export function readJointSupervisionConfig(): DistributedServiceConfig {
  return loadDistributedServiceConfig(process.env);
}
