// Keys that protect natural persons' identifiers (PRODUCT.md §3.1): one encrypts (AES-256-GCM), the other derives
// the lookup token that keys a person's stream and finds them again without decrypting. Both come from
// configuration (PERSON_ID_ENCRYPTION_KEY, PERSON_ID_LOOKUP_KEY); in development they are generated once under
// DATA_DIR so identifiers stay readable across restarts.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';

export interface PersonKeys {
  encryptionKey: Uint8Array;
  lookupKey: Uint8Array;
}

export const PERSON_KEYS = Symbol('PersonKeys');

export function decodeKey(name: string, base64: string): Uint8Array {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32 || key.toString('base64').replace(/=+$/, '') !== base64.trim().replace(/=+$/, '')) {
    throw new Error(`${name} must be 32 bytes, base64-encoded`);
  }
  return new Uint8Array(key);
}

/** Fresh random keys: for tests and tools that never read identifiers back after a restart. */
export function ephemeralPersonKeys(): PersonKeys {
  return { encryptionKey: new Uint8Array(randomBytes(32)), lookupKey: new Uint8Array(randomBytes(32)) };
}

/** Development keys kept under DATA_DIR/credit-records/person-keys.json (created on first start, mode 0600). */
export function loadOrCreateDevPersonKeys(dataDir: string): PersonKeys {
  const file = join(dataDir, 'credit-records', 'person-keys.json');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const keys = { encryptionKey: randomBytes(32).toString('base64'), lookupKey: randomBytes(32).toString('base64') };
    writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { encryptionKey: string; lookupKey: string };
  return {
    encryptionKey: decodeKey('encryptionKey', stored.encryptionKey),
    lookupKey: decodeKey('lookupKey', stored.lookupKey),
  };
}
