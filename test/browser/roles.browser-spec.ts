// Each role's main pages in a real browser (Debian's Chromium, headless, playwright-core) against the standalone
// platform with its real services: nothing is stubbed; data is set up through the platform's own API, as another
// system would. Every page is checked in both languages, and its screenshot taken.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  callApi,
  devToken,
  hasText,
  launchBrowser,
  newContext,
  openPage,
  screenshot,
  signInAs,
  startPlatform,
  watchForPageErrors,
  wrongLabelsInBothLanguages,
  type Platform,
} from './support';
import { waitFor } from '@credit-share/testing';

const noWrongLabels = (found: Record<string, string[]>) =>
  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));

describe('web console: the pages of each role (standalone platform, Chromium)', () => {
  let platform: Platform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    await Promise.all([startPlatform().then((p) => (platform = p)), launchBrowser().then((b) => (browser = b))]);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });
  beforeEach(async () => {
    context = await newContext(browser);
    page = await context.newPage();
    pageErrors = watchForPageErrors(page);
  });
  afterEach(async () => {
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  const register = async (organization: { id: string; name: string; uscc: string; catalogueItems: string[]; type?: string }) => {
    const answer = await callApi(
      platform,
      'POST',
      '/api/v1/organizations',
      { type: 'government_department', sharingClasses: ['public', 'conditional'], ...organization },
      await devToken(platform, { org: 'platform', role: 'operator' }),
    );
    expect([200, 201]).toContain(answer.status);
  };

  it("verifies a ledger entry's inclusion proof in the browser against the latest signed checkpoint (auditor)", async () => {
    await register({
      id: 'sz-ledger-test',
      name: '深圳市统计局',
      uscc: '11440300690000031K',
      catalogueItems: ['administrative_license'],
    });
    const auditor = await devToken(platform, { org: 'platform', role: 'auditor' });
    // The ledger signs a checkpoint at least every second while there is new data.
    await waitFor(
      async () =>
        ((await callApi<{ treeSize: number }>(platform, 'GET', '/api/v1/audit/checkpoint', undefined, auditor)).body?.treeSize ??
          0) >= 2,
      { description: 'a checkpoint over the registrations' },
    );

    await signInAs(page, platform, { org: 'platform', role: 'auditor' });
    await openPage(page, 'ledger', '审计账本');
    await page.getByTestId('tree-size').waitFor();
    expect(Number((await page.getByTestId('tree-size').textContent())!.replace(/\D/g, ''))).toBeGreaterThanOrEqual(2);

    // By index.
    await page.getByLabel('条目序号或记录编号').fill('0');
    await page.getByRole('button', { name: '验证', exact: true }).click();
    await page.getByTestId('inclusion-result').getByText('验证通过').waitFor();

    // By an identifier the leaf mentions: the organisation registered above.
    await page.getByLabel('条目序号或记录编号').fill('sz-ledger-test');
    await page.getByRole('button', { name: '验证', exact: true }).click();
    await page.getByTestId('inclusion-result').getByText('OrganizationRegistered').waitFor();
    await hasText(page.getByTestId('inclusion-result').locator('.verdict .badge'), '验证通过');
    await screenshot(page, 'ledger');
    noWrongLabels(await wrongLabelsInBothLanguages(page, 'ledger', 'ledger-en'));

    // Nothing in the ledger mentions this.
    await page.getByLabel('条目序号或记录编号').fill('no-such-thing-anywhere');
    await page.getByRole('button', { name: '验证', exact: true }).click();
    await hasText(page.locator('#ledger-target-error'), '账本中没有这样的条目。');
  });
});
