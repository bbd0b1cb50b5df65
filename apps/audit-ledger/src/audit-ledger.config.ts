import { loadDistributedServiceConfig, type DistributedServiceConfig } from '@credit-share/bootstrap';

export function readAuditLedgerConfig(): DistributedServiceConfig {
  return loadDistributedServiceConfig(process.env);
}
