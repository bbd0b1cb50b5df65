import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import {
  type Checkpoint,
  checkpointFromSignedNote,
  checkpointText,
  formatNote,
  formatSignedNote,
  formatSignerKey,
  formatVerifierKey,
  generateNoteKeys,
  noteKeyHash,
  noteSigner,
  noteVerifier,
  parseCheckpointText,
  parseSignedNote,
  parseSignerKey,
  parseVerifierKey,
  signCheckpoint,
  signNote,
  verifyCheckpoint,
  verifySignedNote,
} from './signed-note';

// golang.org/x/mod sumdb/note/note_test.go @ 02c991387e35f9e4c0a9b7ce137717055f8d716d (TestNewVerifier, TestNewSigner,
// TestSign, TestVerifierList, TestOpen). Go slices strings by byte; offsets below are byte offsets too.
const go = {
  peterKey: 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
  peterSignerKey: 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz',
  enochKey: 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop',
  text: "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n",
  peterSig: '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n',
  enochSig: '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n',
};
const insertAtByte = (s: string, offset: number, insert: string): string => {
  const bytes = Buffer.from(s, 'utf8');
  return Buffer.concat([bytes.subarray(0, offset), Buffer.from(insert), bytes.subarray(offset)]).toString('utf8');
};
const peter = parseVerifierKey(go.peterKey);
const enoch = parseVerifierKey(go.enochKey);
const peterSigner = parseSignerKey(go.peterSignerKey);

describe('keys — golang.org/x/mod/sumdb/note', () => {
  it('parses the verifier key of TestNewVerifier and derives the same key from the signer key of TestNewSigner', () => {
    expect(peter).toMatchObject({ name: 'PeterNeumann', keyHash: 0xc74f20a3 });
    expect(peterSigner.keyHash).toBe(0xc74f20a3);
    expect(peterSigner.publicKey).toEqual(peter.publicKey);
    expect(formatVerifierKey(peterSigner)).toBe(go.peterKey);
    expect(formatSignerKey(peterSigner)).toBe(go.peterSignerKey);
    expect(formatVerifierKey(enoch)).toBe(go.enochKey);
  });

  it('computes the C2SP key ID as SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4]', () => {
    expect(noteKeyHash('PeterNeumann', peter.publicKey)).toBe(0xc74f20a3);
    expect(noteKeyHash('EnochRoot', enoch.publicKey)).toBe(0xaf0cfe78);
    expect(noteKeyHash('PeterNeumann2', peter.publicKey)).not.toBe(0xc74f20a3);
  });

  const manglings = (key: string): string[] => {
    const out: string[] = [];
    for (let i = 0; i <= key.length; i++) {
      for (let j = i + 1; j <= key.length; j++) if (i !== 0 || j !== key.length) out.push(key.slice(i, j));
    }
    for (let i = 0; i < key.length; i++) {
      out.push(key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1));
    }
    return out;
  };

  it('rejects every substring and every one-byte change of the verifier key (TestNewVerifier)', () => {
    const accepted = manglings(go.peterKey).filter((key) => {
      try {
        parseVerifierKey(key);
        return true;
      } catch {
        return false;
      }
    });
    expect(accepted).toEqual([]);
    // Wrong key length and unknown algorithm, each with a key ID adjusted to match.
    expect(() => parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==')).toThrow(
      SyntaxError,
    );
    expect(() => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(
      /unknown signature type/,
    );
  });

  it('rejects every substring and every one-byte change of the signer key (TestNewSigner)', () => {
    const accepted = manglings(go.peterSignerKey).filter((key) => {
      try {
        parseSignerKey(key);
        return true;
      } catch {
        return false;
      }
    });
    expect(accepted).toEqual([]);
  });

  it('generates key pairs that parse back and sign verifiably', () => {
    const { signerKey, verifierKey } = generateNoteKeys('credit-share.example/audit');
    const signer = parseSignerKey(signerKey);
    const verifier = parseVerifierKey(verifierKey);
    expect(verifier).toEqual({ name: signer.name, keyHash: signer.keyHash, publicKey: signer.publicKey });
    expect(verifySignedNote(signNote('hi\n', [signer]), [verifier])?.verified).toHaveLength(1);
  });

  it('refuses invalid key names', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    for (const name of ['', 'a b', 'a+b', 'a\u00a0b', 'a\u2028b', 'a\tb', 'a\u0085b']) {
      expect(() => noteSigner(name, privateKey)).toThrow(TypeError);
    }
    expect(() => noteSigner('ok', generateKeyPairSync('ed448').privateKey)).toThrow(TypeError);
    expect(() => noteVerifier('ok', Buffer.alloc(31))).toThrow(TypeError);
  });
});

