// Signed checkpoints of the audit ledger (PRODUCT.md §3.8) in two renderings of one Ed25519 signature:
// - the JSON shape `{treeSize, rootHash, timestamp, keyId, signature}` served by GET /audit/checkpoint;
// - a C2SP signed note (c2sp.org/signed-note) whose text is a C2SP checkpoint (c2sp.org/tlog-checkpoint), readable
//   by any Go `golang.org/x/mod/sumdb/note` or transparency-dev verifier.
// The signature is always over the checkpoint note text, so both renderings verify with the same key.
//
// Design decisions:
// - The origin line equals the key name (tlog-checkpoint: "The log's key name in its signature line SHOULD match the
//   origin line"), so `keyId` = `<name>+<8 hex key ID>` is enough to rebuild the note.
// - The timestamp is signed as the single extension line `timestamp <RFC 3339 UTC, millisecond precision>`.
//   Extension lines are allowed (opaque to other verifiers, who still get size and root), and the product requires
//   the time to be signed.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/** C2SP signed-note signature type identifier for Ed25519. */
export const ED25519_SIGNATURE_TYPE = 0x01;

/** golang.org/x/mod/sumdb/note refuses notes with more signatures (C2SP requires accepting at least 16). */
const MAX_SIGNATURES = 100;

// DER prefixes wrapping a raw Ed25519 key (RFC 8410) so node:crypto can import it.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

// ---------------------------------------------------------------------------------------------------------------
// Keys

export interface NoteVerifier {
  readonly name: string;
  /** C2SP key ID, a uint32. */
  readonly keyHash: number;
  /** Raw 32-byte Ed25519 public key. */
  readonly publicKey: Buffer;
}

export interface NoteSigner extends NoteVerifier {
  readonly privateKey: KeyObject;
}

/** C2SP signed-note "Ed25519 signatures": key ID = SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ public key)[:4], big-endian. */
export function noteKeyHash(name: string, publicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, ED25519_SIGNATURE_TYPE]))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}

export function noteSigner(name: string, privateKey: KeyObject): NoteSigner {
  assertKeyName(name);
  if (privateKey.asymmetricKeyType !== 'ed25519' || privateKey.type !== 'private') {
    throw new TypeError('note signer needs an Ed25519 private key');
  }
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const publicKey = spki.subarray(SPKI_ED25519_PREFIX.length);
  return { name, keyHash: noteKeyHash(name, publicKey), publicKey, privateKey };
}

export function noteVerifier(name: string, publicKey: Uint8Array): NoteVerifier {
  assertKeyName(name);
  if (publicKey.length !== 32) throw new TypeError('Ed25519 public key must be 32 bytes');
  return { name, keyHash: noteKeyHash(name, publicKey), publicKey: Buffer.from(publicKey) };
}

/** Verifier key string of golang.org/x/mod/sumdb/note: `<name>+<hex key ID>+<base64(0x01 ‖ public key)>`. */
export function formatVerifierKey(verifier: NoteVerifier): string {
  const key = Buffer.concat([Buffer.from([ED25519_SIGNATURE_TYPE]), verifier.publicKey]);
  return `${verifier.name}+${hex8(verifier.keyHash)}+${key.toString('base64')}`;
}

/** Parses a verifier key string, with the checks of sumdb/note NewVerifier. Throws SyntaxError if malformed. */
export function parseVerifierKey(verifierKey: string): NoteVerifier {
  const [name, hash16, key64] = chop(verifierKey, 2);
  const key = decodeKeyFields(name, hash16, key64, 'verifier key');
  const keyHash = parseInt(hash16, 16);
  if (keyHash !== noteKeyHash(name, key.subarray(1))) throw new SyntaxError('verifier key: key ID does not match');
  return { name, keyHash, publicKey: key.subarray(1) };
}

/** Signer key string of sumdb/note: `PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 ‖ 32-byte seed)>`. Secret. */
export function formatSignerKey(signer: NoteSigner): string {
  const pkcs8 = signer.privateKey.export({ format: 'der', type: 'pkcs8' });
  const key = Buffer.concat([Buffer.from([ED25519_SIGNATURE_TYPE]), pkcs8.subarray(PKCS8_ED25519_PREFIX.length)]);
  return `PRIVATE+KEY+${signer.name}+${hex8(signer.keyHash)}+${key.toString('base64')}`;
}

