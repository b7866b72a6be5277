/**
 * Round 12d: "how do I let A talk to B on 80? can you add that rule", "how can we open X to Y… could you create it
 * for me?": a how-to question followed by an ask to put in place what it describes asks for the change itself (it
 * still becomes a plan a person approves). The closing ask must point back at it ("that", "it", "this", "the rule")
 * and say to add or create it; a how-to alone stays a how-to.
 */
const HOW_THEN_ADD = /^\s*how (?:do|can|could|would|should) (?:i|we) (.+?)\s*[?.]+\s*(?:(?:and|so|ok|okay)\s+)?(?:(?:can|could|would|will) (?:you|u)\s+|please\s+|pls\s+)(?:please\s+|just\s+)?(?:add|create|apply|put in|write|set up)\s+(?:that|it|this|the|such an?)(?:\s+(?:rule|policy|one|allow|exception|change))?(?:\s+(?:for (?:me|us)|please|pls|now|then|too))*\s*[?.!]*\s*$/i;

export function howToThenAsked(raw: string): string {
  const m = HOW_THEN_ADD.exec(raw);
  return m ? `please ${m[1]}` : raw;
}
