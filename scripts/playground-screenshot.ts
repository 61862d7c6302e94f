// Screenshot of the bot's help card inside the Microsoft 365 Agents Playground, taken headless with
// playwright-core and Debian's chromium: `npx tsx scripts/playground-screenshot.ts [out.png]`.
// Starts its own bot (temp SQLite) and Playground on loopback, and lets the browser reach loopback only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { startPlayground } from './lib/playground.js';

const out = process.argv[2] ?? fileURLToPath(new URL('../docs/playground-help-card.png', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'samverkansbot-screenshot-'));
const LOOPBACK = /^(https?|wss?):\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//;

const playground = await startPlayground({
  botPort: 3988,
  playgroundPort: 56160,
  botEnv: { DATABASE_URL: `file:${join(work, 'bot.db')}`, LOG_LEVEL: 'warn' },
  logFile: join(work, 'playground.log'),
  stdio: 'ignore',
});
try {
  // A fresh profile each run: launchPersistentContext is playwright's way to give chromium a user-data-dir.
  const browser = await chromium.launchPersistentContext(join(work, 'chromium'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 1000 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    await takeScreenshot(browser);
  } finally {
    await browser.close();
  }
} finally {
  await playground.stop();
  rmSync(work, { recursive: true, force: true });
}

async function takeScreenshot(browser: BrowserContext): Promise<void> {
  const page = await browser.newPage();
  const blocked = new Set<string>();
  // The page asks an Office CDN for fonts and a script; it works with fallback fonts without them.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (LOOPBACK.test(url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    blocked.add(new URL(url).host);
    return route.abort();
  });
  await page.goto(playground.url, { waitUntil: 'domcontentloaded' });
  const compose = page.getByRole('textbox').last();
  await compose.waitFor({ timeout: 30_000 });
  await compose.fill('hjälp');
  await compose.press('Enter');
  await page.getByText('Det här kan jag', { exact: true }).last().waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Visa planen' }).last().scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  await page.screenshot({ path: out });
  console.log(`Wrote ${out}${blocked.size ? ` (blocked non-loopback hosts: ${[...blocked].join(', ')})` : ''}`);
}
