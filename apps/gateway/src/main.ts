// The gateway of the distributed mode: one URL in front of every service process.
import { JsonLogger } from '@credit-share/observability';
import { readGatewayConfig } from './gateway.config';
import { createGateway } from './gateway';

const config = readGatewayConfig();
const logger = new JsonLogger('gateway');
const server = createGateway({
  'credit-records': config.CREDIT_RECORDS_URL,
  'joint-supervision': config.JOINT_SUPERVISION_URL,
  'enforcement-coordination': config.ENFORCEMENT_COORDINATION_URL,
  'credit-profiles': config.CREDIT_PROFILES_URL,
  'audit-ledger': config.AUDIT_LEDGER_URL,
});
server.listen(config.PORT, config.HOST, () => logger.log(`gateway listening at http://${config.HOST}:${config.PORT}`, 'gateway'));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
