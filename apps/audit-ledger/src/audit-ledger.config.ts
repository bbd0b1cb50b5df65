// The audit ledger's settings (docs/configuration.md), declared once and mixed into every configuration class of a
// process that runs the ledger: the audit-ledger service process, the standalone platform and the CLI.
import { DistributedServiceConfig, loadConfig, type PlatformConfig } from '@credit-share/bootstrap';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { resolve } from 'node:path';
import type { LedgerSettings } from './ledger/ledger-settings';

// C2SP signed-note key names: no spaces and no '+'.
const KEY_NAME = /^[^\s+]+$/;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the TypeScript mixin pattern requires any[]
type ConfigClass = new (...args: any[]) => PlatformConfig;

export function withLedgerSettings<TBase extends ConfigClass>(Base: TBase) {
  class WithLedgerSettings extends Base {
    /**
     * The checkpoint signing key in the C2SP/sumdb signer-key format `PRIVATE+KEY+<name>+<key id>+<base64 key>`
     * (secret). Required with AUTH_MODE=oidc (production); in development a key is generated under DATA_DIR/ledger.
     */
    @ValidateIf((c: PlatformConfig) => c.AUTH_MODE === 'oidc')
    @IsString({ message: 'LEDGER_SIGNING_KEY is required with AUTH_MODE=oidc: production checkpoints need a managed key' })
    @Matches(/^PRIVATE\+KEY\+[^\s+]+\+[0-9a-fA-F]{8}\+[A-Za-z0-9+/=]+$/, {
      message: 'LEDGER_SIGNING_KEY must be a signer key PRIVATE+KEY+<name>+<key id>+<base64 key>',
    })
    LEDGER_SIGNING_KEY?: string;

    /** Key name (and checkpoint origin) of a development key generated under DATA_DIR. */
    @IsString()
    @Matches(KEY_NAME, { message: 'LEDGER_KEY_NAME must not contain spaces or "+"' })
    LEDGER_KEY_NAME = 'credit-share.local/audit-ledger';

    /** Longest wait between an entry's arrival and the checkpoint that covers it; at most one checkpoint per period. */
    @Type(() => Number)
    @IsInt()
    @Min(20)
    @Max(1_000)
    LEDGER_CHECKPOINT_INTERVAL_MS = 250;

    /** Entries sequenced per transaction (each transaction signs one checkpoint). */
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(100_000)
    LEDGER_BATCH_SIZE = 10_000;
  }
  return WithLedgerSettings;
}

/** The audit-ledger service as its own process (distributed mode). */
export class AuditLedgerConfig extends withLedgerSettings(DistributedServiceConfig) {}

export function readAuditLedgerConfig(): AuditLedgerConfig {
  return loadConfig(AuditLedgerConfig, process.env, { require: ['DATABASE_URL', 'KAFKA_BROKERS'] });
}

/** What AuditLedgerModule.forRoot needs from any configuration that carries the ledger's settings. */
export function ledgerSettingsOf(
  config: PlatformConfig &
    Partial<
      Pick<AuditLedgerConfig, 'LEDGER_SIGNING_KEY' | 'LEDGER_KEY_NAME' | 'LEDGER_CHECKPOINT_INTERVAL_MS' | 'LEDGER_BATCH_SIZE'>
    >,
): LedgerSettings {
  return {
    signingKey: config.LEDGER_SIGNING_KEY,
    keyName: config.LEDGER_KEY_NAME ?? 'credit-share.local/audit-ledger',
    dataDir: resolve(config.DATA_DIR),
    checkpointIntervalMs: config.LEDGER_CHECKPOINT_INTERVAL_MS ?? 250,
    batchSize: config.LEDGER_BATCH_SIZE ?? 10_000,
  };
}
