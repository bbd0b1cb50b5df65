import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Person identifiers are stored encrypted and found through a keyed token, never in clear (PRODUCT.md §3.1).
 *
 * Ciphertext: `v1.<base64url 12-byte IV>.<base64url ciphertext ‖ 16-byte GCM tag>`, AES-256-GCM with a fresh random
 * IV per encryption (NIST SP 800-38D's recommended 96-bit IV). The version prefix is also the additional
 * authenticated data, so a value cannot be replayed under another format version. Keys come from configuration.
 *
 * Lookup token: HMAC-SHA256 of the identifier, base64url. Deterministic, so equal identifiers give equal tokens and
 * can be matched without decrypting; this token — never the identifier — may serve as a pseudonymous subject key
 * (e.g. in a Kafka key). Use a key distinct from the encryption key. Callers pass the normalised identifier
 * (validateResidentId's `id`), otherwise '…x' and '…X' would give different tokens.
 */
const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const LOOKUP_DOMAIN = 'credit-share/person-lookup/v1\u0000';

export class PersonIdentifierDecryptionError extends Error {
  constructor(reason: string) {
    super(`cannot decrypt person identifier: ${reason}`);
    this.name = 'PersonIdentifierDecryptionError';
  }
}

export function encryptPersonIdentifier(id: string, key: Uint8Array): string {
  requireKey(key, 'encryption key');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(VERSION));
  const sealed = Buffer.concat([cipher.update(id, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${iv.toString('base64url')}.${sealed.toString('base64url')}`;
}

/** Throws PersonIdentifierDecryptionError for a malformed, tampered or wrong-key value; never returns garbage. */
export function decryptPersonIdentifier(value: string, key: Uint8Array): string {
  requireKey(key, 'encryption key');
  const parts = value.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) throw new PersonIdentifierDecryptionError(`not a ${VERSION} value`);
  const iv = strictBase64url(parts[1]!);
  const sealed = strictBase64url(parts[2]!);
  if (iv?.length !== IV_BYTES || sealed === null || sealed.length < TAG_BYTES) {
    throw new PersonIdentifierDecryptionError('malformed value');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(VERSION));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  const ciphertext = sealed.subarray(0, sealed.length - TAG_BYTES);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new PersonIdentifierDecryptionError('authentication failed (tampered value or wrong key)');
  }
}

export function personLookupToken(id: string, key: Uint8Array): string {
  requireKey(key, 'lookup key');
  return createHmac('sha256', key)
    .update(LOOKUP_DOMAIN + id, 'utf8')
    .digest('base64url');
}

function requireKey(key: Uint8Array, what: string): void {
  if (!(key instanceof Uint8Array) || key.length !== KEY_BYTES) {
    throw new RangeError(`the ${what} must be ${KEY_BYTES} bytes`);
  }
}

// Buffer.from(…, 'base64url') skips invalid characters silently; reject anything that does not round-trip.
function strictBase64url(text: string): Buffer | null {
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}
