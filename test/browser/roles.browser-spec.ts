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
import { horizontalOverflow, switchLanguageTo, textBelowContrastMinimum } from './support';

/** A form control by its label, which may carry the required mark ` *`. */
const field = (page: Page, label: string) =>
  page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));

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

  it("shows every page of every role with every visible label in the reader's language, readable and within a laptop screen", async () => {
    await register({
      id: 'sz-amr-pages',
      name: '深圳市市场监督管理局（页面检查）',
      uscc: '91440300MA5H00001F',
      catalogueItems: ['administrative_penalty', 'administrative_license'],
    });
    const pagesOf: Array<{ who: { org: string; role: string } | { subject: string }; pages: Array<[string, string]> }> = [
      {
        who: { org: 'platform', role: 'operator' },
        pages: [
          ['catalogue', '信用信息目录'],
          ['measures', '惩戒措施与合作备忘录'],
          ['dashboards', '办理时限与数据质量看板'],
        ],
      },
      {
        who: { org: 'sz-amr-pages', role: 'provider' },
        pages: [
          ['submit-record', '提交信用记录'],
          ['import', '文件导入'],
          ['records', '本单位记录'],
          ['data-quality', '数据质量'],
        ],
      },
      {
        who: { org: 'sz-amr-pages', role: 'regulator' },
        pages: [
          ['profiles', '信用档案查询'],
          ['listings', '名单认定'],
          ['cases', '异议与信用修复办理'],
          ['inspection-plans', '检查计划'],
          ['check', '嵌入式核查'],
        ],
      },
      { who: { org: 'sz-amr-pages', role: 'enforcer' }, pages: [['alerts', '联动预警']] },
      {
        who: { subject: '91440300MA5FXT4K8N' },
        pages: [
          ['my-profile', '本企业信用档案'],
          ['access-log', '档案查询记录'],
          ['objection', '提出异议'],
          ['repair', '申请信用修复'],
        ],
      },
      { who: { org: 'platform', role: 'auditor' }, pages: [['ledger', '审计账本']] },
    ];
    const found: Record<string, string[]> = {};
    const unreadable: Record<string, string[]> = {};
    const overflow: Record<string, number> = {};
    for (const { who, pages } of pagesOf) {
      await signInAs(page, platform, who);
      for (const [id, link] of pages) {
        await openPage(page, id, link);
        // Forms show their field errors too: submitting them empty marks every required field.
        const submit = page.locator('main form button[type="submit"].primary').first();
        if ((await submit.count()) > 0 && (await submit.isEnabled())) await submit.click();
        await page.waitForLoadState('networkidle').catch(() => undefined);
        Object.assign(found, await wrongLabelsInBothLanguages(page, id));
        for (const language of ['中文', 'English'] as const) {
          if (language === 'English') await switchLanguageTo(page, 'English');
          unreadable[`${id}/${language}`] = await textBelowContrastMinimum(page);
          overflow[`${id}/${language}`] = await horizontalOverflow(page);
        }
        await switchLanguageTo(page, '中文');
      }
    }
    noWrongLabels(found);
    expect(unreadable).toEqual(Object.fromEntries(Object.keys(unreadable).map((k) => [k, []])));
    expect(overflow).toEqual(Object.fromEntries(Object.keys(overflow).map((k) => [k, 0])));
  });

  // ---- provider ---------------------------------------------------------------------------------------------------

  it('submits one record with the form, checking every USCC while it is typed (provider)', async () => {
    await register({
      id: 'sz-amr-form',
      name: '深圳市市场监督管理局（表单）',
      uscc: '11440300690000058B',
      catalogueItems: ['administrative_penalty'],
    });
    await signInAs(page, platform, { org: 'sz-amr-form', role: 'provider' });
    await openPage(page, 'submit-record', '提交信用记录');
    const fill = async (label: string, value: string) => field(page, label).fill(value);
    await fill('行政相对人名称', '深圳市福田某某餐饮管理有限公司');
    await field(page, '严重程度').selectOption('general');
    await fill('决定书文号', '深市监罚〔2026〕201号');
    await fill('处罚或许可类别', '罚款');
    await fill('法律依据', '《中华人民共和国食品安全法》第一百二十六条');
    await fill('决定内容', '罚款五千元');
    await fill('决定日期', '2026-04-01');
    await fill('有效期至', '2027-04-01');
    await fill('决定机关', '深圳市市场监督管理局');
    await fill('决定机关统一社会信用代码', '11440300690000058B');
    await fill('数据来源单位', '深圳市市场监督管理局');
    await fill('数据来源单位统一社会信用代码', '11440300690000058B');
    await fill('罚款金额（元）', '5000');
    // The subject's USCC is checked as it is typed: the last character is the GB 32100 check character.
    await fill('行政相对人统一社会信用代码', '91440300MA5H00001A');
    await hasText(page.locator('#record-subjectUscc-error'), '校验码不正确，应为 F。');
    await screenshot(page, 'submit-record');
    const posts: string[] = [];
    page.on('request', (r) => void (r.method() === 'POST' && r.url().endsWith('/api/v1/records') && posts.push(r.url())));
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '请更正标出的字段。' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('record-subjectUscc');
    expect(posts).toEqual([]);
    await fill('行政相对人统一社会信用代码', '91440300MA5H00001F');
    await hasText(page.locator('#record-subjectUscc-error'), '');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '已提交，记录编号' }).waitFor();
    expect(posts).toHaveLength(1);

    // The record is among the provider's own, published; a correction makes version 2, the history kept.
    await openPage(page, 'records', '本单位记录');
    await field(page, '按信用主体统一社会信用代码筛选').fill('91440300MA5H00001F');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    const row = page.locator('tr[data-record]');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.first().textContent()).toContain('公示中');
    await row.first().getByRole('button', { name: /^更正/ }).click();
    await field(page, '决定内容').fill('罚款五千元，没收违法所得');
    await field(page, '理由').fill('决定书内容录入有误');
    await page.getByRole('button', { name: '提交更正' }).click();
    await page.getByRole('status').filter({ hasText: '已更正' }).waitFor();
    await hasText(row.first().locator('td.number'), '2');
    await screenshot(page, 'records');
    noWrongLabels(await wrongLabelsInBothLanguages(page, 'records', 'records-en'));

    // Its data quality counts the accepted record.
    await openPage(page, 'data-quality', '数据质量');
    await page.locator('tr[data-org="sz-amr-form"]').waitFor();
    expect(await page.locator('tr[data-org="sz-amr-form"] td').first().textContent()).toBe('1');
    await screenshot(page, 'data-quality');
  });
});
