// `npx credit-share replay [--projection <name>] [--dry-run]`: drops read models and rebuilds them from history.
// - A service's own projections replay its own event store.
// - Read models a service keeps from other services' integration events (today: each consumer's copy of the
//   organisation directory) replay the audit ledger's entries (PRODUCT.md §3.8), verified against the ledger's signed
//   checkpoint first, and are compared with the live tables: the rebuild must be identical to them.
import { OrganizationDirectory, directoryCopyProjection } from '@credit-share/auth';
import { ContractRegistry, SERVICES, topicOf, type ServiceName } from '@credit-share/contracts';
import { rebuildProjection, type Projection } from '@credit-share/event-store';
import {
  HistoryBehindConsumer,
  rebuildFromHistory,
  serviceRuntimeOf,
  type IntegrationProjection,
  type RebuildFromHistoryResult,
  type ServiceRuntime,
} from '@credit-share/messaging';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { verifiedHistory } from '../../../audit-ledger/src/ledger/ledger-history';
import { LEDGER_SIGNER } from '../../../audit-ledger/src/ledger/ledger.handlers';
import { LedgerRepository } from '../../../audit-ledger/src/ledger/ledger.repository';
import type { NoteSigner } from '../../../audit-ledger/src/ledger/signed-note';
import { creditProfilesProjections } from '../../../credit-profiles/src/credit-profiles.module';
import { profilesDumpHash, rebuildProfiles } from '../../../credit-profiles/src/profile/profile.projection';
import { creditRecordsProjections } from '../../../credit-records/src/credit-records.module';
import { jointSupervisionProjections, recordFactsProjection } from '../../../joint-supervision/src/joint-supervision.module';
import { enforcementCoordinationProjections } from '../../../enforcement-coordination/src/enforcement-coordination.module';
import { StandaloneModule } from '../../../standalone/src/standalone.module';
import { readCliConfig } from '../cli.config';
import { openDatabase } from '../database';
import { UsageError } from '../usage-error';

const USAGE = 'replay [--projection <name>] [--dry-run]';

/** A projection a service rebuilds from its own events. */
interface OwnHistoryProjection {
  kind: 'own';
  service: ServiceName;
  runtime: ServiceRuntime;
  projection: Projection;
  /** A faster rebuild with the same result than replaying the store in global order, where the projection has one. */
  rebuild?: (onProgress: (events: number) => void) => Promise<{ events: number }>;
  /** A canonical dump hash of the projection's tables, compared before and after the rebuild. */
  dumpHash?: () => Promise<{ hash: string; rows: number }>;
}

/** A projection a consumer keeps from integration events, rebuilt from the audit ledger's entries. */
interface LedgerFedProjection {
  kind: 'ledger';
  service: ServiceName;
  runtime: ServiceRuntime;
  projection: IntegrationProjection;
  /** The topics the service consumes: only events it could have received are replayed into it. */
  topics: ReadonlySet<string>;
}

type Rebuildable = OwnHistoryProjection | LedgerFedProjection;

/** Every projection `replay` knows; add a service's own or integration-event projections here. */
export function rebuildableProjections(app: INestApplicationContext): Rebuildable[] {
  const creditRecords = serviceRuntimeOf(app, 'credit-records');
  const own: Rebuildable[] = creditRecordsProjections(creditRecords).map((projection) => ({
    kind: 'own',
    service: 'credit-records',
    runtime: creditRecords,
    projection,
  }));
  const creditProfiles = serviceRuntimeOf(app, 'credit-profiles');
  for (const projection of creditProfilesProjections(creditProfiles)) {
    own.push({
      kind: 'own',
      service: 'credit-profiles',
      runtime: creditProfiles,
      projection,
      ...(projection.name === 'profiles'
        ? {
            rebuild: (onProgress: (events: number) => void) => rebuildProfiles(creditProfiles.db, { onProgress }),
            dumpHash: () => profilesDumpHash(creditProfiles.db),
          }
        : {}),
    });
  }
  const enforcement = serviceRuntimeOf(app, 'enforcement-coordination');
  for (const projection of enforcementCoordinationProjections(enforcement)) {
    own.push({ kind: 'own', service: 'enforcement-coordination', runtime: enforcement, projection });
  }
  const fed: Rebuildable[] = SERVICES.map((service) => serviceRuntimeOf(app, service))
    .filter((runtime) => (runtime.definition.consumes ?? []).includes('credit-records'))
    .map((runtime) => ({
      kind: 'ledger',
      service: runtime.definition.name,
      runtime,
      projection: directoryCopyProjection(new OrganizationDirectory(runtime.db)),
      topics: new Set((runtime.definition.consumes ?? []).map(topicOf)),
    }));
  const supervision = serviceRuntimeOf(app, 'joint-supervision');
  own.push(
    ...jointSupervisionProjections().map((projection): Rebuildable => ({
      kind: 'own',
      service: 'joint-supervision',
      runtime: supervision,
      projection,
    })),
  );
  fed.push({
    kind: 'ledger',
    service: 'joint-supervision',
    runtime: supervision,
    projection: recordFactsProjection,
    topics: new Set((supervision.definition.consumes ?? []).map(topicOf)),
  });
  return [...own, ...fed];
}

