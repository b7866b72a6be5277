/**
 * Screenshots from the Microsoft 365 Agents Playground for docs/ (issue 11): a plain-English question answered, an
 * ambiguous request answered with a choice card, the welcome card. Needs a running `npm start` (sandbox) with its
 * Playground; only talks to localhost.
 *   PLAYGROUND_URL=http://localhost:56150 npx tsx scripts/screenshot-playground.ts [explore]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/helpers/browser.js';

const url = process.env.PLAYGROUND_URL ?? 'http://localhost:56150';
const dir = mkdtempSync(join(tmpdir(), 'palisade-playground-'));
const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1100, height: 900 } });
// the Playground is local; nothing else may load
await context.route(/^(https?|wss?):/, (route) => (/^(https?|wss?):\/\/(localhost|127\.0\.0\.1)[:/]/.test(route.request().url()) ? route.continue() : route.abort()));

async function say(page: Page, text: string): Promise<void> {
  const box = page.locator('[contenteditable="true"]').first();
  await box.click();
  await box.pressSequentially(text);
  await page.keyboard.press('Enter');
}

/** Waits until the page shows the text (a reply arrived), then a moment for the card to lay out. */
async function waitForText(page: Page, text: string | RegExp, timeoutMs = 60_000): Promise<void> {
  await page.getByText(text).last().waitFor({ timeout: timeoutMs });
  await page.waitForTimeout(500);
}

try {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'networkidle' });
  if (process.argv[2] === 'explore') {
    writeFileSync('/tmp/playground.png', await page.screenshot());
    writeFileSync('/tmp/playground.html', await page.content());
  } else {
    // a fresh install: the Playground sends installationUpdate(add) and conversationUpdate; one welcome comes back
    for (const item of ['Uninstall application', 'Install application', 'Add application']) {
      await page.getByText('Mock an Activity').click();
      await page.getByText(item, { exact: true }).click();
      await page.getByRole('button', { name: 'Send activity' }).click();
      await page.waitForTimeout(1500);
    }
    await waitForText(page, /Hi, I am Palisade/);
    writeFileSync('docs/playground-welcome.png', await page.screenshot());
    await say(page, 'who can reach the control plane on the prod cluster?');
    await waitForText(page, /Read as: .?ip ranges on aks-prod/);
    writeFileSync('docs/playground-question.png', await page.screenshot());
    await say(page, 'open up ratings-web');
    await waitForText(page, /It could also mean/);
    writeFileSync('docs/playground-choice.png', await page.screenshot());
  }
} finally {
  await context.close();
  rmSync(dir, { recursive: true, force: true });
}
