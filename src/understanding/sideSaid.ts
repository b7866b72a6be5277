import type { CommandKind } from '../commands/grammar.js';

/**
 * Round 13c: which way a Service should face, said in words: "internal"/"private" for one side, "public"/"external"/
 * "the internet" for the other. A message that says one side and never the other names its change: the opposite change
 * is no rival reading ("move X onto an internal load balancer" is not also "make X public").
 */
const INTERNAL_SIDE = /\b(?:internal|private|ilb|intranet)\b/i;
const PUBLIC_SIDE = /\b(?:public|publicly|external|externally|internet|outside|world|everyone|anyone|slb)\b|\bpublic[- ]facing\b/i;

export function oppositeSideUnsaid(best: CommandKind, other: CommandKind | undefined, text: string): boolean {
  if (best === 'makeInternal' && other === 'makePublic') return INTERNAL_SIDE.test(text) && !PUBLIC_SIDE.test(text);
  if (best === 'makePublic' && other === 'makeInternal') return PUBLIC_SIDE.test(text) && !INTERNAL_SIDE.test(text);
  return false;
}
