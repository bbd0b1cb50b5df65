// What the browser tests share: the standalone platform as a process (free ports, its own DATA_DIR), Debian's
// Chromium driven by playwright-core, screenshots, and two page-wide checks — labels in the wrong language and text
// below the WCAG contrast minimum.
import { freePort, ServiceProcess } from '@credit-share/local-infra';
import { chmodSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitFor } from '@credit-share/testing';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Headless, no sandbox (tests run as root in CI), and nothing that phones home: the machines' network is closed, and
 * Chromium's background connections would only fail (docs: the machine notes on Chromium).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** A laptop screen. */
export const VIEWPORT = { width: 1366, height: 768 };

const SCREENSHOT_DIR = resolve(__dirname, '..', '..', 'docs', 'screenshots');

export interface Platform {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startPlatform(env: Record<string, string> = {}): Promise<Platform> {
  const base = process.env['CREDIT_SHARE_BROWSER_DIR'] ?? tmpdir();
  const dataDir = mkdtempSync(join(base, 'platform-'));
  chmodSync(dataDir, 0o755);
  const platform = new ServiceProcess({
    app: 'standalone',
    port: await freePort(),
    env: { DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()), LOG_LEVEL: 'warn', ...env },
    logFile: join(dataDir, 'standalone.log'),
    readyTimeoutMs: 120_000,
  });
  await platform.start();
  return { url: platform.url, dataDir, stop: () => platform.stop() };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

/**
 * Saves a screenshot of the page. Into docs/screenshots/ (the README shows them) when UPDATE_SCREENSHOTS=1, otherwise
 * into a temporary directory, so a test run leaves the committed pictures alone.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  const dir =
    process.env['UPDATE_SCREENSHOTS'] === '1'
      ? SCREENSHOT_DIR
      : join(process.env['CREDIT_SHARE_BROWSER_DIR'] ?? tmpdir(), 'screenshots');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
  return file;
}

/**
 * Visible labels (text, and the accessible names and hints in aria-label, title, placeholder, alt and select options)
 * that are not in the page's language: Latin letters on a Chinese page, Chinese characters on an English page.
 * Values from the data are exempt where the console marks them — `translate="no"` (names, codes) or a `lang` of
 * their own (the language switch, messages quoted from the platform).
 */
export function labelsInWrongLanguage(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pageLanguage = document.documentElement.lang;
    const wrong = pageLanguage.startsWith('zh') ? /[A-Za-z]/ : /[\u2E80-\u9FFF\u3000-\u303F\uFF00-\uFFEF]/;
    const exempt = (element: Element): boolean => {
      if (element.closest('[translate="no"]')) return true;
      const tagged = element.closest('[lang]');
      return tagged !== null && tagged !== document.documentElement && tagged.getAttribute('lang') !== pageLanguage;
    };
    const visible = (element: Element): boolean =>
      element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) || element instanceof HTMLOptionElement;
    const found: string[] = [];
    if (wrong.test(document.title)) found.push(`title: ${document.title}`);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('script, style, noscript')) continue;
      if (!visible(parent) || exempt(parent)) continue;
      if (parent instanceof HTMLOptionElement && !parent.closest('select')?.checkVisibility()) continue;
      if (wrong.test(text)) found.push(`<${parent.tagName.toLowerCase()}> ${text}`);
    }
    for (const element of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      if (!visible(element) || exempt(element)) continue;
      for (const attribute of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = element.getAttribute(attribute);
        if (value && wrong.test(value)) found.push(`<${element.tagName.toLowerCase()} ${attribute}> ${value}`);
      }
    }
    return found;
  });
}

