import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPECS } from '../../src/commands/grammar.js';
import { ALICE, repliesText, startTestBot, type TestBot } from '../helpers/bot.js';

/** Names every JavaScript object answers to: a lookup keyed by user text must not find these. */
const PROTO = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', '__defineGetter__', 'isPrototypeOf'];

/** Every spec's example with each argument word replaced by a prototype name, plus the modifiers. */
function protoCommands(): string[] {
  const out = new Set<string>(PROTO);
  for (const spec of SPECS) {
    const words = spec.example.split(' ');
    const keywordWords = new Set(spec.keywords.flatMap((k) => k.split(' ')));
    words.forEach((w, i) => {
      if (keywordWords.has(w)) return;
      for (const p of PROTO.slice(0, 3)) out.add([...words.slice(0, i), p, ...words.slice(i + 1)].join(' '));
    });
    for (const p of PROTO.slice(0, 3)) {
      out.add(`${spec.example} on ${p}`);
      out.add(`${spec.example} in ${p}`);
      out.add(`${spec.keywords[0]} ${p}`);
    }
  }
  return [...out];
}

/** Markup in user text, unescaped: what would render as a live link or emphasis if a card showed it as is. */
const LIVE_MARKDOWN = /\[click here\]\(|\*\*urgent\*\*|_approve_|\[x\]\(|\[Bob \(approver\)\]\(/;

describe('hostile input: prototype names and markup', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.closeAll();
  });

  const noInternalError = (what: string, text: string) => expect(text, what).not.toMatch(/internal error|ref [0-9a-f]{8}/i);

  it('commands with prototype names in every slot get clear answers, never an internal error', async () => {
    const commands = protoCommands();
    expect(commands.length).toBeGreaterThan(150);
    for (const text of commands) {
      const res = await bot.say(text);
      expect(res.status, text).toBe(200);
      noInternalError(text, repliesText(res.replies));
      expect(res.replies.length, text).toBeGreaterThan(0);
    }
  }, 300_000); // ~200 turns, each read by the understanding step

  it('buttons: prototype verbs, plan ids and choices, by Execute and by the Submit fallback', async () => {
    for (const p of PROTO) {
      const verb = await bot.click(p, { planId: p, choice: p });
      expect(verb.status).toBe(200);
      expect(verb.body.value).toMatch(/I don't know the button/);
      for (const known of ['approve', 'reject', 'revert', 'refresh', 'vulnPage', 'digestPage', 'choose']) {
        const res = await bot.click(known, { planId: p, choice: p, page: p, token: p });
        expect(res.status, `${known} ${p}`).toBe(200);
        noInternalError(`${known} ${p}`, JSON.stringify(res.body));
      }
      const before = bot.connector.sent.length;
      const submit = await bot.post(bot.activity('message', ALICE, { text: '', value: { verb: p, planId: p } }));
      expect(submit.status).toBe(200);
      const said = repliesText(bot.connector.sent.slice(before));
      noInternalError(`submit ${p}`, said);
      // An unknown verb's Submit is not echoed in the bot's own voice
      expect(said).not.toContain(p);
      const invoke = await bot.post(bot.activity('invoke', ALICE, { name: p, value: { action: { verb: p } } }));
      expect(invoke.status).toBe(501);
    }
  });

  it('markdown in user text is shown as text: no live link or emphasis in what the cards echo', async () => {
    const hostile = ['[click here](https://evil.example.com)', '**urgent** _approve_ now', '[x]( https://evil.example.com "t")'];
    const echoes = (t: string) => [
      t,
      `status on ${t}`,
      `audit ${t}`,
      `digest daily at 09:00 ${t}`,
      `digest cron "${t}"`,
      `allowlist ${t}`,
      `make ${t} internal`,
      `zero-trust ${t}`,
      `can ${t} reach ratings-api`,
      `vulnerabilities ${t}`,
      `allowlist 203.0.113.9 for ${t}`,
    ];
    for (const t of hostile)
      for (const text of echoes(t)) {
        const res = await bot.say(text);
        expect(res.replies.length, text).toBeGreaterThan(0);
        expect(repliesText(res.replies), text).not.toMatch(LIVE_MARKDOWN);
      }
    for (const t of hostile) {
      const choose = await bot.click('choose', { choice: t });
      expect(choose.body.value, t).not.toMatch(LIVE_MARKDOWN);
    }
  });

  it('a person’s display name is shown as text on cards', async () => {
    const eve = { id: '29:eve', aadObjectId: 'e0e00000-0000-4000-8000-000000000005', name: '[Bob (approver)](https://evil.example.com)' };
    const res = await bot.say('allowlist 203.0.113.7', eve);
    const plan = repliesText(res.replies);
    expect(plan).toMatch(/Requested by\n\\\[Bob \(approver\)\\\]\(https:\/\/evil\.example\.com\)/);
    expect(plan).not.toMatch(LIVE_MARKDOWN);
  });
});
