// Development token issuer (ADR 0004). On first use it generates an Ed25519 key pair and keeps it with the data
// (DATA_DIR/auth/dev-issuer.jwk.json, mode 0600), so tokens from `npx credit-share token` stay valid across
// restarts and every local process verifies with the same key. Production never uses it: it verifies the tokens of
// an external OIDC issuer through its JWKS.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';
import type { Role } from './principal';

export const DEV_ISSUER = 'urn:credit-share:dev-issuer';
export const AUDIENCE = 'credit-share';
const ALG = 'EdDSA';

export interface TokenClaims {
  sub: string;
  org: string;
  roles: Role[];
  subject?: string;
}

export class DevIssuer {
  private constructor(
    private readonly privateKey: KeyLike,
    readonly publicJwk: JWK,
  ) {}

  static keyFile(dataDir: string): string {
    return join(dataDir, 'auth', 'dev-issuer.jwk.json');
  }

  static async loadOrCreate(dataDir: string): Promise<DevIssuer> {
    const file = DevIssuer.keyFile(dataDir);
    if (!existsSync(file)) {
      mkdirSync(join(dataDir, 'auth'), { recursive: true });
      const { privateKey } = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
      const jwk = await exportJWK(privateKey);
      const kid = `dev-${new Date().toISOString().slice(0, 10)}-${jwk.x!.slice(0, 8)}`;
      // 'wx' refuses to overwrite a key another process created a moment ago; then we read theirs.
      try {
        writeFileSync(file, JSON.stringify({ ...jwk, kid, alg: ALG, use: 'sig' }, null, 2), { flag: 'wx', mode: 0o600 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      chmodSync(file, 0o600);
    }
    const jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    const privateKey = (await importJWK(jwk, ALG)) as KeyLike;
    const { d: _private, ...publicJwk } = jwk;
    return new DevIssuer(privateKey, publicJwk);
  }

  async sign(claims: TokenClaims, ttlSeconds = 12 * 3600): Promise<string> {
    const payload: Record<string, unknown> = { org: claims.org, roles: claims.roles };
    if (claims.subject) payload['subject'] = claims.subject;
    return new SignJWT(payload)
      .setProtectedHeader({ alg: ALG, kid: this.publicJwk.kid, typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(DEV_ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.privateKey);
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }
}
