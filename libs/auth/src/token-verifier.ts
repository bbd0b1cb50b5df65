// Verifies bearer tokens against a JWKS — the dev issuer's own key set, or an external OIDC issuer's JWKS URL —
// and turns the claims into a Principal. Anything unexpected (wrong issuer, audience, algorithm, expired, missing
// claims) is refused with a reason the client can act on.
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AUDIENCE, DEV_ISSUER, DevIssuer } from './dev-issuer';
import { isRole, type Principal } from './principal';

export type AuthSettings = { mode: 'dev'; dataDir: string } | { mode: 'oidc'; jwksUrl: string; issuer: string; audience: string };

export class TokenRejected extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class TokenVerifier {
  private constructor(
    private readonly keys: JWTVerifyGetKey,
    private readonly issuer: string,
    private readonly audience: string,
    /** Present in dev mode, to serve the JWKS and sign tokens in tests. */
    readonly devIssuer?: DevIssuer,
  ) {}

  static async create(settings: AuthSettings): Promise<TokenVerifier> {
    if (settings.mode === 'oidc') {
      return new TokenVerifier(createRemoteJWKSet(new URL(settings.jwksUrl)), settings.issuer, settings.audience);
    }
    const issuer = await DevIssuer.loadOrCreate(settings.dataDir);
    return new TokenVerifier(createLocalJWKSet(issuer.jwks()), DEV_ISSUER, AUDIENCE, issuer);
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.issuer,
        audience: this.audience,
        algorithms: ['EdDSA', 'RS256', 'ES256', 'PS256'],
        clockTolerance: 30,
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new TokenRejected('AUTH.TOKEN_EXPIRED', 'the token has expired');
      if (error instanceof errors.JWTClaimValidationFailed) {
        throw new TokenRejected('AUTH.TOKEN_CLAIM_INVALID', `the token's "${error.claim}" claim is not accepted`);
      }
      throw new TokenRejected('AUTH.TOKEN_INVALID', 'the token is not a valid signed token of the configured issuer');
    }
    const { sub, org, roles, subject } = payload as JWTPayload & { org?: unknown; roles?: unknown; subject?: unknown };
    if (typeof sub !== 'string' || sub.length === 0)
      throw new TokenRejected('AUTH.TOKEN_CLAIM_INVALID', 'the token has no "sub"');
    if (typeof org !== 'string' || org.length === 0)
      throw new TokenRejected('AUTH.TOKEN_CLAIM_INVALID', 'the token has no "org"');
    const roleList = typeof roles === 'string' ? roles.split(/[\s,]+/) : Array.isArray(roles) ? roles : [];
    const principal: Principal = { user: sub, org, roles: roleList.filter(isRole) };
    if (subject !== undefined) {
      if (typeof subject !== 'string') throw new TokenRejected('AUTH.TOKEN_CLAIM_INVALID', 'the "subject" claim must be a USCC');
      principal.subject = subject;
    }
    return principal;
  }
}