/** Parses a signer key string, with the checks of sumdb/note NewSigner. Throws SyntaxError if malformed. */
export function parseSignerKey(signerKey: string): NoteSigner {
  const [private1, private2, name, hash16, key64] = chop(signerKey, 4);
  if (private1 !== 'PRIVATE' || private2 !== 'KEY') throw new SyntaxError('signer key: missing PRIVATE+KEY prefix');
  const key = decodeKeyFields(name, hash16, key64, 'signer key');
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, key.subarray(1)]),
    format: 'der',
    type: 'pkcs8',
  });
  const signer = noteSigner(name, privateKey);
  // The key ID names the public key, so it can only be checked after deriving it (as sumdb/note does).
  if (signer.keyHash !== parseInt(hash16, 16)) throw new SyntaxError('signer key: key ID does not match');
  return signer;
}

export function generateNoteKeys(name: string): { signerKey: string; verifierKey: string } {
  const signer = noteSigner(name, generateKeyPairSync('ed25519').privateKey);
  return { signerKey: formatSignerKey(signer), verifierKey: formatVerifierKey(signer) };
}

// ---------------------------------------------------------------------------------------------------------------
// Notes (c2sp.org/signed-note)

export interface NoteSignature {
  readonly name: string;
  readonly keyHash: number;
  /** The signature proper, without the 4-byte key ID prefix. */
  readonly signature: Buffer;
}

