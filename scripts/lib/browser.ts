// Headless Debian chromium for the Playground scripts (screenshot, end-to-end): a fresh profile each run
// and a page that reaches loopback only.
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const LOOPBACK = /^(https?|wss?):\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//;

/** launchPersistentContext is playwright's way to give chromium a user-data-dir (under `workDir`). */
export function launchChromium(workDir: string, viewport: { width: number; height: number }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(join(workDir, 'chromium'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A new page whose non-loopback requests are aborted; the returned set names the hosts it tried.
 * The Playground page asks an Office CDN for fonts and a script; it works with fallback fonts without them.
 */
export async function loopbackOnlyPage(browser: BrowserContext): Promise<{ page: Page; blocked: Set<string> }> {
  const page = await browser.newPage();
  const blocked = new Set<string>();
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (LOOPBACK.test(url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    blocked.add(new URL(url).host);
    return route.abort();
  });
  return { page, blocked };
}
