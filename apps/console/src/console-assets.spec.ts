import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleAssets, contentSecurityPolicy } from './console-assets';
import { consoleSettings } from './console-settings';

const PAGE = `<!doctype html><html><head><meta name="credit-share-settings" content="{}" /><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>`;

describe('console assets', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'console-assets-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), PAGE);
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(dir, 'assets', 'index-abc123.css'), 'body{}');
    writeFileSync(join(dir, 'assets', 'notes.txt'), 'not served');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the page with the sign-in settings in a meta element and a policy that forbids inline scripts', () => {
    const assets = ConsoleAssets.load({ authMode: 'dev' }, [join(dir, 'missing'), dir]);
    expect(assets.built).toBe(true);
    const page = assets.index();
    expect(page.body.toString()).toContain(
      '<meta name="credit-share-settings" content="{&quot;authMode&quot;:&quot;dev&quot;}">',
    );
    expect(page.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('escapes the settings, whatever the configuration holds', () => {
    const assets = ConsoleAssets.load(
      {
        authMode: 'oidc',
        oidc: { issuer: 'https://idp.example.test/realms/x', clientId: '"><script>alert(1)</script>', scope: 'openid' },
      },
      [dir],
    );
    const body = assets.index().body.toString();
    expect(body).not.toContain('<script>alert');
    expect(body).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('serves the bundle’s scripts and styles under their hashed names, cached for good, and nothing else', () => {
    const assets = ConsoleAssets.load({ authMode: 'dev' }, [dir]);
    expect(assets.asset('index-abc123.js')).toMatchObject({
      status: 200,
      headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' },
    });
    expect(assets.asset('index-abc123.css')?.headers['content-type']).toBe('text/css; charset=utf-8');
    for (const name of ['notes.txt', '../index.html', '..%2Findex.html', 'missing.js'])
      expect(assets.asset(name)).toBeUndefined();
  });

  it('explains itself when the console is not built', () => {
    const assets = ConsoleAssets.load({ authMode: 'dev' }, [join(dir, 'missing')]);
    expect(assets.built).toBe(false);
    expect(assets.index().body.toString()).toContain('npm run build');
  });

  it('refuses a page without the settings placeholder (a bundle from another build)', () => {
    const other = mkdtempSync(join(tmpdir(), 'console-assets-'));
    writeFileSync(join(other, 'index.html'), '<!doctype html><html></html>');
    expect(() => ConsoleAssets.load({ authMode: 'dev' }, [other])).toThrow(/settings placeholder/);
    rmSync(other, { recursive: true, force: true });
  });
});

describe('console sign-in settings', () => {
  const oidc = {
    AUTH_MODE: 'oidc' as const,
    AUTH_ISSUER: 'https://idp.example.test/realms/credit-share',
    AUTH_CONSOLE_SCOPE: 'openid',
  };

  it('say how users sign in, without anything secret', () => {
    expect(consoleSettings({ AUTH_MODE: 'dev', AUTH_CONSOLE_SCOPE: 'openid' })).toEqual({ authMode: 'dev' });
    expect(consoleSettings(oidc)).toEqual({ authMode: 'oidc', oidc: null });
    expect(consoleSettings({ ...oidc, AUTH_CONSOLE_CLIENT_ID: 'console' })).toEqual({
      authMode: 'oidc',
      oidc: { issuer: oidc.AUTH_ISSUER, clientId: 'console', scope: 'openid' },
    });
  });

  it('let the browser reach the issuer’s origin for the token exchange, and nothing else', () => {
    expect(contentSecurityPolicy({ authMode: 'dev' })).toContain("connect-src 'self';");
    expect(
      contentSecurityPolicy({ authMode: 'oidc', oidc: { issuer: `${oidc.AUTH_ISSUER}/`, clientId: 'c', scope: 'openid' } }),
    ).toContain("connect-src 'self' https://idp.example.test;");
  });
});
