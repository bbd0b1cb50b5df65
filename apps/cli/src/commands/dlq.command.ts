// `npx credit-share dlq list` shows what each service has parked (poison messages and the later messages of the same
// subject held behind them); `npx credit-share dlq redrive --service <name> [--subject <uscc>]` re-applies them in
// order once the cause is fixed, stopping per subject at the first that still fails.
import { SERVICES, type ServiceName } from '@credit-share/contracts';
import { serviceRuntimeOf } from '@credit-share/messaging';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { StandaloneModule } from '../../../standalone/src/standalone.module';
import { readCliConfig } from '../cli.config';
import { openDatabase } from '../database';
import { UsageError } from '../usage-error';

export const DLQ_USAGE = 'dlq list | dlq redrive --service <name> [--subject <uscc>]';

export async function dlqCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { service: { type: 'string' }, subject: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const action = positionals[0];
  if (action !== 'list' && action !== 'redrive') throw new UsageError('say "list" or "redrive"', DLQ_USAGE);
  if (action === 'redrive' && !values.service) throw new UsageError('redrive needs --service', DLQ_USAGE);
  if (values.service && !(SERVICES as readonly string[]).includes(values.service)) {
    throw new UsageError(`unknown service "${values.service}"; services are ${SERVICES.join(', ')}`, DLQ_USAGE);
  }
  const config = readCliConfig();
  const database = await openDatabase(config);
  // The services' consumer hosts with their handlers, without starting relays or subscriptions.
  const app = await NestFactory.createApplicationContext(
    StandaloneModule.forRoot(config, database.url, { startMessaging: false }),
    {
      logger: ['error', 'warn'],
    },
  );
  try {
    if (action === 'list') {
      for (const service of SERVICES) {
        const rows = await serviceRuntimeOf(app, service).db.query<{
          subject: string;
          reason: string;
          n: string;
          error: string | null;
        }>(
          `SELECT subject, reason, count(*)::text AS n, max(error) AS error FROM parked_messages
            WHERE resolved_at IS NULL GROUP BY subject, reason ORDER BY subject, reason`,
        );
        for (const r of rows.rows) process.stdout.write(`${service}\t${r.subject}\t${r.reason}\t${r.n}\t${r.error ?? ''}\n`);
      }
      return;
    }
    const consumers = serviceRuntimeOf(app, values.service as ServiceName).consumers;
    const result = await consumers.redrive(values.subject);
    process.stdout.write(`${values.service}: ${result.resolved} applied, ${result.stillParked} still parked\n`);
    if (result.stillParked > 0) process.exitCode = 1;
  } finally {
    await app.close();
    await database.close();
  }
}
