// Sign-in with an external OpenID Connect issuer (AUTH_MODE=oidc, ADR 0011): the authorization code flow with PKCE
// (RFC 7636) for a public client, as OAuth 2.0 for Browser-Based Apps recommends. The browser sends the user to the
// issuer, comes back to `/` with a code and exchanges it at the token endpoint for an access token, which the
// platform verifies against the issuer's JWKS like any other bearer token. No client secret exists to leak.

export interface OidcClient {
  issuer: string;
  clientId: string;
  scope: string;
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
}

interface PendingSignIn {
  state: string;
  verifier: string;
  tokenEndpoint: string;
  redirectUri: string;
}

const PENDING_KEY = 'credit-share.console.oidc';

export class OidcError extends Error {}

export async function discover(issuer: string): Promise<Discovery> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new OidcError(`discovery answered ${response.status}`);
  const discovery = (await response.json()) as Discovery;
  // OpenID Connect Discovery §4.3: the document must name the issuer it was fetched for.
  if (discovery.issuer !== issuer) throw new OidcError('discovery names another issuer');
  return discovery;
}

export function randomToken(bytes = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function codeChallenge(verifier: string): Promise<string> {
  return base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The page the issuer sends the user back to: the console itself. */
export function redirectUri(location: Location = window.location): string {
  return `${location.origin}/`;
}

/** Sends the browser to the issuer's sign-in page. */
export async function beginSignIn(client: OidcClient): Promise<void> {
  const discovery = await discover(client.issuer);
  const pending: PendingSignIn = {
    state: randomToken(),
    verifier: randomToken(48),
    tokenEndpoint: discovery.token_endpoint,
    redirectUri: redirectUri(),
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: pending.redirectUri,
    scope: client.scope,
    state: pending.state,
    code_challenge: await codeChallenge(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** Whether the page is the issuer's redirect back (it carries `state` and a `code` or an `error`). */
export function isCallback(search: string): boolean {
  const params = new URLSearchParams(search);
  return params.has('state') && (params.has('code') || params.has('error'));
}

/** Exchanges the code of the redirect back for an access token. */
export async function completeSignIn(client: OidcClient, search: string): Promise<string> {
  const params = new URLSearchParams(search);
  const stored = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const pending = stored ? (JSON.parse(stored) as PendingSignIn) : undefined;
  // The state binds the answer to the request this tab made (RFC 6749 §10.12).
  if (!pending || params.get('state') !== pending.state) throw new OidcError('unexpected sign-in answer');
  const code = params.get('code');
  if (!code) throw new OidcError(`the issuer answered ${params.get('error') ?? 'without a code'}`);
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: pending.redirectUri,
      client_id: client.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new OidcError(`the token endpoint answered ${response.status}`);
  const { access_token: accessToken } = (await response.json()) as { access_token?: string };
  if (!accessToken) throw new OidcError('the token endpoint sent no access token');
  return accessToken;
}