export interface ParsedNote {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export interface VerifiedNote {
  readonly text: string;
  readonly verified: readonly NoteSignature[];
  /** Signatures by keys the caller does not know (e.g. witnesses); ignored as C2SP requires. */
  readonly unverified: readonly NoteSignature[];
}

/** Signs `text` (which must end in a newline) and renders the signed note. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  assertNoteText(text);
  const message = Buffer.from(text, 'utf8');
  return formatNote(
    text,
    signers.map(({ name, keyHash, privateKey }) => ({ name, keyHash, signature: sign(null, message, privateKey) })),
  );
}

/** Text, blank line, then one `— <name> <base64(key ID ‖ signature)>` line per signature. */
export function formatNote(text: string, signatures: readonly NoteSignature[]): string {
  assertNoteText(text);
  if (signatures.length === 0 || signatures.length > MAX_SIGNATURES) {
    throw new RangeError(`a signed note needs 1 to ${MAX_SIGNATURES} signatures`);
  }
  const lines = signatures.map(({ name, keyHash, signature }) => {
    assertKeyName(name);
    const keyId = Buffer.alloc(4);
    keyId.writeUInt32BE(keyHash);
    return `— ${name} ${Buffer.concat([keyId, signature]).toString('base64')}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/** Splits a signed note into text and signatures without verifying anything. Throws SyntaxError if malformed. */
export function parseSignedNote(note: string | Uint8Array): ParsedNote {
  const message = typeof note === 'string' ? note : decodeUtf8(note);
  // C2SP: valid UTF-8 (a string with a lone surrogate has no UTF-8 form) and no control characters but newline.
  if (/[\u0000-\u0009\u000b-\u001f]|[\uD800-\uDFFF]/u.test(message)) throw new SyntaxError('malformed note');
  // C2SP: "the text is separated from the signatures by the last empty line in the note".
  const split = message.lastIndexOf('\n\n');
  if (split < 0) throw new SyntaxError('malformed note: no signature block');
  const text = message.slice(0, split + 1);
  const block = message.slice(split + 2);
  if (block === '' || !block.endsWith('\n')) throw new SyntaxError('malformed note: unterminated signature block');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new SyntaxError('malformed note: too many signatures');
  return { text, signatures: lines.map(parseSignatureLine) };
}

/**
 * Verifies a signed note as C2SP requires: signatures from unknown keys are ignored, a failing signature from a
 * known key rejects the note, and at least one known key must have signed. Returns null for any rejection.
 */
export function verifySignedNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): VerifiedNote | null {
  let parsed: ParsedNote;
  try {
    parsed = parseSignedNote(note);
  } catch {
    return null;
  }
  const message = Buffer.from(parsed.text, 'utf8');
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const signature of parsed.signatures) {
    const candidates = verifiers.filter((v) => v.name === signature.name && v.keyHash === signature.keyHash);
    if (candidates.length > 1) return null; // ambiguous key list: refuse rather than guess (as sumdb/note does)
    // A known key counts once; an unknown signature is kept once per distinct line (as sumdb/note does).
    const keyId = `${signature.name}+${hex8(signature.keyHash)}`;
    const identity = candidates.length === 1 ? keyId : `${keyId} ${signature.signature.toString('base64')}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    if (candidates.length === 0) {
      unverified.push(signature);
    } else if (verifyEd25519(candidates[0]!.publicKey, message, signature.signature)) {
      verified.push(signature);
    } else {
      return null;
    }
  }
  return verified.length === 0 ? null : { text: parsed.text, verified, unverified };
}

// ---------------------------------------------------------------------------------------------------------------
// Checkpoints (c2sp.org/tlog-checkpoint)

/** The JSON checkpoint of PRODUCT.md §4. `rootHash` and `signature` are base64; `keyId` is `<name>+<hex key ID>`. */
export interface Checkpoint {
  readonly treeSize: number;
  readonly rootHash: string;
  readonly timestamp: string;
  readonly keyId: string;
  readonly signature: string;
}

export interface CheckpointBody {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Buffer;
  readonly extensions: readonly string[];
}

/** The signed text: origin, tree size, base64 root hash, then the timestamp extension line. */
export function checkpointText(origin: string, treeSize: number, rootHash: Uint8Array, timestamp: string): string {
  assertKeyName(origin);
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) {
    throw new RangeError('treeSize must be a non-negative safe integer');
  }
  if (rootHash.length !== 32) throw new TypeError('rootHash must be 32 bytes');
  if (!isTimestamp(timestamp)) {
    throw new RangeError('timestamp must be an RFC 3339 UTC time like 2024-01-02T03:04:05.678Z');
  }
  return `${origin}\n${treeSize}\n${Buffer.from(rootHash).toString('base64')}\ntimestamp ${timestamp}\n`;
}

/** Parses C2SP checkpoint note text. Throws SyntaxError if malformed. */
export function parseCheckpointText(text: string): CheckpointBody {
  if (!text.endsWith('\n')) throw new SyntaxError('checkpoint: text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  const [origin = '', size = '', root = '', ...extensions] = lines;
  // tlog-checkpoint "Note text": at least three non-empty lines; size in decimal without leading zeroes.
  if (lines.length < 3 || lines.some((line) => line === '')) throw new SyntaxError('checkpoint: empty or missing line');
  const treeSize = /^(0|[1-9][0-9]*)$/.test(size) ? Number(size) : NaN;
  if (!Number.isSafeInteger(treeSize)) throw new SyntaxError('checkpoint: malformed tree size');
  const rootHash = decodeBase64(root);
  if (rootHash?.length !== 32) throw new SyntaxError('checkpoint: malformed root hash');
  return { origin, treeSize, rootHash, extensions };
}

export function signCheckpoint(
  tree: { readonly treeSize: number; readonly rootHash: Uint8Array; readonly timestamp: Date },
  signer: NoteSigner,
): Checkpoint {
  const timestamp = tree.timestamp.toISOString();
  const text = checkpointText(signer.name, tree.treeSize, tree.rootHash, timestamp);
  return {
    treeSize: tree.treeSize,
    rootHash: Buffer.from(tree.rootHash).toString('base64'),
    timestamp,
    keyId: `${signer.name}+${hex8(signer.keyHash)}`,
    signature: sign(null, Buffer.from(text, 'utf8'), signer.privateKey).toString('base64'),
  };
}

/** True if the checkpoint is well formed and signed by the verifier its keyId names. Never throws. */
export function verifyCheckpoint(checkpoint: unknown, verifiers: readonly NoteVerifier[]): boolean {
  const parts = checkpointParts(checkpoint);
  if (parts === null) return false;
  const candidates = verifiers.filter((v) => v.name === parts.name && v.keyHash === parts.keyHash);
  if (candidates.length !== 1) return false;
  return verifyEd25519(candidates[0]!.publicKey, Buffer.from(parts.text, 'utf8'), parts.signature);
}

/** Renders a checkpoint as a C2SP signed note. Throws TypeError if the checkpoint is malformed (not if unsigned). */
export function formatSignedNote(checkpoint: Checkpoint): string {
  const parts = checkpointParts(checkpoint);
  if (parts === null) throw new TypeError('malformed checkpoint');
  return formatNote(parts.text, [{ name: parts.name, keyHash: parts.keyHash, signature: parts.signature }]);
}

/** Verifies a checkpoint note and returns its JSON checkpoint, or null if it does not verify or is not ours. */
export function checkpointFromSignedNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): Checkpoint | null {
  const opened = verifySignedNote(note, verifiers);
  if (opened === null) return null;
  let body: CheckpointBody;
  try {
    body = parseCheckpointText(opened.text);
  } catch {
    return null;
  }
  const timestamp = body.extensions.length === 1 ? /^timestamp (.*)$/.exec(body.extensions[0]!)?.[1] : undefined;
  const logSignature = opened.verified.find((s) => s.name === body.origin);
  if (timestamp === undefined || !isTimestamp(timestamp) || logSignature === undefined) return null;
  return {
    treeSize: body.treeSize,
    rootHash: body.rootHash.toString('base64'),
    timestamp,
    keyId: `${logSignature.name}+${hex8(logSignature.keyHash)}`,
    signature: logSignature.signature.toString('base64'),
  };
}

// ---------------------------------------------------------------------------------------------------------------

function checkpointParts(checkpoint: unknown): { name: string; keyHash: number; text: string; signature: Buffer } | null {
  if (typeof checkpoint !== 'object' || checkpoint === null) return null;
  const { treeSize, rootHash, timestamp, keyId, signature } = checkpoint as Record<string, unknown>;
  if (typeof rootHash !== 'string' || typeof timestamp !== 'string' || typeof keyId !== 'string') return null;
  if (typeof treeSize !== 'number' || typeof signature !== 'string') return null;
  const key = /^([^+]+)\+([0-9a-f]{8})$/.exec(keyId);
  const root = decodeBase64(rootHash);
  const sig = decodeBase64(signature);
  if (key === null || root === null || sig === null) return null;
  const name = key[1]!;
  const keyHash = parseInt(key[2]!, 16);
  try {
    return { name, keyHash, text: checkpointText(name, treeSize, root, timestamp), signature: sig };
  } catch {
    return null; // field values the checkpoint text cannot carry
  }
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith('— ')) throw new SyntaxError('malformed note: signature line must start with "— "');
  const rest = line.slice(2);
  const space = rest.indexOf(' ');
  const name = space < 0 ? rest : rest.slice(0, space);
  const bytes = space < 0 ? null : decodeBase64(rest.slice(space + 1));
  if (!isKeyName(name) || bytes === null || bytes.length < 5) {
    throw new SyntaxError('malformed note: bad signature line');
  }
  return { name, keyHash: bytes.readUInt32BE(0), signature: bytes.subarray(4) };
}

