// `npx credit-share replay [--projection <name>]`: drops read models and rebuilds them from the event history.
import { rebuildProjection, type Projection } from '@credit-share/event-store';
import { serviceRuntimeOf, type ServiceRuntime } from '@credit-share/messaging';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { creditRecordsProjections } from '../../../credit-records/src/credit-records.module';
import { StandaloneModule } from '../../../standalone/src/standalone.module';
import { readCliConfig } from '../cli.config';
import { openDatabase } from '../database';
import { UsageError } from '../usage-error';

const USAGE = 'replay [--projection <name>]';

export async function replayCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { projection: { type: 'string' } }, strict: true });
  const config = readCliConfig();
  const database = await openDatabase(config);
  const app = await NestFactory.createApplicationContext(
    StandaloneModule.forRoot(config, database.url, { startMessaging: false }),
    {
      logger: ['error', 'warn'],
    },
  );
  try {
    const creditRecords = serviceRuntimeOf(app, 'credit-records');
    const available: Array<{ service: string; runtime: ServiceRuntime; projection: Projection }> = [
      ...creditRecordsProjections(creditRecords).map((projection) => ({
        service: 'credit-records',
        runtime: creditRecords,
        projection,
      })),
    ];
    const selected = values.projection ? available.filter((p) => p.projection.name === values.projection) : available;
    if (selected.length === 0) {
      throw new UsageError(
        `unknown projection "${values.projection}"; known: ${available.map((p) => p.projection.name).join(', ')}`,
        USAGE,
      );
    }
    for (const { service, runtime, projection } of selected) {
      const started = Date.now();
      const result = await rebuildProjection(runtime.db, runtime.store, projection, {
        onProgress: (p) => process.stderr.write(`\r${service}/${p.projection}: ${p.events} events replayed`),
      });
      const seconds = (Date.now() - started) / 1000;
      process.stderr.write('\n');
      process.stdout.write(`rebuilt ${service}/${result.projection} from ${result.events} events in ${seconds.toFixed(2)} s\n`);
    }
  } finally {
    await app.close();
    await database.close();
  }
}
