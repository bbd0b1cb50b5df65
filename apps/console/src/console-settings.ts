// What the browser needs to know before anyone signs in: how tokens are obtained (ADR 0011). Nothing here is a
// secret: a public OIDC client (authorization code with PKCE, RFC 7636) has an id but no client secret.

export type ConsoleSettings =
  | { authMode: 'dev' }
  | {
      authMode: 'oidc';
      /** Absent when the deployment has not registered the console as an OIDC client (AUTH_CONSOLE_CLIENT_ID). */
      oidc: { issuer: string; clientId: string; scope: string } | null;
    };

/** The settings every process that serves the console reads (PlatformConfig, GatewayConfig). */
export interface ConsoleAuthConfig {
  AUTH_MODE: 'dev' | 'oidc';
  AUTH_ISSUER?: string;
  AUTH_CONSOLE_CLIENT_ID?: string;
  AUTH_CONSOLE_SCOPE: string;
}

export function consoleSettings(config: ConsoleAuthConfig): ConsoleSettings {
  if (config.AUTH_MODE === 'dev') return { authMode: 'dev' };
  const { AUTH_ISSUER: issuer, AUTH_CONSOLE_CLIENT_ID: clientId } = config;
  return {
    authMode: 'oidc',
    oidc: issuer && clientId ? { issuer, clientId, scope: config.AUTH_CONSOLE_SCOPE } : null,
  };
}
