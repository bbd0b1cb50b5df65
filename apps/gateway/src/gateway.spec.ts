// The gateway serves the web console itself, as the standalone process does, and routes the console's development
// sign-in to the directory's owner.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleAssets } from '../../console/src/console-assets';
import { createGateway } from './gateway';
import { routeOf } from './routes';

describe('gateway: the web console', () => {
  let dir: string;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<html><head><meta name="credit-share-settings" content="{}"></head></html>');
    writeFileSync(join(dir, 'assets', 'index-1a2b.js'), 'export {}');
    // Services nobody listens on: the console must not depend on them.
    const nowhere = 'http://127.0.0.1:9';
    server = createGateway(
      {
        'credit-records': nowhere,
        'joint-supervision': nowhere,
        'enforcement-coordination': nowhere,
        'credit-profiles': nowhere,
        'audit-ledger': nowhere,
      },
      ConsoleAssets.load({ authMode: 'oidc', oidc: null }, [dir]),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page with its settings and security policy, and the bundle', async () => {
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('{&quot;authMode&quot;:&quot;oidc&quot;,&quot;oidc&quot;:null}');
    const script = await fetch(`${url}/assets/index-1a2b.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const missing = await fetch(`${url}/assets/nope.js`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'CONSOLE.NO_SUCH_ASSET' });
  });

  it('sends the development sign-in to credit-records, which owns the directory and the development key', () => {
    expect(routeOf('/api/v1/dev/tokens')).toBe('credit-records');
    expect(routeOf('/api/v1/dev/organizations')).toBe('credit-records');
  });
});
