import { SignJWT, generateKeyPair } from 'jose';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { roleAllowedFor } from './directory/access-policy';
import { evolveDirectoryEntry, type DirectoryEntry } from './directory/organization-directory';
import { DevIssuer, DEV_ISSUER, AUDIENCE } from './dev-issuer';
import { TokenRejected, TokenVerifier } from './token-verifier';

describe('development issuer and token verification', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'auth-spec-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps its key with the data, private to the owner, and reuses it', async () => {
    const first = await DevIssuer.loadOrCreate(dataDir);
    const second = await DevIssuer.loadOrCreate(dataDir);
    expect(second.publicJwk).toEqual(first.publicJwk);
    expect(first.publicJwk).not.toHaveProperty('d');
    expect(statSync(DevIssuer.keyFile(dataDir)).mode & 0o777).toBe(0o600);
  });

  it('issues tokens the verifier turns into a principal', async () => {
    const issuer = await DevIssuer.loadOrCreate(dataDir);
    const verifier = await TokenVerifier.create({ mode: 'dev', dataDir });
    const token = await issuer.sign({ sub: 'alice', org: 'sz-amr', roles: ['regulator', 'auditor'] });
    expect(await verifier.verify(token)).toEqual({ user: 'alice', org: 'sz-amr', roles: ['regulator', 'auditor'] });
    const subject = await issuer.sign({
      sub: 'bob',
      org: '91110000600037341L',
      roles: ['subject'],
      subject: '91110000600037341L',
    });
    expect(await verifier.verify(subject)).toMatchObject({ roles: ['subject'], subject: '91110000600037341L' });
  });

  it('refuses expired tokens, other issuers and missing claims with a code', async () => {
    const issuer = await DevIssuer.loadOrCreate(dataDir);
    const verifier = await TokenVerifier.create({ mode: 'dev', dataDir });
    const expired = await issuer.sign({ sub: 'a', org: 'o', roles: ['operator'] }, -120);
    await expect(verifier.verify(expired)).rejects.toMatchObject({ code: 'AUTH.TOKEN_EXPIRED' });
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const foreign = await new SignJWT({ org: 'o', roles: ['operator'] })
      .setProtectedHeader({ alg: 'EdDSA', kid: issuer.publicJwk.kid })
      .setSubject('a')
      .setIssuer(DEV_ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('1h')
      .sign(privateKey);
    await expect(verifier.verify(foreign)).rejects.toBeInstanceOf(TokenRejected);
    await expect(verifier.verify('not.a.token')).rejects.toMatchObject({ code: 'AUTH.TOKEN_INVALID' });
  });

  it('drops roles it does not know', async () => {
    const issuer = await DevIssuer.loadOrCreate(dataDir);
    const verifier = await TokenVerifier.create({ mode: 'dev', dataDir });
    const token = await issuer.sign({ sub: 'a', org: 'o', roles: ['operator', 'superuser' as never] });
    expect((await verifier.verify(token)).roles).toEqual(['operator']);
  });
});

describe('access policy', () => {
  it.each([
    ['platform_operator', 'operator', true],
    ['platform_operator', 'regulator', false],
    ['government_department', 'regulator', true],
    ['government_department', 'operator', false],
    ['industry_association', 'provider', true],
    ['industry_association', 'regulator', false],
    ['social_organization', 'enforcer', false],
  ] as const)('%s may act as %s: %s', (type, role, allowed) => {
    expect(roleAllowedFor(type, role)).toBe(allowed);
  });
});

describe('directory entries', () => {
  const registered = {
    type: 'OrganizationRegistered' as const,
    at: '2026-11-26T08:00:00.000Z',
    data: {
      id: 'sz-amr',
      name: 'AMR',
      type: 'government_department' as const,
      uscc: '11440300690000015X',
      catalogueItems: ['administrative_penalty'],
      sharingClasses: ['public' as const],
    },
  };

  it('count every applied event as a version', () => {
    const first = evolveDirectoryEntry(null, registered) as DirectoryEntry;
    expect(first).toMatchObject({ id: 'sz-amr', version: 1, registeredAt: registered.at });
    const changed = evolveDirectoryEntry(first, {
      type: 'OrganizationPermissionsChanged',
      at: '2026-11-27T08:00:00.000Z',
      data: { id: 'sz-amr', uscc: '11440300690000015X', catalogueItems: [], sharingClasses: ['public', 'conditional'] },
    });
    expect(changed).toMatchObject({
      version: 2,
      catalogueItems: [],
      sharingClasses: ['public', 'conditional'],
      registeredAt: registered.at,
    });
  });

  it('ignore a permissions change for an unknown organisation', () => {
    expect(
      evolveDirectoryEntry(null, {
        type: 'OrganizationPermissionsChanged',
        at: 'x',
        data: { id: 'n', uscc: 'u', catalogueItems: [], sharingClasses: [] },
      }),
    ).toBeNull();
  });
});
