/**
 * Round 12c: housekeeping and small talk in people's own words, folded into the words our examples use (or, for
 * lines that are not ours, into words none of them uses). Each rule is a class of phrasing, never one sentence; none
 * names a change. Applied by normaliseText after the read phrases (lower-case text, punctuation still there).
 */
/** Applied before the phrase list, so its own rules see the plain verb. */
export const CASUAL_PHRASES_FIRST: Array<[RegExp, string]> = [
  // stopping said in formal verbs ("discontinue the reports", "cease", "halt"): stop
  [/\b(?:discontinue|cease|halt)\b/g, 'stop'],
];

export const CASUAL_PHRASES: Array<[RegExp, string | ((...args: string[]) => string)]> = [
  // security as a manner ("security-wise", "in terms of security", "from a security point of view"): security
  [/\b(?:security[- ]wise|(?:in terms of|with respect to|regarding) security|from a security (?:point of view|perspective|standpoint|angle))\b/g, 'security'],
  // how something is doing, said of a cluster or of things ("how aks-x is doing security", "how are things looking"):
  // how secure it is ("how are we doing" is an example's own words already)
  [/\bhow (?:is |are )?((?:the |our |my )?[a-z0-9][a-z0-9-]*|things|everything) (?:is |are )?(?:doing|looking|holding up|faring)(?: security)?\b/g, 'how secure is $1'],
  // a quick look asked as a noun ("a quick read on", "a pulse check of", "a rundown of"): the posture of
  // ("a quick read on how X is doing": the how says it)
  [/\b(?:an? )?(?:quick |brief |rough |short |high[- ]level |fast )?(?:read|pulse(?: check)?|temperature check|sanity check|gut check|vibe check|rundown|lay of the land) (?:on|of|about) (?=how\b)/g, ''],
  [/\b(?:an? )?(?:quick |brief |rough |short |high[- ]level |fast )?(?:read|pulse(?: check)?|temperature check|sanity check|gut check|vibe check|rundown|lay of the land) (?:on|of|about)\b/g, 'posture of'],
  // whether something is so, asked as whether there is a way to see it: whether it is
  [/\b(?:is there (?:a|any) way|is it possible|can i|could i|how can i) (?:to )?(?:see|check|tell|know|find out|verify|confirm) (?:if|whether)\b/g, 'whether'],
  // the scene around the question ("before standup", "before my 3pm with X", "nothing fancy", "no rush"): no word of it
  [/\b(?:before|after|ahead of) (?:the |our |my |today's )?(?:daily )?(?:stand-?up|standup|sync|retro|scrum|meeting|call|1:1|one-on-one)\b/g, ' '],
  [/\b(?:before|ahead of) (?:my|our|the) (?:\d{1,2}(?::\d{2})?\s*(?:am|pm)|\d{1,2}:\d{2})(?: (?:meeting|call|sync|slot))?(?: with (?:the |our |my )?\w+)?/g, ' '],
  [/[,;]?\s*\b(?:nothing fancy|no rush|no hurry|no pressure|whenever|if you can)\b/g, ' '],
  // a newcomer's note before a question ("sorry, new here — is there a way to …", "I'm new here, is this …"), like
  // round 11a's "it's my first day" ("I am new here, where do I start" is the help's own example, and stays)
  [/(?:^|[.,;]?\s*)(?:sorry,? )?(?:i am |i'm |im )?new (?:here|to (?:this|the team|palisade))\s*[,.;:!—–-]*\s*(?=(?:is|are|can|could|do|does|how|what|which|hello)\b)/g, ' '],
  // a workload's logs ("the logs of X", "X's logs", "log output"): nothing Palisade reads (the audit log is, and keeps
  // its words: "audit logs", "change log", "activity log")
  [/\b(?<!(?:audit|change|activity|changes) )(?:logs|log (?:output|lines|stream|files?)|logfiles?)\b/g, 'podlogs'],
  // jokes and other fun asked for ("any good jokes?", "a funny riddle"): the adjective is no word of a request of ours
  [/\b(?:(a|an|any|some) )?(?:good |funny |bad |nice |fun |new )?(?:jokes?|riddles?|puns?|memes?|fun facts?|limericks?|poems?)\b/g, (_: string, article?: string) => `${article === 'an' ? 'a' : (article ?? '')} joke`],
  // who is on call, on a rota or on a shift: people's schedules, which no command of ours knows
  [/\b(?:on[- ]call|oncall)\b/g, 'oncall'],
  // whether the bot understands the writer ("you understand me anyway?", "do you get what I mean"): no request
  [/\b(?:do |can |did |will )?(?:you|u) (?:even )?(?:understand|get|follow) (?:me|what i (?:mean|say|write|am saying))\b/g, 'comprehend me'],
];

/**
 * Round 12c: a thank-you after a report that it worked ("amazing, that fixed it, thank you so much!!", "it works now,
 * thanks a lot", "perfect, that did the trick. cheers"): a thank-you, nothing more asked.
 */
export const REPORT_THEN_THANKS = /^(?:(?:great|perfect|amazing|awesome|nice|cool|brilliant|super|excellent|lovely|ok|okay|wow|yes|yay|sweet|fantastic)[\s,.!]+)*(?:that|it|this|everything|all)(?: (?:has|have|totally|really|finally|just))? (?:fixed|solved|sorted|resolved|worked|works|did the trick|helped|cleared|unblocked|is (?:fixed|working|sorted|solved)|looks? good)(?: (?:it|things|the (?:issue|problem)|everything))?(?: now)?[\s,.!]+(?:thx|thanks|thank you|thank u|cheers|ty)\b(?: (?:so|very) much| a lot| a ton| again| loads)?[\s,.!]*$/i;
