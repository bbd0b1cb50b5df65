// How this deployment signs users in, written into the page by the server (apps/console/src/console-assets.ts).
import type { ConsoleSettings } from '../../../src/console-settings';

export type { ConsoleSettings };

export function readSettings(doc: Document = document): ConsoleSettings {
  const content = doc.querySelector<HTMLMetaElement>('meta[name="credit-share-settings"]')?.content ?? '{}';
  try {
    const parsed = JSON.parse(content) as Partial<ConsoleSettings>;
    if (parsed.authMode === 'oidc') return { authMode: 'oidc', oidc: (parsed as { oidc?: never }).oidc ?? null };
  } catch {
    // A page without settings (the development server) signs in the development way.
  }
  return { authMode: 'dev' };
}
