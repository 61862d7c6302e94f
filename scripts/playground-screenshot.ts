// Screenshot of the bot's help card inside the Microsoft 365 Agents Playground, taken headless with
// playwright-core and Debian's chromium: `npx tsx scripts/playground-screenshot.ts [out.png]`.
// Starts its own bot (temp SQLite) and Playground on loopback, and lets the browser reach loopback only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext } from 'playwright-core';
import { launchChromium, loopbackOnlyPage } from './lib/browser.js';
import { startPlayground } from './lib/playground.js';

const out = process.argv[2] ?? fileURLToPath(new URL('../docs/playground-help-card.png', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'samverkansbot-screenshot-'));

const playground = await startPlayground({
  botPort: 3988,
  playgroundPort: 56160,
  botEnv: { DATABASE_URL: `file:${join(work, 'bot.db')}`, LOG_LEVEL: 'warn' },
  logFile: join(work, 'playground.log'),
  stdio: 'ignore',
});
try {
  const browser = await launchChromium(work, { width: 1280, height: 1000 });
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
  const { page, blocked } = await loopbackOnlyPage(browser);
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
