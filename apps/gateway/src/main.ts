// The gateway of the distributed mode: one URL in front of every service process.
import { startOrExit } from '@credit-share/bootstrap';
import { JsonLogger } from '@credit-share/observability';
import { ConsoleAssets } from '../../console/src/console-assets';
import { consoleSettings } from '../../console/src/console-settings';
import { createGateway } from './gateway';
import { readGatewayConfig } from './gateway.config';

startOrExit('gateway', async () => {
  const config = readGatewayConfig();
  const logger = new JsonLogger('gateway');
  const server = createGateway(
    {
      'credit-records': config.CREDIT_RECORDS_URL,
      'joint-supervision': config.JOINT_SUPERVISION_URL,
      'enforcement-coordination': config.ENFORCEMENT_COORDINATION_URL,
      'credit-profiles': config.CREDIT_PROFILES_URL,
      'audit-ledger': config.AUDIT_LEDGER_URL,
    },
    ConsoleAssets.load(consoleSettings(config)),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  logger.log(`gateway listening at http://${config.HOST}:${config.PORT}`, 'gateway');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => server.close(() => process.exit(0)));
  }
});
