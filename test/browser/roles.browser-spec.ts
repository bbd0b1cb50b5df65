// Each role's main pages in a real browser (Debian's Chromium, headless, playwright-core) against the standalone
// platform with its real services: nothing is stubbed; data is set up through the platform's own API, as another
// system would. Every page is checked in both languages, and its screenshot taken.
import { readFile } from 'node:fs/promises';
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
        // Loaded: nothing says it is still loading (the alert stream stays open, so the network never idles).
        await page.waitForFunction(() => !document.querySelector('main')?.textContent?.includes('正在加载…'));
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

    // The record is among the provider's own, listed without asking for a subject first, published; the subject
    // filter stays an option; a correction makes version 2, the history kept.
    await openPage(page, 'records', '本单位记录');
    await page.locator('section[data-filter=""] tr[data-record]').first().waitFor();
    expect(await page.locator('section[data-filter=""] tr[data-record]').count()).toBe(1);
    await field(page, '按信用主体统一社会信用代码筛选').fill('91440300MA5H00001F');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    const row = page.locator('section[data-filter="91440300MA5H00001F"] tr[data-record]');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    await page.getByRole('button', { name: '显示全部记录' }).waitFor();
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
  /** A 双公示 penalty export (2019+ columns), as a provider's system writes it. */
  const PENALTY_COLUMNS = [
    'CF_XDR_MC',
    'CF_XDR_LB',
    'CF_XDR_SHXYM',
    'CF_WSH',
    'CF_WFXW',
    'CF_CFLB',
    'CF_SY',
    'CF_YJ',
    'CF_NR',
    'CF_NR_FK',
    'CF_JDRQ',
    'CF_YXQ',
    'CF_CFJG',
    'CF_CFJGDM',
    'CF_SJLY',
    'CF_SJLYDM',
  ];
  const penaltyRow = (over: Record<string, string> = {}) => {
    const row: Record<string, string> = {
      CF_XDR_MC: '深圳市前海某某科技有限公司',
      CF_XDR_LB: '法人及非法人组织',
      CF_XDR_SHXYM: '91440300MA5FXT4K8N',
      CF_WSH: '深市监罚〔2026〕101号',
      CF_WFXW: '虚假宣传',
      CF_CFLB: '罚款',
      CF_SY: '在其网站发布虚假广告',
      CF_YJ: '《中华人民共和国广告法》第五十五条',
      CF_NR: '罚款二万元',
      CF_NR_FK: '2',
      CF_JDRQ: '2026-03-10',
      CF_YXQ: '2027-03-10',
      CF_CFJG: '深圳市市场监督管理局',
      CF_CFJGDM: '11440300690000015X',
      CF_SJLY: '深圳市市场监督管理局',
      CF_SJLYDM: '11440300690000015X',
      ...over,
    };
    return PENALTY_COLUMNS.map((c) => row[c] ?? '');
  };
  const csvOf = (rows: string[][]) =>
    rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';

  it('imports a file as a provider: upload progress, the per-row report, and the rejected rows to fix and upload again', async () => {
    await register({
      id: 'sz-amr-import',
      name: '深圳市市场监督管理局',
      uscc: '11440300690000015X',
      catalogueItems: ['administrative_penalty'],
    });
    await signInAs(page, platform, { org: 'sz-amr-import', role: 'provider' });
    await openPage(page, 'import', '文件导入');

    const file = csvOf([
      PENALTY_COLUMNS,
      penaltyRow(),
      penaltyRow({ CF_WSH: '深市监罚〔2026〕102号', CF_XDR_SHXYM: '91440300MA5FXT4K8A' }),
      penaltyRow({ CF_WSH: '' }),
      penaltyRow({
        CF_WSH: '深市监罚〔2026〕104号',
        CF_XDR_MC: '深圳市南山某某贸易有限公司',
        CF_XDR_SHXYM: '91440300MA5H00001F',
      }),
    ]);
    // Submitting without a file names the field.
    await page.getByRole('button', { name: '上传并导入' }).click();
    await hasText(page.locator('#import-file-error'), '请选择要导入的文件。');

    await field(page, '文件').setInputFiles({ name: 'penalties-2026-03.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    // Rows of this export carry no severity: the form's default applies to them.
    await field(page, '默认严重程度').selectOption('general');
    await page.getByRole('button', { name: '上传并导入' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await page.locator('#import-progress').getAttribute('value')).toBe('100');
    await hasText(report.getByRole('status'), '已接收 2 行 已拒收 2 行');
    // The rows as numbered in the file: the header is row 1.
    expect(
      await report.locator('tbody tr[data-row]').evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-row')))]),
    ).toEqual(['3', '4']);
    expect(await report.locator('tr[data-row="3"]').textContent()).toContain('CF_XDR_SHXYM');
    expect(await report.locator('tr[data-row="4"]').textContent()).toContain('CF_WSH');
    await screenshot(page, 'import');

    // The rejected rows, unchanged under the same header, ready to fix and upload again.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载被拒收的行（可修改后重新导入）' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('penalties-2026-03-rejected.csv');
    const text = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    expect(text).toBe(
      csvOf([
        PENALTY_COLUMNS,
        penaltyRow({ CF_WSH: '深市监罚〔2026〕102号', CF_XDR_SHXYM: '91440300MA5FXT4K8A' }),
        penaltyRow({ CF_WSH: '' }),
      ]),
    );
    noWrongLabels(await wrongLabelsInBothLanguages(page, 'import', 'import-en'));

    // The accepted records are the provider's own records now.
    await openPage(page, 'records', '本单位记录');
    await page.getByLabel('按信用主体统一社会信用代码筛选').fill('91440300MA5FXT4K8N');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    const rows = page.locator('section[data-filter="91440300MA5FXT4K8N"] tr[data-record]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('公示中');
    await screenshot(page, 'records');
  });

  // ---- regulator, enforcement team, subject ----------------------------------------------------------------------

  /** A serious penalty about `uscc`, submitted by `org`'s provider through the API, as its own system would. */
  const submitPenalty = async (
    org: { id: string; uscc: string },
    subject: { uscc: string; name: string },
    number: string,
    severity: 'serious' | 'general' = 'serious',
  ) => {
    const answer = await callApi<{ id: string }>(
      platform,
      'POST',
      '/api/v1/records',
      {
        kind: 'administrative_penalty',
        subject: { name: subject.name, uscc: subject.uscc },
        decisionDocumentNumber: number,
        legalBasis: '《中华人民共和国产品质量法》第四十九条',
        content: '没收违法生产的产品，罚款十万元',
        category: '罚款',
        decisionDate: '2026-05-06',
        validUntil: '2027-05-06',
        decidingAuthority: { name: '深圳市市场监督管理局', uscc: org.uscc },
        sourceOrganization: { name: '深圳市市场监督管理局', uscc: org.uscc },
        severity,
        fineAmountYuan: 100000,
      },
      await devToken(platform, { org: org.id, role: 'provider' }),
    );
    expect([200, 201]).toContain(answer.status);
    return answer.body.id;
  };

  it('finds a subject by part of its name, opens its profile for a stated purpose, as it stands and as it stood (regulator)', async () => {
    const org = { id: 'sz-amr-reg', uscc: '114403006900000073' };
    const subject = { uscc: '91440300000000019B', name: '深圳市宝安某某电子有限公司' };
    await register({ ...org, name: '深圳市市场监督管理局（监管）', catalogueItems: ['administrative_penalty'] });
    const recordId = await submitPenalty(org, subject, '深市监罚〔2026〕301号');
    const regulator = await devToken(platform, { org: org.id, role: 'regulator' });
    // Joint supervision grades the subject once it has heard of the record.
    await waitFor(
      async () => (await callApi(platform, 'GET', `/api/v1/subjects/${subject.uscc}/grade`, undefined, regulator)).status === 200,
      {
        description: 'the subject graded',
      },
    );

    await signInAs(page, platform, { org: org.id, role: 'regulator' });
    await openPage(page, 'profiles', '信用档案查询');
    // One character of a name is too little to search for.
    await field(page, '统一社会信用代码或名称').fill('宝');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await hasText(page.locator('#profiles-subject-error'), '名称至少输入两个字。');
    // Part of the name; no purpose, no query.
    await field(page, '统一社会信用代码或名称').fill('宝安某某电子');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await hasText(page.locator('#profiles-purpose-error'), '须说明查询用途。');
    await field(page, '查询用途').selectOption('inspection');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    // The matches to pick from (identity only); the pick opens the profile with the stated purpose.
    const match = page.getByTestId('profile-matches').locator(`li[data-subject="${subject.uscc}"]`);
    await match.waitFor();
    expect(await match.textContent()).toContain(subject.name);
    noWrongLabels(await wrongLabelsInBothLanguages(page, 'profile-matches'));
    await match.getByRole('button').click();
    const profile = page.getByTestId('profile');
    await profile.locator(`li[data-record="${recordId}"]`).waitFor();
    await profile.getByRole('heading', { name: subject.name }).waitFor();
    await profile.locator('.grade').waitFor();
    expect(await profile.locator(`li[data-record="${recordId}"]`).textContent()).toContain('行政处罚');
    await screenshot(page, 'profile');
    noWrongLabels(await wrongLabelsInBothLanguages(page, 'profile', 'profile-en'));

    // A USCC goes straight to the profile: as it stood before the record was published, no records.
    await field(page, '统一社会信用代码或名称').fill(subject.uscc);
    await field(page, '查看某日的档案（选填）').fill('2026-01-05');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await waitFor(async () => (await profile.locator('li[data-record]').count()) === 0, {
      description: 'the profile as of 5 January',
    });
  });

  it('receives an alert live when a listing is decided, and closes it with feedback in two clicks (enforcement team)', async () => {
    const org = { id: 'sz-amr-enf', uscc: '914403000000000276' };
    const subject = { uscc: '914403000000000351', name: '深圳市龙岗某某建材有限公司' };
    await register({ ...org, name: '深圳市市场监督管理局（执法）', catalogueItems: ['administrative_penalty'] });
    const operator = await devToken(platform, { org: 'platform', role: 'operator' });
    // The organisation reaches enforcement coordination's copy of the directory through the transport, after its
    // registration answered: until then the measure is refused for naming an unknown implementing organisation.
    const measure = await waitFor(
      async () => {
        const answer = await callApi<{ id: string }>(
          platform,
          'POST',
          '/api/v1/measures',
          {
            id: 'procurement-exclusion',
            content: '限制参与政府采购活动',
            target: '严重失信主体',
            legalBasis: '《政府采购法》第二十二条',
            implementingOrg: org.id,
          },
          operator,
        );
        return [200, 201].includes(answer.status) ? answer : undefined;
      },
      { timeoutMs: 20_000, description: 'the measure to be registered once enforcement coordination knows the organisation' },
    );
    const memorandum = await callApi(
      platform,
      'POST',
      '/api/v1/memoranda',
      { listType: 'serious_dishonesty', measureIds: [measure.body.id] },
      operator,
    );
    expect([200, 201]).toContain(memorandum.status);
    const recordId = await submitPenalty(org, subject, '深市监罚〔2026〕401号');
    const regulator = await devToken(platform, { org: org.id, role: 'regulator' });
    let listingId = '';
    await waitFor(
      async () => {
        const proposed = await callApi<{ id: string }>(
          platform,
          'POST',
          '/api/v1/listings',
          {
            uscc: subject.uscc,
            listType: 'serious_dishonesty',
            basisRecordIds: [recordId],
            legalBasis: '《严重失信主体名单管理办法》第八条',
          },
          regulator,
        );
        listingId = proposed.body?.id ?? '';
        return proposed.status < 300;
      },
      { description: 'the listing proposed once joint supervision knows the record' },
    );
    const waiver = await callApi(
      platform,
      'POST',
      `/api/v1/listings/${listingId}/waiver`,
      {},
      await devToken(platform, { subject: subject.uscc }),
    );
    expect(waiver.status).toBe(200);

    await signInAs(page, platform, { org: org.id, role: 'enforcer' });
    await openPage(page, 'alerts', '联动预警');
    await page.getByText('实时接收中').waitFor();

    // The regulator decides; the alert arrives on the open page, without a reload.
    const decided = await callApi(
      platform,
      'POST',
      `/api/v1/listings/${listingId}/decision`,
      { outcome: 'listed', reason: '经认定属严重失信' },
      regulator,
    );
    expect(decided.status).toBe(200);
    const row = page.locator('tr[data-alert]').filter({ hasText: subject.uscc });
    await row.waitFor();
    expect(await row.textContent()).toContain('限制参与政府采购活动');
    expect(await row.textContent()).toContain('待确认');
    await screenshot(page, 'alerts');

    // Two clicks: acknowledge, then send the feedback (applied, with the stock reason).
    await row.getByRole('button', { name: /^确认收到/ }).click();
    await row.getByRole('button', { name: /^提交反馈/ }).click();
    await hasText(row.locator('td .badge').last(), '已反馈');
    const alertId = await row.getAttribute('data-alert');
    const stored = await callApi<{ status: string; outcome: string }>(
      platform,
      'GET',
      `/api/v1/alerts/${alertId}`,
      undefined,
      await devToken(platform, { org: org.id, role: 'enforcer' }),
    );
    expect({ status: stored.body.status, outcome: stored.body.outcome }).toEqual({ status: 'closed', outcome: 'applied' });
    noWrongLabels(await wrongLabelsInBothLanguages(page, 'alerts', 'alerts-en'));

    // The listing is removed: a release alert arrives live, and the team confirms the release.
    const removed = await callApi(
      platform,
      'POST',
      `/api/v1/listings/${listingId}/removal`,
      { reason: '依法撤销认定' },
      regulator,
    );
    expect(removed.status).toBe(200);
    const release = page.locator('tr[data-alert]').filter({ hasText: '解除' });
    await release.waitFor();
    await release.getByRole('button', { name: /^确认收到/ }).click();
    await release.getByRole('button', { name: /^确认已解除/ }).click();
    await hasText(release.locator('td .badge').last(), '已反馈');

    // The operator's dashboard counts it.
    await signInAs(page, platform, { org: 'platform', role: 'operator' });
    await openPage(page, 'dashboards', '办理时限与数据质量看板');
    await page.locator('#sla-caption').waitFor();
    await screenshot(page, 'dashboards');
  });

  it('shows the enterprise who looked at its profile and why (subject)', async () => {
    const org = { id: 'sz-amr-subj', uscc: '91440300000000043U' };
    const subject = { uscc: '91440300000000051N', name: '深圳市罗湖某某商贸有限公司' };
    await register({ ...org, name: '深圳市市场监督管理局（查询）', catalogueItems: ['administrative_penalty'] });
    await submitPenalty(org, subject, '深市监罚〔2026〕501号');
    const regulator = await devToken(platform, { org: org.id, role: 'regulator' });
    // Credit profiles hears of the record through the transport; the regulator's query is logged once it is served.
    await waitFor(
      async () =>
        (
          await callApi(
            platform,
            'GET',
            `/api/v1/profiles/${subject.uscc}?purpose=administrative_licensing`,
            undefined,
            regulator,
          )
        ).status === 200,
      { description: 'the profile served' },
    );

    await signInAs(page, platform, { subject: subject.uscc });
    await openPage(page, 'access-log', '档案查询记录');
    const entry = page.locator('tbody tr').filter({ hasText: '行政许可' });
    await entry.first().waitFor();
    expect(await entry.first().textContent()).toContain(org.id);
    await screenshot(page, 'access-log');
    noWrongLabels(await wrongLabelsInBothLanguages(page, 'access-log', 'access-log-en'));

    await openPage(page, 'my-profile', '本企业信用档案');
    await page.getByTestId('profile').locator('li[data-record]').first().waitFor();
  });

  it('takes a listing through due process and decides an objection in the pages of the regulator and the subject', async () => {
    const org = { id: 'sz-amr-dp', uscc: '114403006900000666' };
    const subject = { uscc: '91440300000000078E', name: '深圳市盐田某某物流有限公司' };
    await register({ ...org, name: '深圳市市场监督管理局（认定）', catalogueItems: ['administrative_penalty'] });
    const basis = await submitPenalty(org, subject, '深市监罚〔2026〕601号');
    const disputed = await submitPenalty(org, subject, '深市监罚〔2026〕602号');
    const regulator = await devToken(platform, { org: org.id, role: 'regulator' });
    await waitFor(
      async () => (await callApi(platform, 'GET', `/api/v1/subjects/${subject.uscc}/grade`, undefined, regulator)).status === 200,
      {
        description: 'joint supervision knows the records',
      },
    );

    // The regulator proposes the listing in its page.
    await signInAs(page, platform, { org: org.id, role: 'regulator' });
    await openPage(page, 'listings', '名单认定');
    await field(page, '统一社会信用代码').first().fill(subject.uscc);
    await field(page, '依据的信用记录编号').fill(basis);
    await field(page, '法律依据').fill('《严重失信主体名单管理办法》第八条');
    await field(page, '认定理由（选填）').fill('一年内两次严重违法');
    await page.getByRole('button', { name: '提出', exact: true }).click();
    const card = page.locator('.listing-card');
    await card.getByText('已告知，陈述申辩期内').waitFor();
    const listingId = (await card.getAttribute('data-listing'))!;
    // Before the window closes, no decision (the platform refuses it).
    await field(page, '理由').fill('经认定属严重失信');
    await page.getByRole('button', { name: '作出决定' }).click();
    await card.getByRole('alert').waitFor();

    // The subject reads the notice, files an objection against the other record, and waives the window.
    await signInAs(page, platform, { subject: subject.uscc });
    await openPage(page, 'my-profile', '本企业信用档案');
    const notice = page.locator(`.notice-card[data-listing="${listingId}"]`);
    await notice.getByText('一年内两次严重违法').waitFor();
    await screenshot(page, 'my-profile');
    await openPage(page, 'objection', '提出异议');
    await field(page, '涉及的信用记录').selectOption(disputed);
    await field(page, '异议理由').selectOption('wrong_facts');
    await field(page, '具体说明').fill('罚款金额与决定书不符');
    await page.getByRole('button', { name: '提交异议' }).click();
    await page.getByRole('status').filter({ hasText: '异议已提交' }).waitFor();
    await openPage(page, 'my-profile', '本企业信用档案');
    await notice.getByRole('button', { name: '放弃陈述申辩' }).click();
    await notice.getByRole('button', { name: '确定放弃' }).click();
    await notice.getByText('主体已放弃陈述申辩').waitFor();

    // The regulator decides the listing, then the objection.
    await signInAs(page, platform, { org: org.id, role: 'regulator' });
    await openPage(page, 'listings', '名单认定');
    await field(page, '名单事项编号').fill(listingId);
    await page.getByRole('button', { name: '打开', exact: true }).first().click();
    await card.getByText('主体已放弃陈述申辩').waitFor();
    await field(page, '理由').fill('经认定属严重失信');
    await page.getByRole('button', { name: '作出决定' }).click();
    await card.getByText('已列入', { exact: true }).waitFor();
    await screenshot(page, 'listings');

    await openPage(page, 'cases', '异议与信用修复办理');
    const objection = page.locator('li.case').filter({ hasText: subject.name });
    await objection.waitFor();
    await screenshot(page, 'cases');
    await objection.getByLabel(/^决定/).selectOption('upheld');
    await objection.getByLabel(/^理由/).fill('经核实罚款金额录入有误');
    await objection.getByRole('button', { name: '作出决定' }).click();
    await objection.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: '已作出决定。' }).waitFor();

    // The embedded check answers for the subject (logged like a profile query).
    await openPage(page, 'check', '嵌入式核查');
    await field(page, '统一社会信用代码').fill(subject.uscc);
    await page.getByRole('button', { name: '核查', exact: true }).click();
    await page.getByTestId('check-result').waitFor();
  });

  it('applies for credit repair with the checklist, and the regulator approves it (subject, regulator)', async () => {
    const org = { id: 'sz-amr-rep', uscc: '114403006900000741' };
    const subject = { uscc: '914403000000000869', name: '深圳市光明某某食品有限公司' };
    await register({ ...org, name: '深圳市市场监督管理局（修复）', catalogueItems: ['administrative_penalty'] });
    // A general penalty decided in May: repairable after three months.
    const recordId = await submitPenalty(org, subject, '深市监罚〔2026〕701号', 'general');

    await signInAs(page, platform, { subject: subject.uscc });
    await openPage(page, 'repair', '申请信用修复');
    await field(page, '涉及的信用记录').locator(`option[value="${recordId}"]`).waitFor({ state: 'attached' });
    await field(page, '涉及的信用记录').selectOption(recordId);
    await field(page, '信用承诺').fill('本企业承诺依法诚信经营，不再发生同类违法行为。');
    await field(page, '履行义务的证明材料').fill('罚款缴款凭证 SZ2026-0612-001\n整改报告 2026-06-20');
    // Not every item ticked: nothing is sent.
    await page.getByLabel('已履行行政处罚等法定义务').check();
    await page.getByRole('button', { name: '提交修复申请' }).click();
    await hasText(page.locator('#repair-checklist-error'), '请确认全部事项。');
    for (const item of ['违法行为已整改完毕', '已作出信用承诺', '所提交材料真实有效']) await page.getByLabel(item).check();
    await screenshot(page, 'repair');
    await page.getByRole('button', { name: '提交修复申请' }).click();
    await page.getByRole('status').filter({ hasText: '修复申请已提交' }).waitFor();

    await signInAs(page, platform, { org: org.id, role: 'regulator' });
    await openPage(page, 'cases', '异议与信用修复办理');
    const application = page.locator('li.case').filter({ hasText: subject.name });
    await application.waitFor();
    expect(await application.textContent()).toContain('罚款缴款凭证 SZ2026-0612-001');
    await application.getByLabel(/^决定/).selectOption('approved');
    await application.getByLabel(/^理由/).fill('已履行义务并完成整改');
    await application.getByRole('button', { name: '作出决定' }).click();
    await application.waitFor({ state: 'detached' });
  });

  it('registers a measure and adopts a memorandum in the page (operator)', async () => {
    await register({ id: 'sz-finance', name: '深圳市财政局', uscc: '914403000000000944', catalogueItems: [] });
    await signInAs(page, platform, { org: 'platform', role: 'operator' });
    await openPage(page, 'measures', '惩戒措施与合作备忘录');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await hasText(page.locator('#measure-content-error'), '此项为必填项。');
    await field(page, '措施内容').fill('限制获得财政资金支持');
    await field(page, '实施对象').fill('严重失信主体');
    await field(page, '法律依据').fill('《关于建立完善守信联合激励和失信联合惩戒制度的指导意见》');
    await field(page, '实施单位标识').fill('sz-finance');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '措施已登记。' }).waitFor();
    const measure = page.locator('tr[data-measure]').filter({ hasText: '限制获得财政资金支持' });
    await measure.waitFor();

    await field(page, '备忘录名称（选填）').fill('财政资金联合惩戒备忘录');
    await page
      .locator('#memorandum-measures')
      .getByLabel(/限制获得财政资金支持/)
      .check();
    await page.getByRole('button', { name: '签署', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '备忘录已生效。' }).waitFor();
    await page.getByText('财政资金联合惩戒备忘录').waitFor();
    await screenshot(page, 'measures');
    noWrongLabels(await wrongLabelsInBothLanguages(page, 'measures', 'measures-en'));
  });
});
