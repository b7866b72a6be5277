/**
 * Round 13d: how a learner points at things. Each rule is a class of phrasing, applied to the typed text before it
 * is read; none names a command.
 */

/**
 * "show me what's exposed on my cluster", "is anything public on our cluster?": "my cluster" / "our cluster", with no
 * name after it, is the one the conversation is about, which a request with no cluster already reads. The place
 * words alone read "which clusters" ("cluster" is that list's word), so they are dropped.
 */
const OWN_CLUSTER = /\s*,?\s*\b(?:on|in|of|for|across) (?:my|our) (?:own |current |k8s |kubernetes |aks )?cluster\b(?=\s*(?:[?.!,;]|$|(?:please|pls|right now|now|today|too)\b))/gi;

export function withoutOwnCluster(text: string): string {
  if (!/\b(?:my|our) (?:own |current |k8s |kubernetes |aks )?cluster\b/i.test(text)) return text;
  const out = text.replace(OWN_CLUSTER, '').trim();
  return out.length ? out : text;
}

/** The end of a lab said before the question ("I finished the lab", "done with the workshop", "lab's over"). */
const LAB_OVER = String.raw`(?:(?:ok(?:ay)?|so|right|alright)[,!.]?\s+)?(?:(?:i|we)(?:'ve| have)? (?:just )?(?:finished|completed|wrapped up)|(?:i'?m|i am|we'?re|we are) (?:all )?(?:done|finished) with|done with|finished) (?:the |this |my |our )?(?:lab|workshop|exercise|tutorial|course|module|training)(?:\s+\d+)?|(?:the )?(?:lab|workshop|exercise|tutorial)(?:'s| is) (?:over|done|finished)`;
/** Verbs that take back what a lab set up. */
const UNDO = String.raw`(?:remove|delete|undo|disable|turn off|switch off|take off|take away|clean up|revert|roll back|get rid of|drop|clear)`;
const LAB_CLEANUP = new RegExp(String.raw`^\s*(?:${LAB_OVER})\s*[,;.!:—–-]+\s*(?:and\s+|so\s+|now\s+)*how (?:do|can|should|would) (?:i|we) (${UNDO}\s+[^?]+?)(?:\s+again)?\s*[?.!]*\s*$`, 'i');

/**
 * "I finished the lab, how do I remove all the authorized ranges again?", "done with the workshop, how can we turn
 * off the allowlist?": once the lab is over, a how-to that takes back what it set up asks for the clean-up itself
 * (it still becomes a plan a person approves). Without the lab's end said first, a how-to stays the help.
 */
export function labCleanupAsked(text: string): string {
  const m = LAB_CLEANUP.exec(text);
  return m ? `please ${m[1]}` : text;
}
