// The key that signs the ledger's checkpoints (PRODUCT.md §3.8). It lives outside the database on purpose: whoever
// can change the ledger's tables must not also be able to sign a rewritten history. Production passes it as
// LEDGER_SIGNING_KEY (a secret); development generates one on first use and keeps it with the data, as the
// development token issuer does (libs/auth/src/dev-issuer.ts), so checkpoints stay verifiable across restarts.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerSettings } from './ledger-settings';
import { generateNoteKeys, parseSignerKey, type NoteSigner } from './signed-note';

export function developmentKeyFile(dataDir: string): string {
  return join(dataDir, 'ledger', 'checkpoint-signing.key');
}

export function loadLedgerSigner(settings: Pick<LedgerSettings, 'signingKey' | 'keyName' | 'dataDir'>): NoteSigner {
  if (settings.signingKey) return parseSignerKey(settings.signingKey);
  const file = developmentKeyFile(settings.dataDir);
  if (!existsSync(file)) {
    mkdirSync(join(settings.dataDir, 'ledger'), { recursive: true });
    // 'wx' refuses to overwrite a key another process created a moment ago; then we read theirs.
    try {
      writeFileSync(file, `${generateNoteKeys(settings.keyName).signerKey}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    chmodSync(file, 0o600);
  }
  return parseSignerKey(readFileSync(file, 'utf8').trim());
}
