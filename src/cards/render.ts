import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as Templating from 'adaptivecards-templating';
import { lazy } from '../lazy.js';
import type { AdaptiveCard } from '../chat/events.js';
import type { CardModels, CardName } from './models.js';

export type { CardName } from './models.js';

export type { AdaptiveCard } from '../chat/events.js';

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** Teams' webhook / older-guidance limit for a whole message; newer docs allow more, we design for this. */
export const MAX_MESSAGE_BYTES = 28 * 1024;
export const MAX_REFRESH_USER_IDS = 60;
const CARD_VERSION = '1.5';

/** The card would make a message over 28 KB: the caller must page its data. */
export class CardTooLargeError extends Error {
  constructor(
    readonly template: CardName,
    readonly bytes: number,
    readonly limit: number = MAX_MESSAGE_BYTES,
  ) {
    super(`Card "${template}" is ${bytes} bytes as a message, over the ${limit}-byte limit; page the data.`);
    this.name = 'CardTooLargeError';
  }
}

/** The template or the data produced a card Teams would not accept (wrong version, too many refresh users). */
export class CardTemplateError extends Error {
  constructor(
    readonly template: CardName,
    message: string,
  ) {
    super(`Card "${template}": ${message}`);
    this.name = 'CardTemplateError';
  }
}

const CARDS_DIR = fileURLToPath(new URL('../../cards/', import.meta.url));
const templates = new Map<CardName, Templating.Template>();
// loaded with the first card (see src/lazy.ts)
const templating = lazy<typeof Templating>('adaptivecards-templating');

function template(name: CardName): Templating.Template {
  let t = templates.get(name);
  if (!t) {
    t = new (templating().Template)(JSON.parse(readFileSync(`${CARDS_DIR}${name}.json`, 'utf8')));
    templates.set(name, t);
  }
  return t;
}

// A missing field expands to this marker (instead of the literal "${field}"), which is then removed.
// Private-use characters: they never occur in real data.
const MISSING_OPEN = '\ue000missing:';
const MISSING_CLOSE = '\ue001';
const MISSING = /\ue000missing:[^\ue001]*\ue001/g;

function stripMissing(value: unknown): unknown {
  if (typeof value === 'string') return value.includes(MISSING_OPEN) ? value.replace(MISSING, '') : value;
  // the expanded card is a fresh object: clean it in place rather than copy every node of it
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = stripMissing(value[i]);
    return value;
  }
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = stripMissing(o[k]);
  }
  return value;
}

// Root fields that feed a property (not a `$when`), so they need a value when the caller leaves them out.
const DEFAULTS: Partial<Record<CardName, Record<string, unknown>>> = {
  message: { severity: 'default' },
};

function withDefaults(name: CardName, data: object): object {
  const given = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  return { ...DEFAULTS[name], ...given };
}

function expand(name: CardName, data: object): unknown {
  const { GlobalSettings } = templating();
  const previous = GlobalSettings.getUndefinedFieldValueSubstitutionString;
  GlobalSettings.getUndefinedFieldValueSubstitutionString = (path: string) => `${MISSING_OPEN}${path}${MISSING_CLOSE}`;
  try {
    return stripMissing(template(name).expand({ $root: withDefaults(name, data) }));
  } finally {
    GlobalSettings.getUndefinedFieldValueSubstitutionString = previous;
  }
}

/** The message activity a card travels in; its JSON is what the size limit applies to. */
export function cardMessage(card: AdaptiveCard): { type: 'message'; attachments: Array<{ contentType: string; content: AdaptiveCard }> } {
  return { type: 'message', attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }] };
}

/** UTF-8 bytes of the whole message carrying `card`. */
export function cardSizeBytes(card: AdaptiveCard): number {
  return messageBytes(JSON.stringify(card));
}

/** What the message around a card adds to the card's own JSON. */
const MESSAGE_OVERHEAD = Buffer.byteLength(JSON.stringify(cardMessage({} as AdaptiveCard)).replace('{}', ''), 'utf8');
const messageBytes = (cardJson: string) => MESSAGE_OVERHEAD + Buffer.byteLength(cardJson, 'utf8');

/** Teams drops "<service>" from card text as an unknown HTML tag: placeholders are shown as ‹service›. */
export function visiblePlaceholders<T>(node: T): T {
  if (typeof node === 'string') return node.replace(/<([a-z][a-z0-9 _.|…:/-]*)>/gi, '‹$1›') as T;
  if (Array.isArray(node)) return node.map(visiblePlaceholders) as T;
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    // only what people read: button data (commands, plan ids) travels as typed
    for (const [k, v] of Object.entries(node)) out[k] = k === 'data' || k === 'url' ? v : visiblePlaceholders(v);
    return out as T;
  }
  return node;
}

/** Recently rendered cards by template and model: the same answer asked again is templated once. */
const rendered = new Map<string, AdaptiveCard>();
const RENDERED_KEPT = 32;

/**
 * Fills `cards/<template>.json` with `data`. Throws CardTooLargeError over 28 KB (page the data and call again)
 * and CardTemplateError if the result is not a Teams-ready 1.5 card. Cards are frozen: the same model's card is one
 * shared object (no copy per turn); a caller that wants another card builds a new one (as withReadAs does).
 */
export function renderCard<N extends CardName>(name: N, data: CardModels[N]): AdaptiveCard {
  // a model is plain data (what the template reads), so its JSON names the card it makes
  const key = `${name}\n${JSON.stringify(data)}`;
  const seen = rendered.get(key);
  if (seen !== undefined) {
    rendered.delete(key);
    rendered.set(key, seen); // most recently used last
    return seen;
  }
  const card = deepFreeze(checkedCard(name, data));
  if (rendered.size >= RENDERED_KEPT) rendered.delete(rendered.keys().next().value!);
  rendered.set(key, card);
  return card;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function checkedCard(name: CardName, data: object): AdaptiveCard {
  const card = visiblePlaceholders(expand(name, data)) as AdaptiveCard;
  if (card?.type !== 'AdaptiveCard' || card.version !== CARD_VERSION) {
    throw new CardTemplateError(name, `expected an AdaptiveCard of version ${CARD_VERSION}, got version ${String(card?.version)}`);
  }
  const userIds = card.refresh?.userIds;
  if (userIds && userIds.length > MAX_REFRESH_USER_IDS) {
    throw new CardTemplateError(name, `refresh.userIds has ${userIds.length} ids; Teams allows at most ${MAX_REFRESH_USER_IDS}`);
  }
  const json = JSON.stringify(card);
  const bytes = messageBytes(json);
  if (bytes > MAX_MESSAGE_BYTES) throw new CardTooLargeError(name, bytes);
  // the expansion shares objects with the model (a `${values}` array is the model's own): a card of its own, once
  return JSON.parse(json) as AdaptiveCard;
}
