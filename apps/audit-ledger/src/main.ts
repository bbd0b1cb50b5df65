// audit-ledger as its own process (distributed mode). Tracing starts before anything it instruments is loaded.
import '@credit-share/telemetry';

import { runServiceProcess, startOrExit } from '@credit-share/bootstrap';
import { JsonLogger } from '@credit-share/observability';
import { ledgerSettingsOf, readAuditLedgerConfig } from './audit-ledger.config';
import { AuditLedgerModule } from './audit-ledger.module';

startOrExit('audit-ledger', async () => {
  const config = readAuditLedgerConfig();
  await runServiceProcess(
    'audit-ledger',
    AuditLedgerModule.forRoot({ serveDirectoryCopy: true, ledger: ledgerSettingsOf(config) }),
    config,
    new JsonLogger('audit-ledger', config.LOG_LEVEL),
  );
});
