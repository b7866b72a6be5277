import { mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CARD_NAMES } from '../../src/cards/models.js';
import { detailLines } from '../../src/text/lines.js';
import { scoreGauge } from '../../src/cards/charts.js';
import {
  CardTemplateError,
  CardTooLargeError,
  MAX_MESSAGE_BYTES,
  cardSizeBytes,
  renderCard,
  type AdaptiveCard,
} from '../../src/cards/render.js';
import { SAMPLES, planPendingSample, planAppliedSample, statusSample } from './samples.js';
import { adaptiveCard15, schemaErrors } from './schema.js';

const GOLDEN_DIR = fileURLToPath(new URL('./golden/', import.meta.url));
const CARDS_DIR = fileURLToPath(new URL('../../cards/', import.meta.url));

function leftovers(card: unknown): string[] {
  const json = JSON.stringify(card);
  return [...json.matchAll(/\$\{[^}]*\}|[\ue000\ue001]/g)].map((m) => m[0]);
}

function actions(card: AdaptiveCard): Array<Record<string, unknown>> {
  return (card.actions ?? []) as Array<Record<string, unknown>>;
}

describe('card templates', () => {
  it('has a template file for every card name and a sample for every template', () => {
    const files = readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual([...CARD_NAMES].sort());
    expect(new Set(SAMPLES.map((s) => s.card))).toEqual(new Set(CARD_NAMES));
  });

  it('the schema rejects a broken card (the validator is live)', () => {
    expect(adaptiveCard15()({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock' }] })).toBe(false);
    expect(adaptiveCard15()({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Nope', text: 'x' }] })).toBe(false);
  });

  it('templates stay inside what Teams renders well (no Table, version 1.5, full width)', () => {
    for (const name of CARD_NAMES) {
      const raw = readFileSync(`${CARDS_DIR}${name}.json`, 'utf8');
      const tpl = JSON.parse(raw);
      expect(tpl.version, name).toBe('1.5');
      expect(tpl.msteams, name).toEqual({ width: 'Full' });
      expect(raw, name).not.toMatch(/"type":\s*"Table"/);
      expect(raw, `${name}: Teams markdown has no code spans`).not.toMatch(/`/);
    }
  });

  describe.each(SAMPLES.map((s) => [s.name, s] as const))('%s', (name, s) => {
    const card = renderCard(s.card, s.data as never);

    it('validates against the Adaptive Card 1.5 schema', () => {
      expect(schemaErrors(card)).toEqual([]);
    });

    it('is version 1.5, fits in a 28 KB message and has no template leftovers', () => {
      expect(card.version).toBe('1.5');
      expect(cardSizeBytes(card)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      expect(leftovers(card)).toEqual([]);
    });

    it('matches its golden file', () => {
      const file = `${GOLDEN_DIR}${name}.json`;
      const text = `${JSON.stringify(card, null, 2)}\n`;
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
        mkdirSync(GOLDEN_DIR, { recursive: true });
        writeFileSync(file, text);
      }
      expect(text).toBe(readFileSync(file, 'utf8'));
    });
  });
});

describe('Adaptive Card 1.5 schema (ours, see schema/README.md)', () => {
  const card = (extra: Record<string, unknown> = {}, body: unknown[] = [{ type: 'TextBlock', text: 'Hi', wrap: true }]) => ({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    body,
    ...extra,
  });

  it('accepts every 1.5 element and action type', () => {
    const execute = { type: 'Action.Execute', title: 'Go', verb: 'go', data: { id: 1 }, associatedInputs: 'auto', fallback: { type: 'Action.Submit', title: 'Go', data: { verb: 'go' } } };
    const rich = card(
      {
        refresh: { action: { type: 'Action.Execute', verb: 'refresh' }, userIds: ['29:a'] },
        fallbackText: 'x', speak: 'x', lang: 'en', rtl: false, minHeight: '80px', verticalContentAlignment: 'Top',
        backgroundImage: { url: 'https://example.com/bg.png', fillMode: 'repeat' },
        selectAction: { type: 'Action.OpenUrl', url: 'https://example.com' },
        actions: [
          execute,
          { type: 'Action.OpenUrl', title: 'Docs', url: 'https://example.com', style: 'positive', mode: 'secondary', tooltip: 't', isEnabled: true },
          { type: 'Action.ShowCard', title: 'More', card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'more' }] } },
          { type: 'Action.ToggleVisibility', title: 'Toggle', targetElements: ['c1', { elementId: 'c2', isVisible: false }] },
          { type: 'Action.Submit', title: 'Send', data: 'x', fallback: 'drop' },
        ],
      },
      [
        { type: 'TextBlock', text: 'T', size: 'extraLarge', weight: 'Bolder', color: 'good', fontType: 'Monospace', horizontalAlignment: 'center', isSubtle: true, maxLines: 2, style: 'heading' },
        { type: 'RichTextBlock', inlines: ['plain', { type: 'TextRun', text: 'run', italic: true, highlight: true, selectAction: execute }] },
        { type: 'Image', url: 'https://example.com/i.png', size: 'Small', style: 'person', height: '20px', width: '20px', altText: 'i' },
        { type: 'ImageSet', imageSize: 'medium', images: [{ type: 'Image', url: 'https://example.com/i.png' }] },
        { type: 'Media', sources: [{ mimeType: 'video/mp4', url: 'https://example.com/v.mp4' }], poster: 'https://example.com/p.png' },
        { type: 'Container', id: 'c1', style: 'warning', bleed: true, isVisible: false, separator: true, spacing: 'ExtraLarge', height: 'stretch', requires: { adaptiveCards: '1.5' }, items: [{ type: 'TextBlock', text: 'x' }], fallback: 'drop' },
        { type: 'ColumnSet', id: 'c2', columns: [
          { type: 'Column', width: 'auto', items: [] }, { width: 'stretch', items: [] }, { width: '72px', items: [] }, { width: 2, items: [], fallback: 'drop' },
        ], fallback: { type: 'TextBlock', text: 'old host' } },
        { type: 'FactSet', facts: [{ title: 'a', value: 'b' }] },
        { type: 'ActionSet', actions: [execute] },
        { type: 'Table', gridStyle: 'accent', firstRowAsHeader: true, showGridLines: false, columns: [{ width: 1 }, { width: '40px' }],
          rows: [{ type: 'TableRow', cells: [{ type: 'TableCell', items: [{ type: 'TextBlock', text: 'a' }] }] }] },
        { type: 'Input.Text', id: 'i1', label: 'L', isRequired: true, errorMessage: 'e', style: 'password', isMultiline: false, maxLength: 10, regex: '^a', inlineAction: execute },
        { type: 'Input.Number', id: 'i2', min: 0, max: 9, value: 3 },
        { type: 'Input.Date', id: 'i3', value: '2026-01-01' },
        { type: 'Input.Time', id: 'i4', value: '09:00' },
        { type: 'Input.Toggle', id: 'i5', title: 'On?', valueOn: 'y', valueOff: 'n' },
        { type: 'Input.ChoiceSet', id: 'i6', style: 'filtered', isMultiSelect: true, choices: [{ title: 'A', value: 'a' }] },
      ],
    );
    expect(schemaErrors(JSON.parse(JSON.stringify(rich)))).toEqual([]);
  });

  it('rejects a misspelled property, a wrong enum value and version "1.6"', () => {
    expect(adaptiveCard15()(card())).toBe(true);
    const typo = schemaErrors(card({}, [{ type: 'TextBlock', text: 'Hi', wrapp: true }]));
    expect(typo.join('\n')).toContain('wrapp');
    const badEnum = schemaErrors(card({}, [{ type: 'Container', style: 'danger', items: [] }]));
    expect(badEnum.join('\n')).toMatch(/\/body\/0\/style must be equal to one of the allowed values/);
    expect(schemaErrors(card({}, [{ type: 'TextBlock', text: 'Hi', size: 'huge' }]))).not.toEqual([]);
    expect(schemaErrors(card({ version: '1.6' })).join('\n')).toMatch(/\/version must be equal to one of the allowed values/);
  });

  it('rejects template leftovers and Teams limits', () => {
    expect(adaptiveCard15()(card({}, [{ type: 'TextBlock', text: 'Hi', $when: '${show}' }]))).toBe(false);
    const users = Array.from({ length: 61 }, (_, i) => `29:u${i}`);
    expect(adaptiveCard15()(card({ refresh: { action: { type: 'Action.Execute', verb: 'r' }, userIds: users } }))).toBe(false);
    expect(adaptiveCard15()(card({ refresh: { action: { type: 'Action.Submit' } } }))).toBe(false);
    expect(adaptiveCard15()(card({ msteams: { width: 'Wide' } }))).toBe(false);
    expect(adaptiveCard15()(card({ selectAction: { type: 'Action.ShowCard', card: { type: 'AdaptiveCard' } } }))).toBe(false);
    expect(adaptiveCard15()(card({ actions: [{ type: 'Action.Execute', fallback: 'hide' }] }))).toBe(false);
    expect(adaptiveCard15()(card({}, [{ type: 'ColumnSet', columns: [{ width: 'wide', items: [] }] }]))).toBe(false);
    expect(adaptiveCard15()(card({}, [{ type: 'TextBlock', text: 'Hi', spacing: 'huge' }]))).toBe(false);
    expect(adaptiveCard15()(card({}, [{ type: 'Input.Text' }]))).toBe(false);
  });
});

describe('renderCard', () => {
  it('counts the whole message, not just the card', () => {
    const card = renderCard('message', { title: 'Hi', text: 'there' });
    expect(cardSizeBytes(card)).toBeGreaterThan(Buffer.byteLength(JSON.stringify(card)));
    expect(cardSizeBytes(card)).toBe(
      Buffer.byteLength(JSON.stringify({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] })),
    );
  });

  it('renders an identical model once and hands out one frozen card; a changed model gets its own card', () => {
    const first = renderCard('status', statusSample.data);
    expect(() => (first.body as unknown[]).push({ type: 'TextBlock', text: 'added by a caller' })).toThrow(TypeError);
    expect(() => Object.assign(first.body![0] as object, { text: 'changed by a caller' })).toThrow(TypeError);
    const again = renderCard('status', statusSample.data);
    expect(JSON.stringify(again)).not.toContain('by a caller');
    expect(again).toBe(first);
    const other = renderCard('status', { ...statusSample.data, score: 12 });
    expect(JSON.stringify(other)).not.toEqual(JSON.stringify(again));
  });

  it('throws a typed error over 28 KB so callers can page', () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ severity: 'high' as const, title: `Finding number ${i}`, why: 'Because it matters a lot.' }));
    const big = { ...statusSample.data, areas: [{ name: 'Images', summary: 'many', facts: [], findings: many }] };
    let err: unknown;
    try {
      renderCard('status', big);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CardTooLargeError);
    expect((err as CardTooLargeError).bytes).toBeGreaterThan(MAX_MESSAGE_BYTES);
    expect((err as CardTooLargeError).template).toBe('status');
    // the same data, paged, fits
    expect(() => renderCard('status', { ...big, areas: [{ ...big.areas[0], findings: many.slice(0, 40) }] })).not.toThrow();
  });

  it('leaves no ${...} when optional fields are missing', () => {
    const minimal = [
      renderCard('message', { title: 'T', text: 'x' }),
      renderCard('error', { kind: 'user', message: 'Bad input.' }),
      renderCard('clusters', { title: 'Clusters', clusters: [] }),
      renderCard('choice', { question: 'Which namespace?', choices: [{ title: 'shop', command: 'exposure in shop' }] }),
      renderCard('audit', { title: 'Audit', entries: [] }),
      renderCard('status', {
        cluster: { name: 'c', subscription: 's', resourceGroup: 'rg', location: 'l', kubernetesVersion: '1.30' },
        score: 90,
        gauge: scoreGauge(90, 'No history yet'),
        areas: [{ name: 'Images', summary: 'ok', facts: [], findings: [{ severity: 'ok', title: 'Fine', why: 'Nothing to do.' }] }],
      }),
      renderCard('trend', { title: 'c', subtitle: 's', headline: 'h', tone: 'default', facts: [], changes: [] }),
      renderCard('plan', {
        ...planPendingSample.data,
        note: undefined,
        details: undefined,
        warnings: [],
      }),
    ];
    for (const card of minimal) {
      expect(leftovers(card)).toEqual([]);
      expect(schemaErrors(card)).toEqual([]);
    }
    const text = JSON.stringify(minimal[0]);
    expect(text).not.toContain('Next step');
    expect(text).not.toContain('FactSet');
  });

  it('never shows ${...} even when a caller forgets a required field', () => {
    const card = renderCard('message', { title: 'Only a title' } as never);
    expect(leftovers(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('Only a title');
  });

  it('keeps data that happens to contain ${...}', () => {
    const card = renderCard('message', { title: 'Env', text: 'value is ${HOME}' });
    expect(JSON.stringify(card)).toContain('value is ${HOME}');
  });

  it('plan: Approve/Reject only while pending, carrying only the plan id, with Action.Submit fallbacks', () => {
    const pending = renderCard('plan', planPendingSample.data);
    expect(actions(pending).map((a) => a.verb)).toEqual(['approve', 'reject']);
    for (const a of actions(pending)) {
      expect(a.type).toBe('Action.Execute');
      expect(a.data).toEqual({ planId: 'pl_7Hq2Xk' });
      expect(a.fallback).toMatchObject({ type: 'Action.Submit', data: { verb: a.verb, planId: 'pl_7Hq2Xk' } });
    }
    expect(pending.refresh).toEqual({
      action: { type: 'Action.Execute', verb: 'refresh', data: { planId: 'pl_7Hq2Xk' } },
      userIds: ['29:1a2b3c-alex', '29:4d5e6f-sam'],
    });
    const applied = renderCard('plan', planAppliedSample.data);
    expect(actions(applied).map((a) => [a.verb, a.data])).toEqual([['revert', { planId: 'pl_7Hq2Xk' }]]);
    const done = renderCard('plan', { ...planAppliedSample.data, showRevert: false });
    expect(actions(done)).toEqual([]);
  });

  it('plan: refuses more than 60 refresh users', () => {
    const ids = Array.from({ length: 61 }, (_, i) => `29:user-${i}`);
    expect(() => renderCard('plan', { ...planPendingSample.data, refreshUserIds: ids })).toThrow(CardTemplateError);
    expect(() => renderCard('plan', { ...planPendingSample.data, refreshUserIds: ids.slice(0, 60) })).not.toThrow();
  });

  it('choice: each button sends its command by Action.Execute "choose", with a Submit fallback', () => {
    const card = renderCard('choice', { question: 'Did you mean?', choices: [{ title: 'status', command: 'status on aks-prod' }] });
    expect(actions(card)).toEqual([
      {
        type: 'Action.Execute',
        title: 'status',
        verb: 'choose',
        data: { choice: 'status on aks-prod' },
        fallback: { type: 'Action.Submit', title: 'status', data: { verb: 'choose', choice: 'status on aks-prod' } },
      },
    ]);
  });

  it('error: internal errors show only the reference', () => {
    const text = JSON.stringify(renderCard('error', { kind: 'internal', ref: 'ab12cd34' }));
    expect(text).toContain('Internal error, ref **ab12cd34**');
    expect(text).not.toContain("That didn't work");
  });

  it('detailLines keeps YAML indentation with non-breaking spaces', () => {
    expect(detailLines('a:\n  b: 1\n\n')).toEqual(['a:', '\u00a0\u00a0b: 1']);
    expect(detailLines('a:\n\n  b')).toEqual(['a:', '\u00a0', '\u00a0\u00a0b']);
  });
});
