// The built web console (apps/console/web, bundled by Vite into dist/apps/console/static by `npm run build`), served
// at `/` by the standalone platform and by the gateway of the distributed mode alike. The bundle is small and
// immutable for the life of the process, so it is read into memory once: no file-system access per request, and no
// path a request could steer outside the bundle. The page is the same for everyone; the only per-deployment data,
// the sign-in settings, goes into a <meta> element (no inline script, so the Content-Security-Policy can forbid them).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { ConsoleSettings } from './console-settings';

export interface ConsoleResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** `<meta name="credit-share-settings" content="{}">` in apps/console/web/index.html, however it is formatted. */
const SETTINGS_PLACEHOLDER = /<meta\s+name="credit-share-settings"\s+content="\{\}"\s*\/?>/;

/** Where the bundle is, from dist/apps/console/src (built) or apps/console/src (tests run from source). */
export function consoleBundleDirectories(from: string = __dirname): string[] {
  return [join(from, '..', 'static'), join(from, '..', '..', '..', 'dist', 'apps', 'console', 'static')];
}

const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export class ConsoleAssets {
  private constructor(
    private readonly page: ConsoleResponse,
    private readonly assets: ReadonlyMap<string, ConsoleResponse>,
    readonly built: boolean,
  ) {}

  static load(settings: ConsoleSettings, directories: string[] = consoleBundleDirectories()): ConsoleAssets {
    const dir = directories.find((d) => existsSync(join(d, 'index.html')));
    const csp = contentSecurityPolicy(settings);
    const pageHeaders = { ...COMMON_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' };
    if (!dir) {
      return new ConsoleAssets(
        { status: 200, headers: pageHeaders, body: Buffer.from(CONSOLE_NOT_BUILT_PAGE) },
        new Map(),
        false,
      );
    }
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    if (!SETTINGS_PLACEHOLDER.test(html)) throw new Error(`${join(dir, 'index.html')} has no settings placeholder`);
    const page = html.replace(
      SETTINGS_PLACEHOLDER,
      () => `<meta name="credit-share-settings" content="${escapeAttribute(JSON.stringify(settings))}">`,
    );
    const assets = new Map<string, ConsoleResponse>();
    const assetDir = join(dir, 'assets');
    for (const name of existsSync(assetDir) ? readdirSync(assetDir) : []) {
      const contentType = CONTENT_TYPES[extname(name)];
      if (!contentType) continue;
      assets.set(name, {
        status: 200,
        // File names carry a content hash (Vite), so a name always means the same bytes.
        headers: { ...COMMON_HEADERS, 'content-type': contentType, 'cache-control': 'public, max-age=31536000, immutable' },
        body: readFileSync(join(assetDir, name)),
      });
    }
    return new ConsoleAssets(
      { status: 200, headers: { ...pageHeaders, 'content-security-policy': csp }, body: Buffer.from(page) },
      assets,
      true,
    );
  }

  /** The page at `/`. */
  index(): ConsoleResponse {
    return this.page;
  }

  /** A file under `/assets/`, or undefined. */
  asset(name: string): ConsoleResponse | undefined {
    return this.assets.get(name);
  }
}

/**
 * Scripts and styles only from the platform itself; the browser talks to the platform and, with OIDC, to the issuer's
 * token endpoint (same origin as the issuer, as OpenID Connect Discovery recommends).
 */
export function contentSecurityPolicy(settings: ConsoleSettings): string {
  const issuer = settings.authMode === 'oidc' && settings.oidc ? ` ${new URL(settings.oidc.issuer).origin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${issuer}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Shown when the platform runs without a console bundle (e.g. from source without `npm run build`). */
export const CONSOLE_NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>credit-share</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 42rem; margin: 3rem auto; line-height: 1.5">
<h1>credit-share 信用信息共享平台</h1>
<p>The platform is running; the web console is not built (<code>npm run build</code>).
平台正在运行；控制台尚未构建（<code>npm run build</code>）。</p>
<ul>
<li><a href="/api/docs">API documentation (Swagger UI)</a> · <a href="/api/openapi.json">OpenAPI</a></li>
<li><a href="/health">Health</a> · <a href="/metrics">Metrics</a></li>
</ul>
</body></html>`;
