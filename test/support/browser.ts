import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (`.ci/run` installs it when missing), or the one CHROMIUM_PATH names. */
export const chromiumPath = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
].find((path): path is string => path !== undefined && existsSync(path));
if (!chromiumPath && process.env.CI)
  throw new Error('CI needs Chromium for the browser tests: apt-get install chromium');

/** Where the browser tests leave their screenshots (git-ignored). */
export const BROWSER_ARTIFACTS = join(process.cwd(), 'test-artifacts', 'browser');

export async function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error('no Chromium: apt-get install chromium, or set CHROMIUM_PATH');
  mkdirSync(BROWSER_ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
}

/** A page the size of a laptop screen, whose steps fail within a test's time and whose script errors fail it. */
export async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  page.setDefaultTimeout(8_000);
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(url);
  return page;
}

/** Saves what the page shows now as `<prefix>-<nn>-<name>.png`, numbering the shots of one file in order. */
export function screenshots(page: () => Page, prefix: string) {
  let step = 0;
  return async (name: string) => {
    step++;
    await page().screenshot({
      path: join(BROWSER_ARTIFACTS, `${prefix}-${String(step).padStart(2, '0')}-${name}.png`),
    });
  };
}
