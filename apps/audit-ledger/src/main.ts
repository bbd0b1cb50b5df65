// audit-ledger as its own process (distributed mode). Tracing starts before anything it instruments is loaded.
import '@credit-share/telemetry';

import { runServiceProcess } from '@credit-share/bootstrap';
import { JsonLogger } from '@credit-share/observability';
import { readAuditLedgerConfig } from './audit-ledger.config';
import { AuditLedgerModule } from './audit-ledger.module';

const config = readAuditLedgerConfig();
runServiceProcess(
  'audit-ledger',
  AuditLedgerModule.forRoot({ serveDirectoryCopy: true }),
  config,
  new JsonLogger('audit-ledger', config.LOG_LEVEL),
).catch((error) => {
  process.stderr.write(`audit-ledger failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
