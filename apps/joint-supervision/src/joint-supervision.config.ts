import { DistributedServiceConfig, loadConfig } from '@credit-share/bootstrap';

export function readJointSupervisionConfig(): DistributedServiceConfig {
  return loadConfig(DistributedServiceConfig, process.env);
}
