import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import {
  decryptPersonIdentifier,
  encryptPersonIdentifier,
  PersonIdentifierDecryptionError,
  personLookupToken,
} from './person-identifier-cipher';

const key = Buffer.alloc(32, 7);
const otherKey = Buffer.alloc(32, 8);
const lookupKey = Buffer.alloc(32, 9);
const ID = '11010519491231002X';

function flip(value: string, part: 1 | 2, index: number): string {
  const parts = value.split('.');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[index % bytes.length]! ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('person identifier encryption (AES-256-GCM)', () => {
  it('round-trips and produces the compact versioned form', () => {
    const sealed = encryptPersonIdentifier(ID, key);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(ID);
    expect(decryptPersonIdentifier(sealed, key)).toBe(ID);
  });

  it('uses a fresh IV, so equal identifiers give different ciphertexts', () => {
    expect(encryptPersonIdentifier(ID, key)).not.toBe(encryptPersonIdentifier(ID, key));
  });

  it('round-trips any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        expect(decryptPersonIdentifier(encryptPersonIdentifier(s, key), key)).toBe(s);
      }),
      { numRuns: 50 },
    );
  });

  it('detects a flipped bit anywhere in IV, ciphertext or tag', () => {
    const sealed = encryptPersonIdentifier(ID, key);
    fc.assert(
      fc.property(fc.constantFrom(1 as const, 2 as const), fc.nat(), (part, index) => {
        expect(() => decryptPersonIdentifier(flip(sealed, part, index), key)).toThrow(PersonIdentifierDecryptionError);
      }),
      { numRuns: 50 },
    );
  });

  it('fails with the wrong key', () => {
    expect(() => decryptPersonIdentifier(encryptPersonIdentifier(ID, key), otherKey)).toThrow(/authentication failed/);
  });

  it.each([
    ['another version', (s: string) => s.replace(/^v1\./, 'v2.')],
    ['a missing part', (s: string) => s.split('.').slice(0, 2).join('.')],
    ['a truncated ciphertext', (s: string) => s.slice(0, s.indexOf('.', 3) + 5)],
    ['non-base64url characters', (s: string) => `${s}!!`], // a lenient decoder would skip them and decrypt
  ])('rejects %s', (_case, mangle) => {
    expect(() => decryptPersonIdentifier(mangle(encryptPersonIdentifier(ID, key)), key)).toThrow(PersonIdentifierDecryptionError);
  });

  it('requires 32-byte keys', () => {
    expect(() => encryptPersonIdentifier(ID, Buffer.alloc(16))).toThrow(RangeError);
    expect(() => decryptPersonIdentifier('v1.a.b', Buffer.alloc(31))).toThrow(RangeError);
    expect(() => personLookupToken(ID, Buffer.alloc(0))).toThrow(RangeError);
  });
});

describe('personLookupToken (HMAC-SHA256)', () => {
  it('is stable for the same identifier and key', () => {
    expect(personLookupToken(ID, lookupKey)).toBe(personLookupToken(ID, Buffer.from(lookupKey)));
    expect(personLookupToken(ID, lookupKey)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('differs per key and per identifier, and does not contain the identifier', () => {
    expect(personLookupToken(ID, lookupKey)).not.toBe(personLookupToken(ID, otherKey));
    expect(personLookupToken(ID, lookupKey)).not.toBe(personLookupToken('110105194912310021', lookupKey));
    expect(personLookupToken(ID, lookupKey)).not.toContain('110105');
  });

  it('is pinned to its definition (domain-separated HMAC-SHA256, base64url)', () => {
    const expected = createHmac('sha256', lookupKey).update(`credit-share/person-lookup/v1\u0000${ID}`).digest('base64url');
    expect(personLookupToken(ID, lookupKey)).toBe(expected);
  });
});
