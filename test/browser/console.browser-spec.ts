// The web console in a real browser (Debian's Chromium, headless, driven by playwright-core) against the standalone
// platform started from dist/ on free ports with its own DATA_DIR: signing in, the operator's organisation pages,
// the health page, menus by role, both languages on every page, keyboard use and text contrast.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  hasText,
  horizontalOverflow,
  labelsInWrongLanguage,
  launchBrowser,
  newContext,
  screenshot,
  startPlatform,
  textBelowContrastMinimum,
  watchForPageErrors,
  type Platform,
} from './support';

describe('web console (standalone platform, Chromium)', () => {
  let platform: Platform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    // Assigned one by one, so afterAll stops whichever did start when the other failed.
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
    // An exception in the page, or a resource its security policy blocked, is a defect even when the test passed.
    expect(pageErrors).toEqual([]);
  });

  // ---- helpers ------------------------------------------------------------------------------------------------------

  const api = async <T>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${platform.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  };

  const operatorToken = async () =>
    (await api<{ token: string }>('POST', '/api/v1/dev/tokens', { org: 'platform', role: 'operator' })).body.token;

  const registerByApi = async (organization: { id: string; name: string; uscc: string; catalogueItems: string[] }) => {
    const answer = await api(
      'POST',
      '/api/v1/organizations',
      { type: 'government_department', sharingClasses: ['public'], ...organization },
      await operatorToken(),
    );
    expect([200, 201]).toContain(answer.status);
  };

  /** Signs in through the sign-in page with the mouse, as `role` of `org` (or as an enterprise by its USCC). */
  const signIn = async (who: { org: string; role: string } | { subject: string }) => {
    await page.goto(platform.url);
    const signOut = page.getByRole('button', { name: '退出登录' });
    if (await signOut.isVisible()) {
      await signOut.click();
      await page.getByRole('status').filter({ hasText: '已退出登录。' }).waitFor();
    }
    if ('subject' in who) {
      await page.getByLabel('企业（信用主体）').check();
      await page.getByLabel('统一社会信用代码').fill(who.subject);
    } else {
      await page.getByLabel('机构', { exact: true }).selectOption(who.org);
      await page.getByLabel('角色').selectOption(who.role);
    }
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { level: 1, name: '欢迎使用' }).waitFor();
  };

  const open = async (pageId: string, heading: string) => {
    await page.getByRole('navigation').getByRole('link', { name: heading }).click();
    await page.waitForURL(`**/#/${pageId}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  };

  const menu = () => page.getByRole('navigation').getByRole('link').allTextContents();

  const switchLanguage = async (to: 'English' | '中文') => {
    await page.getByRole('button', { name: to }).click();
    await page.waitForFunction((lang) => document.documentElement.lang === lang, to === 'English' ? 'en' : 'zh-CN');
  };

  const organizationRow = (id: string) => page.locator(`tr[data-organization="${id}"]`);

  // ---- signing in ---------------------------------------------------------------------------------------------------

  it('signs in as the operator with the keyboard alone, and moves between pages with it', async () => {
    await page.goto(platform.url);
    await page.getByRole('button', { name: '登录' }).waitFor();
    await screenshot(page, 'sign-in');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到主要内容');
    // The directory's first organisation (the platform) and its first role (operator) are preselected.
    for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.textContent)) !== '登录'; i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: '欢迎使用' }).waitFor();
    expect(await menu()).toEqual([
      '首页',
      '机构与权限',
      '信用信息目录',
      '惩戒措施与合作备忘录',
      '办理时限与数据质量看板',
      '平台状态',
    ]);
    await page.getByText('平台运营方', { exact: true }).first().waitFor();
    await screenshot(page, 'home');

    // The menu is reachable from the keyboard, and a new page takes the focus at its heading.
    for (let i = 0; i < 15 && (await page.evaluate(() => document.activeElement?.textContent)) !== '机构与权限'; i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: '机构与权限' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('page-title');
  });

  it('shows each role only the pages its API routes admit', async () => {
    await registerByApi({
      id: 'sz-justice',
      name: '深圳市司法局',
      uscc: '52440300MJL1234K7N',
      catalogueItems: ['administrative_penalty'],
    });

    await signIn({ org: 'sz-justice', role: 'provider' });
    expect(await menu()).toEqual(['首页', '信用信息目录', '提交信用记录', '文件导入', '本单位记录', '数据质量', '平台状态']);
    await page.getByRole('main').getByRole('link', { name: '提交信用记录' }).waitFor();
    await screenshot(page, 'home-provider');

    await signIn({ org: 'platform', role: 'auditor' });
    await open('organizations', '机构与权限');
    await page.getByRole('table').waitFor();
    expect(await page.getByRole('heading', { name: '登记新机构' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /修改权限/ }).count()).toBe(0);

    await signIn({ subject: '91440300MA5FXT4K8N' });
    expect(await menu()).toEqual(['首页', '本企业信用档案', '档案查询记录', '提出异议', '申请信用修复', '平台状态']);
    await page.getByText('信用主体（企业）').first().waitFor();
    await page.getByText('91440300MA5FXT4K8N').first().waitFor();
  });

  it('asks to sign in again when the platform refuses the token', async () => {
    await signIn({ org: 'platform', role: 'operator' });
    await page.evaluate(() => {
      const key = 'credit-share.console.session';
      const session = JSON.parse(sessionStorage.getItem(key)!) as { token: string };
      sessionStorage.setItem(key, JSON.stringify({ ...session, token: `${session.token.slice(0, -4)}AAAA` }));
    });
    await page.goto(`${platform.url}/#/organizations`);
    await page.reload();
    await page.getByText('登录已过期，请重新登录。').waitFor();
    await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
  });

  // ---- organisations ------------------------------------------------------------------------------------------------

  it('registers an organisation and shows it in the directory, with dates in the local format', async () => {
    await signIn({ org: 'platform', role: 'operator' });
    await open('organizations', '机构与权限');
    await page.getByLabel('机构名称').fill('深圳市市场监督管理局');
    await page.getByLabel('统一社会信用代码').fill('11440300690000015X');
    await page.getByLabel('机构类型').selectOption('government_department');
    await page.getByLabel('机构标识（选填）').fill('sz-amr');
    await page.getByLabel('行政处罚').check();
    await page.getByLabel('行政许可').check();
    await page.getByLabel('有条件共享').check();
    await page.getByRole('button', { name: '登记', exact: true }).click();

    await page.getByRole('status').filter({ hasText: '已登记：深圳市市场监督管理局' }).waitFor();
    const row = organizationRow('sz-amr');
    await row.waitFor();
    expect(await row.textContent()).toEqual(expect.stringContaining('深圳市市场监督管理局'));
    expect(await row.textContent()).toEqual(expect.stringContaining('11440300690000015X'));
    expect(await row.locator('td').nth(2).textContent()).toBe('行政许可行政处罚');
    expect(await row.locator('td').nth(3).textContent()).toBe('公开有条件共享');
    expect(await row.locator('time').textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    // The form is ready for the next one.
    expect(await page.getByLabel('机构名称').inputValue()).toBe('');
    await screenshot(page, 'organizations');

    await switchLanguage('English');
    expect(await organizationRow('sz-amr').locator('time').textContent()).toMatch(
      /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M$/,
    );
  });

  it("shows a wrong USCC's field error while it is typed, and submits nothing", async () => {
    await signIn({ org: 'platform', role: 'operator' });
    await open('organizations', '机构与权限');
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/v1/organizations')) posts.push(request.url());
    });
    const uscc = page.getByLabel('统一社会信用代码');

    // The last character is the GB 32100 check character: X, not A.
    await uscc.fill('11440300690000015A');
    await hasText(page.locator('#org-uscc-error'), '校验码不正确，应为 X。');
    expect(await uscc.getAttribute('aria-invalid')).toBe('true');
    expect(await uscc.getAttribute('aria-describedby')).toContain('org-uscc-error');
    await screenshot(page, 'organizations-uscc-error');

    await page.getByLabel('机构名称').fill('某某局');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '请更正标出的字段。' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('org-uscc');

    // A code that is merely incomplete is not an error while typing, only once the field is left.
    await uscc.fill('1144030069000001');
    await uscc.press('Tab');
    await hasText(page.locator('#org-uscc-error'), '应为 18 位，当前为 16 位。');
    await uscc.fill('9144 0300 MA5G Q2UB 9J');
    await hasText(page.locator('#org-uscc-error'), '');
    expect(await uscc.getAttribute('aria-invalid')).toBeNull();
    expect(posts).toEqual([]);
  });

  it("shows the platform's RFC 9457 field errors next to the fields they name", async () => {
    await registerByApi({
      id: 'sz-tax',
      name: '国家税务总局深圳市税务局',
      uscc: '11440300690000023Q',
      catalogueItems: ['tax_rating'],
    });
    await signIn({ org: 'platform', role: 'operator' });
    await open('organizations', '机构与权限');

    // The identifier's pattern is the platform's rule (errors[0].field = "id").
    await page.getByLabel('机构名称').fill('深圳市住房和建设局');
    await page.getByLabel('统一社会信用代码').fill('91110108MA01KP3B4Y');
    await page.getByLabel('机构标识（选填）').fill('Bad ID');
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/organizations'));
    await page.getByRole('button', { name: '登记', exact: true }).click();
    expect((await answer).status()).toBe(400);
    await hasText(page.locator('#org-id-error'), '只能使用 2 至 63 位小写字母、数字或连字符。');
    expect(await page.getByLabel('机构标识（选填）').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#org-uscc-error').textContent()).toBe('');

    // A USCC already registered: a conflict the platform reports for the request, shown at the USCC.
    await page.getByLabel('机构标识（选填）').fill('sz-housing');
    await page.getByLabel('统一社会信用代码').fill('11440300690000023Q');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await hasText(page.locator('#org-uscc-error'), '该统一社会信用代码已由其他机构登记。');
    expect(await page.locator('#org-id-error').textContent()).toBe('');
  });

  it("changes an organisation's permissions in a dialog", async () => {
    await registerByApi({
      id: 'sz-hrss',
      name: '深圳市人力资源和社会保障局',
      uscc: '91440300MA5GQ2UB9J',
      catalogueItems: ['administrative_license'],
    });
    await signIn({ org: 'platform', role: 'operator' });
    await open('organizations', '机构与权限');
    const row = organizationRow('sz-hrss');
    const edit = row.getByRole('button', { name: '修改权限 深圳市人力资源和社会保障局' });

    // Escape leaves without saving.
    await edit.click();
    const dialog = page.getByRole('dialog', { name: '修改权限：深圳市人力资源和社会保障局' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await edit.click();
    await dialog.getByLabel('行政处罚').check();
    await dialog.getByLabel('受限共享').check();
    await screenshot(page, 'organizations-permissions', { fullPage: false });
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: '已保存深圳市人力资源和社会保障局的权限（第 2 版）。' }).waitFor();
    await hasText(row.locator('td').nth(2), '行政许可行政处罚');
    await hasText(row.locator('td').nth(3), '公开受限共享');
    await hasText(row.locator('td').nth(4), '2');
    // The focus returns to where the user was.
    expect(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-organization'))).toBe('sz-hrss');
  });

  // ---- health -------------------------------------------------------------------------------------------------------

  it("shows the platform's health", async () => {
    await signIn({ org: 'platform', role: 'operator' });
    await open('health', '平台状态');
    await page.getByText('运行正常').waitFor();
    const rows = await page.getByRole('table').locator('tbody th').allTextContents();
    expect(rows).toEqual(
      expect.arrayContaining([
        '信用记录数据库',
        '联合监管数据库',
        '联动奖惩数据库',
        '信用档案数据库',
        '审计账本数据库',
        '审计账本完整性',
        '服务间消息传输',
      ]),
    );
    expect(await page.getByRole('table').locator('tbody tr').count()).toBe(7);
    await screenshot(page, 'health');
  });

  // ---- language, accessibility --------------------------------------------------------------------------------------

  it('switches every visible label between Chinese and English on every page', async () => {
    const checkBothLanguages = async (name: string) => {
      expect({ page: name, language: 'zh', wrong: await labelsInWrongLanguage(page) }).toEqual({
        page: name,
        language: 'zh',
        wrong: [],
      });
      await switchLanguage('English');
      expect({ page: name, language: 'en', wrong: await labelsInWrongLanguage(page) }).toEqual({
        page: name,
        language: 'en',
        wrong: [],
      });
      await screenshot(page, `${name}-en`);
      await switchLanguage('中文');
      expect({ page: name, language: 'zh', wrong: await labelsInWrongLanguage(page) }).toEqual({
        page: name,
        language: 'zh',
        wrong: [],
      });
    };

    await page.goto(platform.url);
    await page.getByRole('button', { name: '登录' }).waitFor();
    await checkBothLanguages('sign-in');
    await page.getByLabel('企业（信用主体）').check();
    await page.getByLabel('统一社会信用代码').fill('91440300MA5FXT4K8A');
    await page.locator('#sign-in-uscc-error').filter({ hasText: '校验码' }).waitFor();
    await checkBothLanguages('sign-in-subject');

    await signIn({ org: 'platform', role: 'operator' });
    await checkBothLanguages('home');

    await open('organizations', '机构与权限');
    await page.getByRole('table').waitFor();
    await page.getByLabel('统一社会信用代码').fill('11440300690000015A');
    await page.getByLabel('机构类型').selectOption('industry_association');
    await page.locator('#org-uscc-error').filter({ hasText: '校验码' }).waitFor();
    await checkBothLanguages('organizations');

    // The dialog is modal: the language is switched around it, not from inside it.
    const dialogIn = async (language: 'zh' | 'en') => {
      await organizationRow('platform').getByRole('button').click();
      await page.getByRole('dialog').waitFor();
      expect({ page: 'permissions', language, wrong: await labelsInWrongLanguage(page) }).toEqual({
        page: 'permissions',
        language,
        wrong: [],
      });
      if (language === 'en') await screenshot(page, 'organizations-permissions-en', { fullPage: false });
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
    };
    await dialogIn('zh');
    await switchLanguage('English');
    await dialogIn('en');
    await switchLanguage('中文');

    await open('health', '平台状态');
    await page.getByRole('table').waitFor();
    await checkBothLanguages('health');

    // The choice is remembered in this browser.
    await switchLanguage('English');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Platform health' }).waitFor();
  });

  it('keeps every text at the WCAG AA contrast minimum, and every page within a laptop screen, in both languages', async () => {
    const check = async (name: string) => {
      for (const language of ['中文', 'English'] as const) {
        if (language === 'English') await switchLanguage('English');
        expect({
          page: name,
          language,
          lowContrast: await textBelowContrastMinimum(page),
          overflow: await horizontalOverflow(page),
        }).toEqual({ page: name, language, lowContrast: [], overflow: 0 });
      }
      await switchLanguage('中文');
    };
    await page.goto(platform.url);
    await page.getByRole('button', { name: '登录' }).waitFor();
    await check('sign-in');
    await signIn({ org: 'platform', role: 'operator' });
    await check('home');
    await open('organizations', '机构与权限');
    await page.getByRole('table').waitFor();
    await page.getByLabel('统一社会信用代码').fill('11440300690000015A');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await check('organizations');
    await open('health', '平台状态');
    await page.getByRole('table').waitFor();
    await check('health');
  });
});