export interface ReplayOptions {
  /** `<name>` or `<service>/<name>`. */
  projection?: string;
  dryRun?: boolean;
  /** How long to wait for the ledger when it is behind a consumer (it records what every consumer receives). */
  ledgerWaitMs?: number;
}

export async function replayCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { projection: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    strict: true,
  });
  const config = readCliConfig();
  const database = await openDatabase(config);
  const app = await NestFactory.createApplicationContext(
    StandaloneModule.forRoot(config, database.url, { startMessaging: false }),
    {
      logger: ['error', 'warn'],
    },
  );
  try {
    await replay(app, { projection: values.projection, dryRun: values['dry-run'] ?? false }, (line) =>
      process.stdout.write(line + '\n'),
    );
  } finally {
    await app.close();
    await database.close();
  }
}

export async function replay(app: INestApplicationContext, options: ReplayOptions, print: (line: string) => void): Promise<void> {
  const available = rebuildableProjections(app);
  const name = (p: Rebuildable) => `${p.service}/${p.projection.name}`;
  const selected = options.projection
    ? available.filter((p) => p.projection.name === options.projection || name(p) === options.projection)
    : available;
  if (selected.length === 0) {
    throw new UsageError(
      `unknown projection "${options.projection}"; known: ${[...new Set(available.map(name))].join(', ')}`,
      USAGE,
    );
  }
  for (const p of selected) {
    const started = Date.now();
    if (p.kind === 'own') {
      if (options.dryRun) {
        print(`skipped ${name(p)} (rebuilt from its own events; --dry-run compares ledger-fed projections only)`);
        continue;
      }
      const live = await p.dumpHash?.();
      const progress = (events: number) => process.stderr.write(`\r${name(p)}: ${events} events replayed`);
      const result = p.rebuild
        ? await p.rebuild(progress)
        : await rebuildProjection(p.runtime.db, p.runtime.store, p.projection, { onProgress: (r) => progress(r.events) });
      process.stderr.write('\n');
      const rebuilt = await p.dumpHash?.();
      const comparison =
        live && rebuilt
          ? live.hash === rebuilt.hash
            ? `: ${rebuilt.rows} rows, dump sha256 ${rebuilt.hash}, identical to the live table`
            : `: DIFFERENT from the live table (dump sha256 ${live.hash} before, ${rebuilt.hash} after)`
          : '';
      print(`rebuilt ${name(p)} from ${result.events} events in ${seconds(started)} s${comparison}`);
      continue;
    }
    const { result, treeSize, seq } = await rebuildFromLedger(app, p, options);
    const outcome = result.identical
      ? 'identical to the live table'
      : `DIFFERENT from the live table: ${result.differences.live.length} live row(s) not reproduced, ` +
        `${result.differences.rebuilt.length} rebuilt row(s) not live`;
    print(
      `${options.dryRun ? 'compared' : 'rebuilt'} ${name(p)} from the audit ledger (${result.applied} events of ` +
        `${treeSize} entries, checkpoint #${seq}) in ${seconds(started)} s: ${outcome}`,
    );
    for (const row of result.differences.live.slice(0, 5)) print(`  - live:    ${row}`);
    for (const row of result.differences.rebuilt.slice(0, 5)) print(`  + rebuilt: ${row}`);
    if (result.claimed > 0) print(`  ${result.claimed} event(s) not yet delivered to ${p.service} were applied from the ledger`);
  }
}

async function rebuildFromLedger(
  app: INestApplicationContext,
  p: LedgerFedProjection,
  options: ReplayOptions,
): Promise<{ result: RebuildFromHistoryResult; treeSize: number; seq: number }> {
  const ledger = new LedgerRepository(serviceRuntimeOf(app, 'audit-ledger').db);
  const signer = app.get<NoteSigner>(LEDGER_SIGNER, { strict: false });
  const contracts = app.get(ContractRegistry, { strict: false });
  const deadline = Date.now() + (options.ledgerWaitMs ?? 10_000);
  for (;;) {
    let used = { treeSize: 0, seq: 0 };
    // The history is read once the rebuild holds its locks, up to the checkpoint signed at that moment.
    async function* history() {
      const checkpoint = await ledger.latestCheckpoint();
      if (!checkpoint) throw new Error('the audit ledger has not signed a checkpoint yet');
      used = { treeSize: checkpoint.treeSize, seq: checkpoint.seq };
      yield* verifiedHistory(ledger, checkpoint, [signer], { topics: p.topics });
    }
    try {
      const result = await rebuildFromHistory(p.runtime.db, p.projection, history(), { contracts, dryRun: options.dryRun });
      return { result, ...used };
    } catch (error) {
      // The ledger records what every consumer receives, a moment later; wait for it rather than lose an effect.
      if (!(error instanceof HistoryBehindConsumer) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(2);
}
