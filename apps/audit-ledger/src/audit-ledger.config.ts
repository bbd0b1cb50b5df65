import { DistributedServiceConfig, loadConfig } from '@credit-share/bootstrap';

export function readAuditLedgerConfig(): DistributedServiceConfig {
  return loadConfig(DistributedServiceConfig, process.env);
}