describe('signed notes — golang.org/x/mod/sumdb/note', () => {
  it('signs byte for byte like sumdb/note (TestSign)', () => {
    expect(signNote(go.text, [peterSigner])).toBe(`${go.text}\n${go.peterSig}`);
  });

  it('refuses to sign text that is not a note text', () => {
    expect(() => signNote('abc', [peterSigner])).toThrow(TypeError);
    expect(() => signNote('a\rb\n', [peterSigner])).toThrow(TypeError);
    expect(() => signNote('hi\n', [])).toThrow(RangeError);
  });

  it('verifies known signers and sets unknown ones aside (TestOpen)', () => {
    const note = `${go.text}\n${go.peterSig}${go.enochSig}`;
    const one = verifySignedNote(note, [peter]);
    expect(one?.text).toBe(go.text);
    expect(one?.verified.map((s) => [s.name, s.keyHash])).toEqual([['PeterNeumann', 0xc74f20a3]]);
    expect(one?.unverified.map((s) => [s.name, s.keyHash])).toEqual([['EnochRoot', 0xaf0cfe78]]);
    const both = verifySignedNote(note, [peter, enoch]);
    expect(both?.verified.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
    expect(both?.unverified).toEqual([]);
    expect(verifySignedNote(note, [])).toBeNull();
  });

  it('refuses ambiguous verifier lists only when the ambiguous key signed (TestOpen, TestVerifierList)', () => {
    expect(verifySignedNote(`${go.text}\n${go.enochSig}`, [enoch, peter, enoch])).toBeNull();
    expect(verifySignedNote(`${go.text}\n${go.peterSig}`, [enoch, peter, enoch])).not.toBeNull();
  });

  it('rejects a note whose known signature is invalid, and too many signatures (TestOpen)', () => {
    expect(verifySignedNote(`${go.text}\n${insertAtByte(go.peterSig, 60, 'ABCD')}`, [peter])).toBeNull();
    expect(verifySignedNote(`${go.text}\n${go.peterSig.repeat(101)}`, [peter])).toBeNull();
    expect(() => parseSignedNote(`${go.text}\n${go.peterSig.repeat(101)}`)).toThrow(SyntaxError);
    expect(verifySignedNote(`${go.text}\n${go.peterSig.repeat(100)}`, [peter])?.verified).toHaveLength(1);
  });

  it('rejects the whole note when any known key fails, even if another known key verified (C2SP)', () => {
    const corruptEnoch = insertAtByte(go.enochSig, 60, 'ABCD');
    expect(verifySignedNote(`${go.text}\n${go.peterSig}${corruptEnoch}`, [peter])).not.toBeNull();
    expect(verifySignedNote(`${go.text}\n${go.peterSig}${corruptEnoch}`, [peter, enoch])).toBeNull();
  });

  it('counts repeated signatures once and keeps distinct unknown ones (TestOpen)', () => {
    const enochABCD = insertAtByte(go.enochSig, 60, 'ABCD');
    const note = `${go.text}\n${go.peterSig}${go.peterSig}${go.enochSig}${go.enochSig}${enochABCD}`;
    const opened = verifySignedNote(note, [peter]);
    expect(opened?.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
    const only = (line: string) => parseSignedNote(`${go.text}\n${line}`).signatures[0];
    expect(opened?.unverified).toEqual([only(go.enochSig), only(enochABCD)]);
    expect(opened?.unverified[1]?.signature.length).toBe(67);
  });

  it.each([
    ['text only', go.text],
    ['no signature after the blank line', `${go.text}\n`],
    ['unterminated signature line', `${go.text}\n${go.peterSig.slice(0, -1)}`],
    ['a control character', `\x01${go.text}\n${go.peterSig}`],
    [
      'a name with a space',
      `${go.text}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
    ],
    ['a line after the signatures', `${go.text}\n${go.peterSig}Unexpected line.\n`],
    ['a signature line without the em dash', `${go.text}\n${go.peterSig.replace('—', '-')}`],
    ['non-canonical base64', `${go.text}\n${go.peterSig.replace('AM=', 'AN=')}`],
    ['a signature shorter than 5 bytes', `${go.text}\n— PeterNeumann AAAAAA==\n`],
  ])('rejects a malformed note: %s (TestOpen)', (_desc, note) => {
    expect(() => parseSignedNote(note)).toThrow(SyntaxError);
    expect(verifySignedNote(note, [peter])).toBeNull();
  });

  it('rejects bytes that are not UTF-8, and accepts the same note as UTF-8 bytes (TestOpen "\\xff")', () => {
    const note = Buffer.from(`${go.text}\n${go.peterSig}`, 'utf8');
    expect(verifySignedNote(note, [peter])?.verified).toHaveLength(1);
    expect(verifySignedNote(Buffer.concat([Buffer.from([0xff]), note]), [peter])).toBeNull();
  });

  // c2sp.org/signed-note, signed-note.md @ 055287621bf3cd13ff4394418a3e8efc2d5e8ed7 (the key is not published).
  it('parses the example of the C2SP signed-note specification', () => {
    const text = 'Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n';
    const sig = 'NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouFSQU0xMcXxj99ihAQwaqP3ZekRwNtIc=';
    const note = `${text}\n— quasimodo.example/salvatore ${sig}\n`;
    const parsed = parseSignedNote(note);
    expect(parsed.text).toBe(text); // the text keeps its own empty line: the last one separates
    expect(parsed.signatures).toEqual([
      {
        name: 'quasimodo.example/salvatore',
        keyHash: Buffer.from(sig, 'base64').readUInt32BE(0),
        signature: Buffer.from(sig, 'base64').subarray(4),
      },
    ]);
    expect(parsed.signatures[0]!.signature).toHaveLength(64);
    expect(formatNote(parsed.text, parsed.signatures)).toBe(note);
    expect(verifySignedNote(note, [peter])).toBeNull();
  });
});

describe('checkpoints — c2sp.org/tlog-checkpoint', () => {
  // tlog-checkpoint.md @ 2793893976c835db049c194d8f2c4f946dcb70ba (the key is not published).
  it('parses the example of the C2SP tlog-checkpoint specification', () => {
    const note =
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n' +
      '— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n';
    const { text, signatures } = parseSignedNote(note);
    expect(signatures.map((s) => [s.name, s.signature.length])).toEqual([['example.com/behind-the-sofa', 64]]);
    expect(parseCheckpointText(text)).toEqual({
      origin: 'example.com/behind-the-sofa',
      treeSize: 20852163,
      rootHash: Buffer.from('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'base64'),
      extensions: [],
    });
  });

  it.each([
    ['two lines', 'origin\n5\n'],
    ['no final newline', 'origin\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I='],
    ['a leading zero', 'origin\n05\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['a negative size', 'origin\n-5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
    ['a 31-byte root', 'origin\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\n'],
    ['an empty extension line', 'origin\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n'],
    ['an unsafe size', 'origin\n9007199254740993\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n'],
  ])('rejects checkpoint text with %s', (_desc, text) => {
    expect(() => parseCheckpointText(text)).toThrow(SyntaxError);
  });

  const logSigner = noteSigner('credit-share.example/audit-ledger', generateKeyPairSync('ed25519').privateKey);
  const otherSigner = noteSigner('credit-share.example/audit-ledger', generateKeyPairSync('ed25519').privateKey);
  const rootHash = Buffer.from('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328', 'hex');
  const checkpoint = signCheckpoint({ treeSize: 8, rootHash, timestamp: new Date('2024-05-06T07:08:09.010Z') }, logSigner);

  it('signs the JSON checkpoint over the note text, so both renderings carry one signature', () => {
    expect(checkpoint).toEqual({
      treeSize: 8,
      rootHash: 'XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=',
      timestamp: '2024-05-06T07:08:09.010Z',
      keyId: `credit-share.example/audit-ledger+${logSigner.keyHash.toString(16).padStart(8, '0')}`,
      signature: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/),
    });
    expect(verifyCheckpoint(checkpoint, [logSigner])).toBe(true);
    const note = formatSignedNote(checkpoint);
    const keyIdAndSignature = Buffer.concat([Buffer.alloc(4), Buffer.from(checkpoint.signature, 'base64')]);
    keyIdAndSignature.writeUInt32BE(logSigner.keyHash);
    expect(note).toBe(
      'credit-share.example/audit-ledger\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\ntimestamp 2024-05-06T07:08:09.010Z\n\n' +
        `— credit-share.example/audit-ledger ${keyIdAndSignature.toString('base64')}\n`,
    );
  });

  it('verifies as a plain signed note with the published verifier key, and converts back to the same JSON', () => {
    const verifierKey = formatVerifierKey(logSigner);
    const note = formatSignedNote(checkpoint);
    expect(verifySignedNote(note, [parseVerifierKey(verifierKey)])?.text).toBe(
      checkpointText(logSigner.name, 8, rootHash, '2024-05-06T07:08:09.010Z'),
    );
    expect(checkpointFromSignedNote(note, [parseVerifierKey(verifierKey)])).toEqual(checkpoint);
    expect(checkpointFromSignedNote(note, [otherSigner])).toBeNull();
  });

  it('keeps the log signature when witnesses cosign the note', () => {
    const witness = noteSigner('witness.example/w1', generateKeyPairSync('ed25519').privateKey);
    const text = checkpointText(logSigner.name, 8, rootHash, checkpoint.timestamp);
    const cosigned = signNote(text, [witness, logSigner]);
    expect(checkpointFromSignedNote(cosigned, [logSigner])).toEqual(checkpoint);
    expect(checkpointFromSignedNote(cosigned, [witness])).toBeNull(); // the log itself must have signed
  });

  it.each<[string, (c: Checkpoint) => unknown]>([
    ['a larger tree size', (c) => ({ ...c, treeSize: c.treeSize + 1 })],
    ['another root hash', (c) => ({ ...c, rootHash: 'bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=' })],
    ['a later timestamp', (c) => ({ ...c, timestamp: '2024-05-06T07:08:09.011Z' })],
    ['another key ID', (c) => ({ ...c, keyId: c.keyId.replace(/.$/, (d) => (d === '0' ? '1' : '0')) })],
    ['another key name', (c) => ({ ...c, keyId: c.keyId.replace('audit-ledger', 'audit-ledger2') })],
    ['a flipped signature bit', (c) => ({ ...c, signature: flipFirstBit(c.signature) })],
    ['a truncated signature', (c) => ({ ...c, signature: Buffer.from(c.signature, 'base64').subarray(1).toString('base64') })],
    ['an uppercase key ID', (c) => ({ ...c, keyId: c.keyId.toUpperCase() })],
    ['a non-canonical timestamp', (c) => ({ ...c, timestamp: '2024-05-06T07:08:09.01Z' })],
    ['an offset timestamp', (c) => ({ ...c, timestamp: '2024-05-06T09:08:09.010+02:00' })],
    ['an impossible date', (c) => ({ ...c, timestamp: '2024-02-30T07:08:09.010Z' })],
    ['a string tree size', (c) => ({ ...c, treeSize: '8' })],
    ['a fractional tree size', (c) => ({ ...c, treeSize: 8.5 })],
    ['base64url root hash', (c) => ({ ...c, rootHash: c.rootHash.replace('+', '-').replace('/', '_') })],
    ['a missing signature', ({ signature: _, ...rest }) => rest],
    ['null', () => null],
    ['a string', (c) => JSON.stringify(c)],
  ])('rejects a checkpoint with %s, without throwing', (_desc, forge) => {
    const forged = forge(checkpoint);
    expect(() => verifyCheckpoint(forged, [logSigner])).not.toThrow();
    expect(verifyCheckpoint(forged, [logSigner])).toBe(false);
  });

  it.each([
    ['an impossible date', 'timestamp 2024-02-30T07:08:09.010Z'],
    ['a non-canonical time', 'timestamp 2024-05-06T07:08:09.01Z'],
    ['an offset', 'timestamp 2024-05-06T09:08:09.010+02:00'],
    ['a second extension line', 'timestamp 2024-05-06T07:08:09.010Z\nextra'],
    ['no timestamp line', ''],
  ])('does not read a correctly signed note with %s as a checkpoint', (_desc, extension) => {
    const text = `${logSigner.name}\n8\n${checkpoint.rootHash}\n${extension}${extension === '' ? '' : '\n'}`;
    const note = signNote(text, [logSigner]);
    expect(verifySignedNote(note, [logSigner])).not.toBeNull();
    expect(checkpointFromSignedNote(note, [logSigner])).toBeNull();
  });

  it('rejects a checkpoint signed by another key with the same name, and refuses ambiguous verifier lists', () => {
    expect(verifyCheckpoint(checkpoint, [otherSigner])).toBe(false);
    expect(verifyCheckpoint(checkpoint, [])).toBe(false);
    expect(verifyCheckpoint(checkpoint, [logSigner, logSigner])).toBe(false);
  });

  it('round-trips random checkpoints through both renderings and rejects any change of size, root or time', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        (treeSize, root, timestamp, otherSize) => {
          const signed = signCheckpoint({ treeSize, rootHash: root, timestamp }, logSigner);
          expect(verifyCheckpoint(signed, [logSigner])).toBe(true);
          expect(checkpointFromSignedNote(formatSignedNote(signed), [logSigner])).toEqual(signed);
          if (otherSize !== treeSize) expect(verifyCheckpoint({ ...signed, treeSize: otherSize }, [logSigner])).toBe(false);
          const time = new Date(timestamp.getTime() + 1).toISOString();
          expect(verifyCheckpoint({ ...signed, timestamp: time }, [logSigner])).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses to sign what it could not render', () => {
    const tree = { treeSize: 1, rootHash, timestamp: new Date(0) };
    expect(() => signCheckpoint({ ...tree, treeSize: -1 }, logSigner)).toThrow(RangeError);
    expect(() => signCheckpoint({ ...tree, rootHash: rootHash.subarray(1) }, logSigner)).toThrow(TypeError);
    expect(() => signCheckpoint({ ...tree, timestamp: new Date(NaN) }, logSigner)).toThrow(RangeError);
    expect(() => formatSignedNote({ ...checkpoint, rootHash: 'x' })).toThrow(TypeError);
  });
});

function flipFirstBit(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0]! ^= 1;
  return bytes.toString('base64');
}
