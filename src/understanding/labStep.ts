/**
 * Round 11: "the lab says to X, can you do that for me?", "step 3.4 wants A to reach B, please allow that", "the
 * tutorial says to only let my IP reach X. How do I do that?": a step of the workshop passed on, followed by an ask
 * to do it, is the step itself asked for (it still becomes a plan a person approves). A step with no such ask stays
 * as it was: it is context, or a question about the step.
 */
const SOURCE = String.raw`(?:the |this |our |my )?(?:next |current |last )?(?:lab|tutorial|workshop|guide|instructions?|exercise|course|walkthrough|handout|module|step|task|part|section|runbook|docs?|readme)(?:\s+(?:step|module|part|section|task|exercise)?\s*\d+(?:\.\d+)*[a-z]?)?(?:\s+(?:guide|instructions?|step|says?))?`;
const TELLS = String.raw`(?:says|said|wants|asks|tells (?:me|us)|instructs (?:me|us)|requires|needs|is|was)`;
const STEP = new RegExp(
  String.raw`^(?:ok(?:ay)?,?\s+|so,?\s+|hi,?\s+)?${SOURCE}\s+${TELLS}\s+(?:(?:me|us|you)\s+)?(?:to\s+|that\s+(?:we|i|you)\s+(?:should|must|need to|have to)\s+|:\s*)?(.+?)\s*(?:[,.;:!]+|\s[-–—])\s*(?:so\s+|now\s+)?(?:(?:can|could|would|will) (?:you|u)\s+)?(?:please\s+|pls\s+|just\s+)?` +
    String.raw`(do|run|apply|allow|make|set up|enable|disable|remove|add|perform|execute|go ahead and do|how (?:do|can|should) (?:i|we) do)\s+(?:that|it|this)(?:\s+(?:step|one|bit|part))?(?:\s+for (?:me|us))?(?:\s+please)?\s*[?.!]*\s*$`,
  'i',
);

const AS_IS = new Set(['do', 'run', 'apply', 'perform', 'execute', 'go ahead and do', 'set up']);

export function labStepOrdered(text: string): string {
  const m = STEP.exec(text.trim());
  if (!m) return text;
  const step = m[1].replace(/^(?:making|make)\b/i, 'make').replace(/^(?:to)\s+/i, '');
  const verb = m[2].toLowerCase();
  // ("… please allow that": the ask names the change; "… do that" / "how do I do that": the step does)
  return AS_IS.has(verb) || /^how\b/.test(verb) ? `please ${step}` : `please ${verb} ${step}`;
}
