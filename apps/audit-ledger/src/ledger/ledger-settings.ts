// What the audit ledger is configured with (apps/audit-ledger/src/audit-ledger.config.ts reads it from the
// environment; docs/configuration.md describes it).
export interface LedgerSettings {
  /** C2SP signer key `PRIVATE+KEY+…`; without it a development key is generated (or reused) under dataDir. */
  signingKey?: string;
  /** Name of a generated development key: the checkpoints' origin line. */
  keyName: string;
  /** Absolute DATA_DIR. */
  dataDir: string;
  /** At most one checkpoint per interval; an entry waits at most about this long for its checkpoint. */
  checkpointIntervalMs: number;
  /** Entries sequenced per transaction. */
  batchSize: number;
}
