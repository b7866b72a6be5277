/**
 * Renders a card sample to PNG for docs and design review:
 *   npx tsx scripts/render-card.ts <card> <sample> <out.png>     e.g. status status docs/status-card.png
 * <sample> is a sample name from test/cards/samples.ts. Needs /usr/bin/chromium.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderCard } from '../src/cards/render.js';
import { hasChromium, launchChromium, NO_CHROMIUM_REASON, screenshotCard } from '../test/helpers/browser.js';
import { SAMPLES } from '../test/cards/samples.js';

async function main(argv: string[]): Promise<number> {
  const [card, sampleName, out] = argv;
  if (!card || !sampleName || !out) {
    process.stderr.write('usage: render-card <card> <sample> <out.png>\n');
    return 2;
  }
  const sample = SAMPLES.find((s) => s.name === sampleName && s.card === card);
  if (!sample) {
    const known = SAMPLES.map((s) => `${s.card} ${s.name}`).join('\n  ');
    process.stderr.write(`no sample "${sampleName}" for card "${card}"; known:\n  ${known}\n`);
    return 2;
  }
  if (!hasChromium()) {
    process.stderr.write(`${NO_CHROMIUM_REASON}\n`);
    return 1;
  }
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const png = await screenshotCard(page, renderCard(sample.card, sample.data as never));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, png);
    process.stdout.write(`wrote ${out} (${png.length} bytes)\n`);
    return 0;
  } finally {
    await browser.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
