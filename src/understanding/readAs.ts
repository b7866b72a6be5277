import type { AdaptiveCard, OutgoingMessage } from '../chat/events.js';
import type { Turn } from '../chat/turn.js';
import { normalize } from '../commands/normalize.js';
import { escapeMarkdown } from '../text/markdown.js';

/** True when the person typed the canonical command itself (then there is nothing to echo). */
export function typedAsIs(words: string, command: string): boolean {
  return normalize(words).toLowerCase().replace(/\s+/g, ' ') === command.toLowerCase();
}

/** "Read as: `make ratings-web internal`" above a card (or a text), so people see how their words were understood. */
export function withReadAs(message: OutgoingMessage, command: string): OutgoingMessage {
  // The command carries the user's own values: no backtick may end the span, no markup may become emphasis or a link
  const line = `Read as: \`${escapeMarkdown(command.replace(/`/g, "'"))}\``;
  if (message.card) {
    const card = message.card as AdaptiveCard & { body?: unknown[] };
    const body = Array.isArray(card.body) ? card.body : [];
    return { ...message, card: { ...card, body: [{ type: 'TextBlock', text: line, isSubtle: true, size: 'Small', wrap: true }, ...body] } };
  }
  return { ...message, text: message.text ? `${line}\n\n${message.text}` : line };
}

/** The same turn, whose first reply carries the "Read as" line. */
export function echoingTurn(turn: Turn, command: string): Turn {
  let first = true;
  return {
    ...turn,
    reply(message) {
      const out = first ? withReadAs(message, command) : message;
      first = false;
      return turn.reply(out);
    },
  };
}
