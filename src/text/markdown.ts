/**
 * Teams renders a subset of markdown in card TextBlocks, FactSets and text messages: links, bold, italic, lists.
 * User text shown back (an unknown command, a bad argument, a display name) is backslash-escaped so it reads as typed
 * and can never become a live link or emphasis in the bot's own voice.
 */
export function escapeMarkdown(text: string): string {
  // Left as is what can never be emphasis: `_` inside a word (PALISADE_OPERATORS), `*` between spaces (cron `0 9 * * *`)
  return text.replace(/[\\`[\]]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|(?<=\S)\*|\*(?=\S)/g, '\\$&');
}

/** User text quoted in a reply: clipped to `max` characters, escaped, in double quotes. */
export function quoted(text: string, max = 60): string {
  const clipped = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return `"${escapeMarkdown(clipped)}"`;
}

/** A command in a code span: backticks inside would end the span, so they go. */
export function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}
