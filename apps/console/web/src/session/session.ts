// The signed-in user: the bearer token and what its claims say. The token lives in sessionStorage — this tab only,
// gone when it closes — and nowhere else; the console never logs it. The claims are read for display and menus
// only; the platform verifies the token on every call.
import type { Role } from '../../../../../libs/auth/src/principal';
import { isRole } from '../../../../../libs/auth/src/principal';

export interface Session {
  token: string;
  user: string;
  org: string;
  roles: Role[];
  subject?: string;
  /** Epoch milliseconds. */
  expiresAt?: number;
  /** The organisation's name, when the sign-in knew it. */
  organizationName?: string;
}

const STORAGE_KEY = 'credit-share.console.session';

/** The claims of a JWT (not verified: the platform does that). */
export function sessionFromToken(token: string, organizationName?: string): Session {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '=')), (c) =>
    c.charCodeAt(0),
  );
  const claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  const roles =
    typeof claims['roles'] === 'string' ? claims['roles'].split(/[\s,]+/) : Array.isArray(claims['roles']) ? claims['roles'] : [];
  return {
    token,
    user: String(claims['sub'] ?? ''),
    org: String(claims['org'] ?? ''),
    roles: roles.filter(isRole),
    subject: typeof claims['subject'] === 'string' ? claims['subject'] : undefined,
    expiresAt: typeof claims['exp'] === 'number' ? claims['exp'] * 1000 : undefined,
    organizationName,
  };
}

export function expired(session: Session, now = Date.now()): boolean {
  return session.expiresAt !== undefined && session.expiresAt <= now;
}

export function loadSession(storage: Storage = sessionStorage): Session | undefined {
  try {
    const stored = storage.getItem(STORAGE_KEY);
    if (!stored) return undefined;
    const session = JSON.parse(stored) as Session;
    return expired(session) ? undefined : session;
  } catch {
    return undefined;
  }
}

export function saveSession(session: Session | undefined, storage: Storage = sessionStorage): void {
  try {
    if (session) storage.setItem(STORAGE_KEY, JSON.stringify(session));
    else storage.removeItem(STORAGE_KEY);
  } catch {
    // Without storage the session lasts as long as the page.
  }
}