function decodeKeyFields(name: string, hash16: string, key64: string, what: string): Buffer {
  const key = decodeBase64(key64);
  if (!isKeyName(name) || !/^[0-9a-fA-F]{8}$/.test(hash16) || key === null || key.length === 0) {
    throw new SyntaxError(`${what}: malformed`);
  }
  if (key[0] !== ED25519_SIGNATURE_TYPE) throw new SyntaxError(`${what}: unknown signature type ${key[0]}`);
  if (key.length !== 33) throw new SyntaxError(`${what}: Ed25519 key must be 32 bytes`);
  return key;
}

/** Splits at the first `count` plus signs; the last field keeps any further ones (base64 may contain '+'). */
function chop(value: string, count: number): string[] {
  const fields: string[] = [];
  let rest = value;
  for (let i = 0; i < count; i++) {
    const plus = rest.indexOf('+');
    fields.push(plus < 0 ? rest : rest.slice(0, plus));
    rest = plus < 0 ? '' : rest.slice(plus + 1);
  }
  return [...fields, rest];
}

function verifyEd25519(publicKey: Buffer, message: Buffer, signature: Buffer): boolean {
  if (signature.length !== 64) return false;
  try {
    const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: 'der', type: 'spki' });
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}

/** C2SP: key names are non-empty and contain no Unicode spaces and no '+'; control characters could not be signed. */
function isKeyName(name: string): boolean {
  return name !== '' && !/[\p{White_Space}+\u0000-\u001f]|[\uD800-\uDFFF]/u.test(name);
}

function assertKeyName(name: string): void {
  if (!isKeyName(name)) throw new TypeError(`invalid key name ${JSON.stringify(name)}`);
}

function assertNoteText(text: string): void {
  if (!text.endsWith('\n') || /[\u0000-\u0009\u000b-\u001f]|[\uD800-\uDFFF]/u.test(text)) {
    throw new TypeError('note text must be UTF-8 without control characters other than newline, ending in a newline');
  }
}

function isTimestamp(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value)) return false;
  const time = new Date(value);
  return !Number.isNaN(time.getTime()) && time.toISOString() === value; // rejects 2024-02-30 and the like
}

/** Standard base64 (RFC 4648 §4) with padding, rejecting any other spelling of the same bytes. */
function decodeBase64(value: string): Buffer | null {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value)) return null;
  const bytes = Buffer.from(value, 'base64');
  return bytes.toString('base64') === value ? bytes : null;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new SyntaxError('malformed note: not UTF-8');
  }
}

function hex8(keyHash: number): string {
  return keyHash.toString(16).padStart(8, '0');
}
