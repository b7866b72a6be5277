/**
 * Screenshots of real cards from the sandbox, for the README: starts Palisade on a fresh sandbox, asks it commands
 * through a fake Bot Connector, renders what it answered in headless Chromium.
 *   npx tsx scripts/screenshot-live.ts            → docs/status-live.png, docs/plan-live.png
 */
import { writeFileSync } from 'node:fs';
import { launchChromium, screenshotCard } from '../test/helpers/browser.js';
import { cardOf, requestPlan, startTestBot } from '../test/helpers/bot.js';

const bot = await startTestBot();
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  const status = await bot.say('status');
  writeFileSync('docs/status-live.png', await screenshotCard(page, cardOf(status.replies[0].activity)));
  const { activityId } = await requestPlan(bot, 'allowlist 203.0.113.7 for 8h');
  writeFileSync('docs/plan-live.png', await screenshotCard(page, cardOf(bot.connector.latest(activityId))));
  process.stdout.write('wrote docs/status-live.png and docs/plan-live.png\n');
} finally {
  await browser.close();
  await bot.closeAll();
}
