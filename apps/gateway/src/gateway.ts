// The distributed mode's single entry point: one URL for the whole API, as in the standalone mode. Requests are
// streamed through to the owning service (server-sent events included); /health and /api/openapi.json combine what
// every service reports; /api/docs is Swagger UI over the combined document; `/` is the web console, as in the
// standalone mode.
import type { ServiceName } from '@credit-share/contracts';
import { SERVICES } from '@credit-share/contracts';
import { createReadStream, existsSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, extname, join, normalize } from 'node:path';
import { ConsoleAssets, type ConsoleResponse } from '../../console/src/console-assets';
import { routeOf } from './routes';

export type ServiceUrls = Record<ServiceName, string>;

const SWAGGER_UI_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));

export function createGateway(
  services: ServiceUrls,
  consoleAssets: ConsoleAssets = ConsoleAssets.load({ authMode: 'dev' }),
): Server {
  return createServer((req, res) => {
    const path = req.url ?? '/';
    const pathname = path.split('?')[0]!;
    if (req.method === 'GET' && pathname === '/health') return void health(services, res);
    if (req.method === 'GET' && pathname === '/health/live') return json(res, 200, { status: 'ok' });
    if (req.method === 'GET' && pathname === '/api/openapi.json') return void openapi(services, res);
    if (req.method === 'GET' && (pathname === '/api/docs' || pathname.startsWith('/api/docs/'))) return swaggerUi(pathname, res);
    if (req.method === 'GET' && pathname === '/') return send(res, consoleAssets.index());
    if (req.method === 'GET' && pathname.startsWith('/assets/')) {
      const asset = consoleAssets.asset(pathname.slice('/assets/'.length));
      return asset ? send(res, asset) : problem(res, 404, 'CONSOLE.NO_SUCH_ASSET', `no console asset ${pathname}`);
    }
    const owner = routeOf(path);
    if (!owner) return problem(res, 404, 'GATEWAY.NO_ROUTE', `no service serves ${pathname}`);
    proxy(req, res, services[owner]);
  });
}

function proxy(req: IncomingMessage, res: ServerResponse, target: string): void {
  const url = new URL(req.url ?? '/', target);
  const upstream = request(
    url,
    {
      method: req.method,
      headers: {
        ...req.headers,
        host: url.host,
        'x-forwarded-host': req.headers.host ?? '',
        'x-forwarded-for': [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', '),
      },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    if (res.headersSent) res.destroy(error);
    else problem(res, 502, 'GATEWAY.UPSTREAM_UNAVAILABLE', `the service behind this route is not answering (${error.message})`);
  });
  req.on('aborted', () => upstream.destroy());
  req.pipe(upstream);
}

async function health(services: ServiceUrls, res: ServerResponse): Promise<void> {
  const reports = await Promise.all(
    SERVICES.map(async (service) => {
      try {
        const answer = await fetch(`${services[service]}/health`, { signal: AbortSignal.timeout(3_000) });
        return [service, await answer.json()] as const;
      } catch (error) {
        return [service, { status: 'down', error: (error as Error).message }] as const;
      }
    }),
  );
  const status = reports.every(([, r]) => (r as { status?: string }).status === 'ok') ? 'ok' : 'degraded';
  json(res, status === 'ok' ? 200 : 503, { status, services: Object.fromEntries(reports) });
}

async function openapi(services: ServiceUrls, res: ServerResponse): Promise<void> {
  const merged = {
    openapi: '3.0.0',
    info: { title: 'credit-share', version: '1', description: 'All services of credit-share behind the gateway.' },
    components: { securitySchemes: {}, schemas: {} } as Record<string, Record<string, unknown>>,
    paths: {} as Record<string, unknown>,
    tags: [] as unknown[],
  };
  for (const service of SERVICES) {
    try {
      const doc = (await (
        await fetch(`${services[service]}/api/openapi.json`, { signal: AbortSignal.timeout(3_000) })
      ).json()) as {
        paths?: Record<string, unknown>;
        components?: Record<string, Record<string, unknown>>;
      };
      for (const [path, operations] of Object.entries(doc.paths ?? {})) {
        if (routeOf(path) === service) merged.paths[path] = operations;
      }
      for (const [section, entries] of Object.entries(doc.components ?? {})) {
        merged.components[section] = { ...(merged.components[section] ?? {}), ...entries };
      }
    } catch {
      // A service that is down contributes no paths; /health says which.
    }
  }
  json(res, 200, merged);
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.html': 'text/html',
};

function swaggerUi(pathname: string, res: ServerResponse): void {
  const file = pathname.replace(/^\/api\/docs\/?/, '');
  if (file === '' || file === 'index.html') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><meta charset="utf-8"><title>credit-share API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui' });</script></body></html>`);
    return;
  }
  const target = normalize(join(SWAGGER_UI_DIR, file));
  if (!target.startsWith(SWAGGER_UI_DIR) || !existsSync(target))
    return problem(res, 404, 'GATEWAY.NO_ROUTE', `no such file ${file}`);
  res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(target)] ?? 'application/octet-stream' });
  createReadStream(target).pipe(res);
}

function send(res: ServerResponse, answer: ConsoleResponse): void {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function problem(res: ServerResponse, status: number, code: string, detail: string): void {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(
    JSON.stringify({
      type: `urn:credit-share:problem:${code}`,
      title: status === 404 ? 'Not Found' : 'Bad Gateway',
      status,
      code,
      detail,
    }),
  );
}
