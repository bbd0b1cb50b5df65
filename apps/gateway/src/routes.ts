// Which service owns which part of the API (PRODUCT.md §4), for the gateway of the distributed mode. In the
// standalone mode one process serves all of it; here each prefix goes to the process of the service that owns it.
import type { ServiceName } from '@credit-share/contracts';

export const ROUTES: ReadonlyArray<{ prefix: string; service: ServiceName }> = [
  { prefix: '/api/v1/organizations', service: 'credit-records' },
  { prefix: '/api/v1/records', service: 'credit-records' },
  { prefix: '/api/v1/objections', service: 'credit-records' },
  { prefix: '/api/v1/repairs', service: 'credit-records' },
  { prefix: '/api/v1/catalogue', service: 'credit-records' },
  { prefix: '/api/v1/identifier-exceptions', service: 'credit-records' },
  { prefix: '/api/v1/data-quality', service: 'credit-records' },
  { prefix: '/api/v1/subjects', service: 'joint-supervision' },
  { prefix: '/api/v1/grading', service: 'joint-supervision' },
  { prefix: '/api/v1/listings', service: 'joint-supervision' },
  { prefix: '/api/v1/lists', service: 'joint-supervision' },
  { prefix: '/api/v1/inspection-plans', service: 'joint-supervision' },
  { prefix: '/api/v1/measures', service: 'enforcement-coordination' },
  { prefix: '/api/v1/memoranda', service: 'enforcement-coordination' },
  { prefix: '/api/v1/alerts', service: 'enforcement-coordination' },
  { prefix: '/api/v1/webhooks', service: 'enforcement-coordination' },
  { prefix: '/api/v1/checks', service: 'enforcement-coordination' },
  { prefix: '/api/v1/profiles', service: 'credit-profiles' },
  { prefix: '/api/v1/audit', service: 'audit-ledger' },
  { prefix: '/.well-known/jwks.json', service: 'credit-records' },
  // Development sign-in for the console (AUTH_MODE=dev only): the directory's owner signs with the shared dev key.
  { prefix: '/api/v1/dev', service: 'credit-records' },
];

/** The owning service of a request path, or undefined when no service serves it. */
export function routeOf(path: string): ServiceName | undefined {
  const pathname = path.split('?')[0]!;
  return ROUTES.find((r) => pathname === r.prefix || pathname.startsWith(`${r.prefix}/`))?.service;
}
