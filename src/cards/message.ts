import type { AdaptiveCard } from '../chat/events.js';
import type { Fact, MessageCardModel } from './models.js';
import { renderCard } from './render.js';

/** The general-purpose card: a title, a text, facts, and a tone. */
export function factsCard(title: string, text: string, facts: Fact[], severity?: MessageCardModel['severity']): AdaptiveCard {
  return renderCard('message', { title, text, facts, severity });
}
