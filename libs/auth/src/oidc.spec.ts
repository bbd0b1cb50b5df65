import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TokenVerifier } from './token-verifier';

// Production verifies the tokens of an external OIDC issuer through its JWKS (AUTH_MODE=oidc): a real HTTP JWKS
// endpoint here, as the identity provider would serve it.
describe('OIDC mode: verification against an external issuer JWKS', () => {
  let server: Server;
  let jwksUrl: string;
  let sign: (claims: Record<string, unknown>, options?: { issuer?: string; audience?: string }) => Promise<string>;
  let jwksRequests = 0;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' };
    server = createServer((req, res) => {
      jwksRequests++;
      res.writeHead(req.url === '/.well-known/jwks.json' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    sign = (claims, options = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-key-1' })
        .setSubject('zhang.wei')
        .setIssuer(options.issuer ?? 'https://idp.example.gov.cn/realms/credit')
        .setAudience(options.audience ?? 'credit-share')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const verifier = () =>
    TokenVerifier.create({ mode: 'oidc', jwksUrl, issuer: 'https://idp.example.gov.cn/realms/credit', audience: 'credit-share' });

  it("accepts the issuer's tokens, fetching its keys from the JWKS URL", async () => {
    const principal = await (await verifier()).verify(await sign({ org: 'sz-amr', roles: ['regulator'] }));
    expect(principal).toEqual({ user: 'zhang.wei', org: 'sz-amr', roles: ['regulator'] });
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it('refuses a token of another issuer or audience', async () => {
    const v = await verifier();
    await expect(
      v.verify(await sign({ org: 'o', roles: ['operator'] }, { issuer: 'https://evil.example' })),
    ).rejects.toMatchObject({
      code: 'AUTH.TOKEN_CLAIM_INVALID',
    });
    await expect(v.verify(await sign({ org: 'o', roles: ['operator'] }, { audience: 'another-app' }))).rejects.toMatchObject({
      code: 'AUTH.TOKEN_CLAIM_INVALID',
    });
  });

  it('serves no development keys in OIDC mode', async () => {
    expect((await verifier()).devIssuer).toBeUndefined();
  });
});
