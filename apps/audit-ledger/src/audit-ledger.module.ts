// audit-ledger: the RFC 9162 Merkle log over every integration event and access entry.
import { DirectoryCopyController, directoryMigrations, directoryProviders } from '@credit-share/auth';
import { serviceProviders, type ServiceDefinition } from '@credit-share/messaging';
import { Module, type DynamicModule } from '@nestjs/common';
import { publish } from './publish';

export const AUDIT_LEDGER: ServiceDefinition = {
  name: 'audit-ledger',
  schema: 'audit_ledger',
  migrations: [...directoryMigrations()],
  publish,
  consumes: ['credit-records', 'joint-supervision', 'enforcement-coordination', 'credit-profiles'],
};

export interface AuditLedgerModuleOptions {
  /** Serve this service's directory copy at GET /api/v1/organizations (only when it runs as its own process). */
  serveDirectoryCopy: boolean;
}

@Module({})
export class AuditLedgerModule {
  static forRoot(options: AuditLedgerModuleOptions): DynamicModule {
    return {
      module: AuditLedgerModule,
      controllers: options.serveDirectoryCopy ? [DirectoryCopyController] : [],
      providers: [...serviceProviders(AUDIT_LEDGER), ...directoryProviders({ replica: true })],
    };
  }
}