/** Text whose contrast with its background is below WCAG 2.2 AA (4.5:1, or 3:1 for large text). */
export function textBelowContrastMinimum(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgba = (css: string): [number, number, number, number] => {
      const m = /rgba?\(([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+%?))?\)/.exec(css);
      if (!m) return [0, 0, 0, 0];
      const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
      return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
    };
    const luminance = ([r, g, b]: number[]) => {
      const channel = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
    };
    /** The colour behind an element: its own background, or its ancestors', composited down to white. */
    const background = (element: Element | null): number[] => {
      const layers: Array<[number, number, number, number]> = [];
      for (let e = element; e; e = e.parentElement) {
        const colour = rgba(getComputedStyle(e).backgroundColor);
        if (colour[3] > 0) layers.push(colour);
        if (colour[3] >= 1) break;
      }
      let result = [255, 255, 255];
      for (const [r, g, b, a] of layers.reverse())
        result = [r * a + result[0]! * (1 - a), g * a + result[1]! * (1 - a), b * a + result[2]! * (1 - a)];
      return result;
    };
    const found = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const element = node.parentElement;
      if (!text || !element || element.closest('script, style, noscript, option')) continue;
      if (!element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      // Inactive controls are exempt (WCAG 1.4.3).
      if (element.closest('button:disabled, input:disabled + span')) continue;
      const style = getComputedStyle(element);
      if (style.clip === 'rect(0px, 0px, 0px, 0px)' || element.closest('.visually-hidden')) continue;
      const fg = rgba(style.color);
      const bg = background(element);
      const fgOnBg = [
        fg[0] * fg[3] + bg[0]! * (1 - fg[3]),
        fg[1] * fg[3] + bg[1]! * (1 - fg[3]),
        fg[2] * fg[3] + bg[2]! * (1 - fg[3]),
      ];
      const [l1, l2] = [luminance(fgOnBg), luminance(bg)].sort((a, b) => b - a);
      const ratio = (l1! + 0.05) / (l2! + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) found.add(`${text.slice(0, 40)} (${ratio.toFixed(2)}:1)`);
    }
    return [...found];
  });
}

/** Waits until the element's text is exactly `expected` (the page updates asynchronously). */
export async function hasText(locator: Locator, expected: string): Promise<void> {
  let seen: string | null = null;
  await waitFor(
    async () => {
      seen = await locator.textContent({ timeout: 1_000 }).catch(() => null);
      return seen === expected;
    },
    { description: `text "${expected}" in ${locator.toString()} (seen: ${JSON.stringify(seen)})` },
  );
}

/** Exceptions thrown in the page and Content-Security-Policy violations, collected for the test to assert none. */
export function watchForPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) errors.push(message.text());
  });
  return errors;
}

/**
 * How many pixels the page, or a table in it, is wider than its room (0 when everything fits: no sideways scrolling
 * on a laptop screen).
 */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.max(
      0,
      document.documentElement.scrollWidth - window.innerWidth,
      ...[...document.querySelectorAll('.table-frame')].map((frame) => frame.scrollWidth - frame.clientWidth),
    ),
  );
}

// ---- what the role tests share: signing in through the page, moving between pages, the language switch ----------

/** Calls the platform's API directly (setting up data the way another system would). */
export async function callApi<T>(
  platform: Platform,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${platform.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A development token, as the sign-in page gets one. */
export async function devToken(platform: Platform, who: { org: string; role: string } | { subject: string }): Promise<string> {
  const body = 'subject' in who ? { role: 'subject', subject: who.subject } : who;
  const answer = await callApi<{ token: string }>(platform, 'POST', '/api/v1/dev/tokens', body);
  if (answer.status >= 300) throw new Error(`dev token for ${JSON.stringify(who)}: HTTP ${answer.status}`);
  return answer.body.token;
}

/** Signs in through the sign-in page, as `role` of `org` or as an enterprise by its USCC. */
export async function signInAs(
  page: Page,
  platform: Platform,
  who: { org: string; role: string } | { subject: string },
): Promise<void> {
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
}

/** Follows the menu link to a page and waits for its heading. */
export async function openPage(page: Page, pageId: string, link: string, heading: string = link): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
  await page.waitForURL(`**/#/${pageId}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

export async function switchLanguageTo(page: Page, to: 'English' | '中文'): Promise<void> {
  await page.getByRole('button', { name: to }).click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, to === 'English' ? 'en' : 'zh-CN');
}

/** Labels in the wrong language in Chinese, then in English, then in Chinese again (the page is left in Chinese). */
export async function wrongLabelsInBothLanguages(
  page: Page,
  name: string,
  screenshotName?: string,
): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  found[`${name}/zh`] = await labelsInWrongLanguage(page);
  await switchLanguageTo(page, 'English');
  found[`${name}/en`] = await labelsInWrongLanguage(page);
  if (screenshotName) await screenshot(page, screenshotName);
  await switchLanguageTo(page, '中文');
  found[`${name}/zh again`] = await labelsInWrongLanguage(page);
  return found;
}
