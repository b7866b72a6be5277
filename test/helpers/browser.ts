import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** The system Chromium (Debian package `chromium`); tests never download a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export const NO_CHROMIUM_REASON = `${CHROMIUM_PATH} is missing: install it with "apt-get install -y chromium" (CI does).`;

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Starts headless Chromium with a fresh, empty profile that is deleted on close; `allow`: URLs it may load (127.0.0.1 only). */
export async function launchChromium(opts: { allow?: RegExp } = {}): Promise<Chromium> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'palisade-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 760, height: 600 },
    deviceScaleFactor: 1,
  });
  // Pages only ever load inline content (or the test's own server); anything else is a bug, so refuse it.
  await context.route(/^(https?|wss?):/, (route) => (opts.allow?.test(route.request().url()) ? route.continue() : route.abort()));
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

const require = createRequire(import.meta.url);
const ADAPTIVECARDS_JS = require.resolve('adaptivecards/dist/adaptivecards.js');

const FOREGROUNDS = {
  default: { default: '#242424', subtle: '#616161' },
  dark: { default: '#242424', subtle: '#424242' },
  light: { default: '#FFFFFF', subtle: '#F5F5F5' },
  accent: { default: '#4F52B2', subtle: '#6264A7' },
  good: { default: '#0E7A0B', subtle: '#13A10E' },
  warning: { default: '#8A5A00', subtle: '#A66C00' },
  attention: { default: '#C4314B', subtle: '#D13438' },
};

/** Close to the Teams light theme, so screenshots look like what users see. */
export const TEAMS_LIGHT_HOST_CONFIG = {
  fontFamily: "'Segoe UI', 'Noto Sans', 'DejaVu Sans', system-ui, sans-serif",
  supportsInteractivity: true,
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E1DFDD' },
  fontTypes: {
    default: {
      fontFamily: "'Segoe UI', 'Noto Sans', 'DejaVu Sans', system-ui, sans-serif",
      fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 28 },
      fontWeights: { lighter: 300, default: 400, bolder: 600 },
    },
    monospace: {
      fontFamily: "'Cascadia Mono', 'DejaVu Sans Mono', Consolas, monospace",
      fontSizes: { small: 12, default: 13, medium: 15, large: 18, extraLarge: 24 },
      fontWeights: { lighter: 300, default: 400, bolder: 600 },
    },
  },
  containerStyles: {
    default: { backgroundColor: '#FFFFFF', foregroundColors: FOREGROUNDS },
    emphasis: { backgroundColor: '#F5F5F5', foregroundColors: FOREGROUNDS },
    accent: { backgroundColor: '#E8EBFA', foregroundColors: FOREGROUNDS },
    good: { backgroundColor: '#E7F4E4', foregroundColors: FOREGROUNDS },
    attention: { backgroundColor: '#FCF0F2', foregroundColors: FOREGROUNDS },
    warning: { backgroundColor: '#FFF4D6', foregroundColors: FOREGROUNDS },
  },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 16 },
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
  },
  factSet: {
    title: { color: 'default', size: 'default', isSubtle: true, weight: 'default', wrap: true, maxWidth: 160 },
    value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
    spacing: 12,
  },
};

// Teams renders bold, italic and links; nothing else. The page mimics that subset.
const PAGE_SCRIPT = `
window.renderPalisadeCard = (card, hostConfig) => {
  const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = esc(text)
      .replace(/\\*\\*(.+?)\\*\\*/g, '<strong>$1</strong>')
      .replace(/(^|[\\s(])_(.+?)_(?=$|[\\s).,:;])/g, '$1<em>$2</em>')
      .replace(/\\[([^\\]]+)\\]\\(([^)]+)\\)/g, '<a href="$2">$1</a>')
      .replace(/\\n/g, '<br>');
    result.didProcess = true;
  };
  const ac = new AdaptiveCards.AdaptiveCard();
  ac.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
  ac.parse(card);
  const el = ac.render();
  const root = document.getElementById('card');
  root.innerHTML = '';
  root.appendChild(el);
  return ac.validateProperties().validationEvents.map((e) => e.message);
};`;

const PAGE_HTML = `<!doctype html><html><head><meta charset="utf-8"><style>
  body { margin: 0; padding: 16px; background: #F0F0F0; font-family: 'Segoe UI', 'Noto Sans', 'DejaVu Sans', sans-serif; }
  #frame { width: 680px; background: #FFF; border-radius: 6px; box-shadow: 0 1px 3px rgba(0,0,0,.2); overflow: hidden; }
  #card .ac-pushButton { border: 1px solid #D1D1D1; border-radius: 4px; background: #FFF; padding: 5px 14px; font: 600 14px inherit; color: #242424; }
  #card .ac-pushButton.style-positive { background: #5B5FC7; color: #FFF; border-color: #5B5FC7; }
  #card .ac-pushButton.style-destructive { color: #C4314B; border-color: #C4314B; }
  #card a { color: #4F52B2; }
</style></head><body><div id="frame"><div id="card"></div></div></body></html>`;

/** Loads the Adaptive Cards renderer from node_modules into `page` and renders `card`; returns renderer warnings. */
export async function renderCardInPage(page: Page, card: unknown): Promise<string[]> {
  await page.setContent(PAGE_HTML);
  await page.addScriptTag({ path: ADAPTIVECARDS_JS });
  await page.addScriptTag({ content: PAGE_SCRIPT });
  return page.evaluate(
    ([c, hc]) => (globalThis as unknown as { renderPalisadeCard(c: unknown, hc: unknown): string[] }).renderPalisadeCard(c, hc),
    [card, TEAMS_LIGHT_HOST_CONFIG] as const,
  );
}

/** PNG of the rendered card (just the card frame). */
export async function screenshotCard(page: Page, card: unknown): Promise<Buffer> {
  await renderCardInPage(page, card);
  return page.locator('#frame').screenshot({ type: 'png' });
}
