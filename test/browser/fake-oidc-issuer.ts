// A minimal OpenID Connect issuer for the browser tests of AUTH_MODE=oidc: discovery, an authorization endpoint
// that signs the user in at once (as the identity the test chose), a token endpoint that insists on PKCE (RFC 7636,
// S256) and issues access tokens with the claims the platform needs, and its JWKS. Nothing more.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { SignJWT, exportJWK, generateKeyPair, type JWK, type KeyLike } from 'jose';

export interface FakeIssuer {
  issuer: string;
  jwksUrl: string;
  /** Who the next sign-in is. */
  signInAs(claims: { sub: string; org: string; roles: string[] }): void;
  /** Token requests refused, with the reason (a wrong verifier, an unknown code…). */
  refusals: string[];
  close(): Promise<void>;
}

export async function startFakeIssuer(options: { clientId: string; audience: string }): Promise<FakeIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'fake-1', alg: 'EdDSA', use: 'sig' };
  const codes = new Map<string, { challenge: string; redirectUri: string; claims: Record<string, unknown> }>();
  let identity: Record<string, unknown> = { sub: 'nobody', org: 'nobody', roles: [] };
  const refusals: string[] = [];
  let issuer = '';

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: Error) => send(res, 500, { error: 'server_error', error_description: error.message }));
  });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', issuer);
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return send(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (req.method === 'GET' && url.pathname === '/jwks') return send(res, 200, { keys: [jwk] });
    if (req.method === 'GET' && url.pathname === '/authorize') {
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri')!;
      if (q.get('client_id') !== options.clientId || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) {
        res.writeHead(400).end('bad authorization request');
        return;
      }
      const code = randomUUID();
      codes.set(code, { challenge: q.get('code_challenge')!, redirectUri, claims: identity });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state')!);
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      const form = new URLSearchParams(await body(req));
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifierHash = createHash('sha256')
        .update(form.get('code_verifier') ?? '')
        .digest('base64url');
      const refusal = !grant
        ? 'unknown code'
        : form.get('client_id') !== options.clientId
          ? 'wrong client'
          : form.get('redirect_uri') !== grant.redirectUri
            ? 'wrong redirect_uri'
            : verifierHash !== grant.challenge
              ? 'PKCE verifier does not match'
              : undefined;
      if (refusal) {
        refusals.push(refusal);
        return send(res, 400, { error: 'invalid_grant', error_description: refusal });
      }
      const token = await new SignJWT({ org: grant!.claims['org'], roles: grant!.claims['roles'] })
        .setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid })
        .setSubject(String(grant!.claims['sub']))
        .setIssuer(issuer)
        .setAudience(options.audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey as KeyLike);
      return send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
    }
    res.writeHead(404).end();
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    signInAs: (claims) => void (identity = claims),
    refusals,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // The platform keeps its JWKS connection alive; the issuer is going away.
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, json: unknown): void {
  // The console calls discovery and the token endpoint from the browser, cross-origin.
  res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
  res.end(JSON.stringify(json));
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
