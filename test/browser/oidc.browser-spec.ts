// AUTH_MODE=oidc: the console signs in at an external OpenID Connect issuer (authorization code with PKCE) and calls
// the platform with the issuer's access token; the development sign-in does not exist.
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { generateNoteKeys } from '../../apps/audit-ledger/src/ledger/signed-note';
import { startFakeIssuer, type FakeIssuer } from './fake-oidc-issuer';
import {
  labelsInWrongLanguage,
  launchBrowser,
  newContext,
  screenshot,
  startPlatform,
  watchForPageErrors,
  type Platform,
} from './support';

describe('web console with an external OIDC issuer (Chromium)', () => {
  let issuer: FakeIssuer;
  let platform: Platform;
  let browser: Browser;

  beforeAll(async () => {
    issuer = await startFakeIssuer({ clientId: 'credit-share-console', audience: 'credit-share' });
    // Assigned one by one, so afterAll stops whichever did start when the other failed.
    await Promise.all([
      startPlatform({
        AUTH_MODE: 'oidc',
        AUTH_ISSUER: issuer.issuer,
        AUTH_JWKS_URL: issuer.jwksUrl,
        AUTH_CONSOLE_CLIENT_ID: 'credit-share-console',
        // Production mode: the audit ledger's checkpoint key is managed, not generated (ADR 0007).
        LEDGER_SIGNING_KEY: generateNoteKeys('browser-test.example/audit-ledger').signerKey,
        // Production mode: person identifiers are encrypted and looked up with managed keys (docs/configuration.md).
        PERSON_ID_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        PERSON_ID_LOOKUP_KEY: randomBytes(32).toString('base64'),
      }).then((p) => (platform = p)),
      launchBrowser().then((b) => (browser = b)),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await issuer?.close();
  });

  it('signs in at the issuer and uses its access token with the platform', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const pageErrors = watchForPageErrors(page);
    issuer.signInAs({ sub: 'operator-on-duty', org: 'platform', roles: ['operator'] });

    await page.goto(platform.url);
    const button = page.getByRole('button', { name: '通过统一身份认证登录' });
    await button.waitFor();
    expect(await page.getByLabel('机构', { exact: true }).count()).toBe(0);
    expect(await labelsInWrongLanguage(page)).toEqual([]);
    await screenshot(page, 'sign-in-oidc');

    await button.click();
    await page.getByRole('heading', { level: 1, name: '欢迎使用' }).waitFor();
    // Back at the console, without the code in the address.
    expect(new URL(page.url()).search).toBe('');
    await page.getByText('operator-on-duty').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: '机构与权限' }).click();
    await page.locator('tr[data-organization="platform"]').waitFor();
    expect(issuer.refusals).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it("explains a sign-in whose token carries none of the platform's roles", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const pageErrors = watchForPageErrors(page);
    issuer.signInAs({ sub: 'visitor', org: 'platform', roles: ['guest'] });
    await page.goto(platform.url);
    await page.getByRole('button', { name: '通过统一身份认证登录' }).click();
    await page.getByRole('alert').filter({ hasText: '您的登录凭据不含本平台的任何角色，请联系平台运营方。' }).waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: '通过统一身份认证登录' }).waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('offers no development sign-in', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/dev/organizations'],
      ['POST', '/api/v1/dev/tokens'],
    ] as const) {
      const response = await fetch(`${platform.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'POST' ? JSON.stringify({ org: 'platform', role: 'operator' }) : undefined,
      });
      expect(response.status).toBe(404);
    }
  });
});
