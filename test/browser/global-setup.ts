// Browser tests drive the built console (dist/) in Debian's Chromium against the standalone platform, which each
// test file starts as a process of its own. Setup once: build, find Chromium, make a directory for the platforms.
import { projectRoot } from '@credit-share/local-infra';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM } from './support';

export default async function globalSetup(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  execFileSync(process.execPath, [join(projectRoot(), 'scripts', 'build.js')], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'credit-share-browser-'));
  chmodSync(dir, 0o755); // the embedded PostgreSQL runs as the postgres user when tests run as root
  process.env['CREDIT_SHARE_BROWSER_DIR'] = dir;
  (globalThis as Record<string, unknown>)['__creditShareBrowserDir'] = dir;
}
