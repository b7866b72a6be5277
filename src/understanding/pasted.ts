/**
 * Round 10a: messages that paste a runbook step, a ticket, a YAML fragment or a terminal line with a short ask around
 * it, and requests passed on by someone else ("ticket 4730: user asks to …"). Both are rewritten into the words the
 * rest of the step reads: (the ask around the paste) + (the values inside it), and the reported request as the
 * request. Pure text in, text out; the ask around a paste still decides whether anything is a change.
 */
import { labStepOrdered } from './labStep.js';
import { parse, specOf } from '../commands/grammar.js';
import { fromToolSyntax, toolTargets } from './toolSyntax.js';

const FENCE = /```[\w-]*\n?([\s\S]*?)```/g;
const TOOL_LINE = /^\$?\s*((?:kubectl|k|kubectx|az|nc|ncat|netcat|trivy|palisade)\s.*)$/i;

/** The values a YAML/list line carries, in the grammar's words; keys that only structure a manifest say nothing. */
function yamlValue(key: string, value: string): string | undefined {
  const k = key.toLowerCase().replace(/[\s_-]/g, '');
  const v = value.replace(/^["']|["']$/g, '').trim();
  if (/azure-load-balancer-internal$/i.test(key)) return /^true$/i.test(v) ? 'internal load balancer' : /^false$/i.test(v) ? 'public load balancer' : undefined;
  if (!v) return k === 'loadbalancersourceranges' ? 'source ranges' : undefined;
  if (/^(?:name|app|service|workload|target)$/.test(k)) return v;
  if (k === 'namespace') return `in ${v}`;
  if (k === 'severity') return `severity ${v}`;
  if (/^(?:fixavailable|fixable)$/.test(k)) return /^(?:yes|true|y)$/i.test(v) ? 'fixable' : undefined;
  if (k === 'scope' || k === 'cluster') return v;
  if (/^(?:schedule|cron)$/.test(k)) return `cron "${v}"`;
  if (/^(?:timezone|tz)$/.test(k)) return v;
  if (/^(?:port|ports)$/.test(k)) return `port ${v}`;
  return undefined;
}

/** One line of a paste: a terminal line as the words it stands for, a YAML line as its values, tool output as nothing. */
function pastedLine(line: string): string | undefined {
  const tool = TOOL_LINE.exec(line.trim());
  if (tool) {
    const plain = fromToolSyntax(tool[1]);
    // (a line no reader knows keeps its words: `kubectl delete …` must still read as the delete it is)
    if (plain !== tool[1]) return plain.replace(/\b(?:deploy|deployment|pod|po|svc|service)\//g, '');
    // `palisade help`: our own command as typed
    if (/^palisade\s/i.test(tool[1])) return tool[1].replace(/^palisade\s+/i, '');
    // (a line no reader knows keeps its words only when it removes something: `kubectl delete …` is still a delete)
    return /\s(?:delete|remove|rm|destroy|drain|purge)\b/i.test(tool[1]) ? tool[1] : undefined;
  }
  const item = /^\s*-\s+["']?([\d.:/a-f]+\/\d+|\d{1,3}(?:\.\d{1,3}){3})["']?\s*$/i.exec(line);
  if (item) return item[1];
  const kv = /^\s*-?\s*([\w./ -]+?):\s*(.*)$/.exec(line);
  if (kv) return yamlValue(kv[1].trim(), kv[2]);
  return undefined;
}

const valuesOf = (block: string): string =>
  block
    .split('\n')
    .map(pastedLine)
    .filter((x): x is string => Boolean(x))
    .join(' ');

/** "Runbook NET-01 step 1:", "JIRA SEC-2231", "ticket 5120 -", "Checklist item 5:": references are context only. */
// (a CVE id is a value; a parenthesis after an id is dropped only when it files the ticket, "(cleanup)", never "(aks-prod)")
const FILING = String.raw`(?:\s*\((?:clean-?up|tidy-up|follow-?up|rollback|urgent|fyi|wip|p[0-4]|prio(?:rity)? \w+)\)\s*)?`;
const REFERENCE_ID = new RegExp(String.raw`\b(?!CVE-|GHSA-)[A-Z]{2,}-\d+\b\s*${FILING}:?`, 'g');
const REFERENCE = new RegExp(String.raw`\b(?:(?:runbook|checklist|jira|ticket|incident)\s+)?(?:step|item|ticket)\s*#?\d+\b\s*${FILING}[:-]?`, 'gi');

/** "Step 4: "Add …." Do that for me on X": the quoted step is the order, the ask around it names where. */
const DO_THAT = /^\W*(?:(?:please\s+|(?:can|could|would) you (?:please )?)?(?:do (?:that|this|it)|execute|go(?: ahead)?|run (?:it|this|that)|apply (?:it|this|that)|check (?:it|this|that)|verify)(?: (?:for me|please|pls))?)\b\??[\s,]*/i;

function quotedStep(text: string): string {
  const m = /^([^"]*?)"([^"]{12,})"\s*(.*)$/s.exec(text) ?? /^([^']*?)'([^']{12,})'\s*(.*)$/s.exec(text);
  if (!m) return text;
  const [, before, step, after] = m;
  // only when the words around the quote ask us to carry it out; a question about it stays a question
  const rest = after.replace(/^[.\s]+/, '');
  if (!DO_THAT.test(rest)) return text;
  // (a runbook speaks to its operator, who is the one asking; "before making changes" says where the step sits in it)
  const order = step
    .replace(/\.\s*$/, '')
    .replace(/\bthe (?:operator|engineer|admin|user)(?:'s|s')\b/gi, 'my')
    .replace(/\((\d+\s*[mhdw])\)/gi, 'for $1')
    .replace(/\s+(?:before|after|prior to|ahead of)\s+.*$/i, '');
  // (the polite "can you do that on X?" is the request, its question mark no question about the step)
  // (words before a colon only introduce the step: "Step 3 of the runbook:", "The wiki says:")
  return `${/:\s*$/.test(before) ? '' : before.trim()} ${order} ${rest.replace(DO_THAT, '').replace(/\?\s*$/, '')}`.trim();
}

/**
 * "user asks to X", "colleague asks us to X", "team lead asks whether X": the reported request is what is asked of
 * us (it still becomes a plan a human approves), the reported question the question; who asked is context.
 */
const cap = (w: string) => `[${w[0].toUpperCase()}${w[0]}]${w.slice(1)}`;
const REPORTER_WORDS = ['user', 'users', 'customer', 'colleague', 'requester', 'client', 'partner', 'ops', 'team lead', 'lead', 'manager', 'dev', 'developer', 'someone', 'somebody', 'auditor', 'security', 'app team', 'they', 'he', 'she'];
// (a person's name is a capitalised word; "I accidentally asked to …" is no report)
const REPORTER = String.raw`(?:${cap('the')}\s+)?(?:${REPORTER_WORDS.map(cap).join('|')}|(?:[a-z]+ )?team|(?!I\b)[A-Z][a-z]+)(?:\s+(?:on|from|in) (?:the )?[\w -]+?)?`;
const SECOND_HAND: Array<[RegExp, string]> = [
  [new RegExp(String.raw`\b${REPORTER}\s+(?:asks|asked|is asking|wants to know|wonders|would like to know)\s+(?=whether\b|if\b)`, 'g'), 'can you check '],
  [new RegExp(String.raw`\b${REPORTER}\s+(?:asks|asked|is asking|requests|requested|wants|would like)\s+(?:us\s+|you\s+|me\s+)?to\s+`, 'g'), 'please '],
  [new RegExp(String.raw`\b${REPORTER}\s+asks:?\s+(?=which\b|what\b|who\b|how\b|is\b|are\b|does\b|do\b|can\b)`, 'g'), ''],
  [/\b(?:asks|asked)\s+(?=which\b|what\b|whether\b|if\b)/g, ''],
  // "Marek needs his IP allowed", "they want it internal only": what the reporter needs is what we are asked for
  // (a capitalised word before "needs" is a person only when a person's thing follows: "Prod needs a lockdown" keeps Prod)
  [new RegExp(String.raw`\b(?:${cap('the')}\s+)?(?:${REPORTER_WORDS.map(cap).join('|')}|(?:[a-z]+ )?team)\s+(?:needs|wants|want|need)\s+(?!to\b)`, 'g'), 'we need '],
  [new RegExp(String.raw`\b(?!I\b)[A-Z][a-z]+\s+(?:needs|wants)\s+(?=(?:his|her|their)\b)`, 'g'), 'we need '],
];

/** What the reporter gives as the why or the complaint: context, or the wish it states. */
const REPORTED_CONTEXT: Array<[RegExp, string]> = [
  // "… for 2 hours to debug", "… for standup": the purpose of a reported request
  [/\s+(?:to (?:debug|troubleshoot|test|investigate|fix (?:it|this|that))|for (?:the )?(?:standup|demo|debugging|testing|troubleshooting))\b(?=\s*[,.!?]?\s*$)/i, ''],
  // "X is reachable from the internet and shouldn't be": the state is the complaint, the wish is that it is not
  // "they want it internal only": a state the reporter wants a Service in is the request to make it so
  [/\bwe need (it|them|[\w-]+) (internal|public)(?: only)?\b/i, 'please make $1 $2'],
  [/\b(?:is|are) (?:reachable|exposed|open|visible|accessible)(?: (?:from|to) (?:the )?(?:internet|outside|world|everyone|public))?,? and (?:it |they )?(?:shouldn't|should not|must not) be\b/i, 'should not be public'],
];

export function secondHand(text: string): string {
  const reported = SECOND_HAND.reduce((t, [re, to]) => t.replace(re, to), text);
  return reported === text ? text : REPORTED_CONTEXT.reduce((t, [re, to]) => t.replace(re, to), reported);
}

/** "remove the internal-LB annotation from X": the Service goes back on the public load balancer. */
// (round 13c: the annotation by its own name, "strip the azure-load-balancer-internal annotation off X", the same)
const INTERNAL_ANNOTATION_REMOVED = /\b(?:remove|delete|drop|take off|strip|pull)\s+the\s+(?:internal[- ](?:lb|load[- ]balancer)|(?:service\.beta\.kubernetes\.io\/)?azure-load-balancer-internal)\s+annotation\s+(?:from|on|of|off)\s+(?:(?:the\s+)?service\s+)?([\w-]+)/gi;
/** Round 13c: "annotate X with azure-load-balancer-internal", the kubectl way said in words: X goes on the internal load balancer. */
const INTERNAL_ANNOTATION_ADDED = /\b(?:annotate|mark)\s+(?:the\s+)?(?:service\s+|svc\s+)?([a-z][\w-]*)\s+(?:with|as)\s+(?:the\s+)?(?:service\.beta\.kubernetes\.io\/)?azure-load-balancer-internal(?:\s*[=:]\s*["']?true["']?)?(?:\s+annotation)?(?![\w=:-])/gi;

/** "do the same for this chat", "apply it through palisade", "fill it in": the ask orders what the paste says. */
const SAME_AS_PASTE = /\b(?:please\s+)?(?:(?:i |we )?need the equivalent(?: in palisade)?:?|do the same(?: thing)?|do the equivalent|do (?:that|this|it)|apply (?:it|this|that)|run (?:it|this|that)|execute (?:it|this|that)|fill (?:it|this) in|use (?:it|this|that))\b(?:\s+(?:through|via|with) (?:palisade|you))?(?:\s+for (?:this|the) (?:chat|channel|thread|conversation))?/gi;

/** Fenced blocks as their values; a paste none of whose lines we can read leaves the message as it was. */
function aroundFences(text: string): string {
  const blocks = [...text.matchAll(FENCE)].map((m) => valuesOf(m[1]));
  if (!blocks.some(Boolean)) return text;
  const around = text.replace(FENCE, ' ');
  // (a value the ask already names is said once: "ratings-web -> ratings-api on 80" beside `app: ratings-web`)
  const fresh = (values: string) => {
    const named = values.split(/\s+/).filter((w) => /[\d-]/.test(w));
    return !named.length || named.some((w) => !around.toLowerCase().includes(w.toLowerCase()));
  };
  let i = 0;
  const withValues = text.replace(FENCE, () => {
    const v = blocks[i++];
    return v && fresh(v) ? ` ${v} . ` : ' ';
  });
  return withValues.replace(SAME_AS_PASTE, ' ');
}

/** "1. check exposure / 2. make X internal / do step 2 on Y": the numbered step named is the order, the rest context. */
function numberedStep(text: string): string {
  const ask = /\b(?:please\s+)?(?:do|run|execute|apply|perform|carry out)\s+(?:only\s+)?(?:step|item|no\.?|number|#)\s*(\d+)\b/i.exec(text);
  if (!ask) return text;
  const step = new RegExp(String.raw`^\s*(?:step\s*)?${ask[1]}[.):]\s+(.+)$`, 'im').exec(text);
  if (!step) return text;
  const rest = text.split('\n').filter((l) => !/^\s*(?:step\s*)?\d+[.):]\s+/i.test(l)).join(' ').replace(ask[0], ' ');
  // (the list's title, "Runbook:", names the document)
  return `${step[1]} ${rest.replace(/^[^:\n]{0,40}:\s*/, '')}`;
}

/** The message as (the ask around any paste) + (the values inside it), references and reporters as context. */
export function readPasted(typed: string): string {
  let text = typed;
  if (text.includes('```')) {
    text = aroundFences(text);
    if (text === typed) return typed;
  }
  // "the template just says `palisade help` - what's in there?": our own read, quoted and asked about, is that read
  const own = /^[^`]*`palisade\s+([^`\n]+)`[^`]*\?\s*$/i.exec(text);
  if (own) {
    const p = parse(own[1]);
    if (p.ok && !specOf(p.command.kind).proposesChange) return own[1];
  }
  // `az aks update …` inline: the tool line's words; `spec.loadBalancerSourceRanges`: the field's own words
  text = text.replace(/`([^`\n]+)`/g, (_, code: string) => {
    const line = pastedLine(code);
    if (TOOL_LINE.test(code.trim()) && line) return line;
    return code.replace(/^(?:\w+\.)+/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  });
  // a multi-line list ("- severity: critical") outside a fence is read as its values
  if (/\n\s*-\s*[\w ]+:/.test(text)) text = text.split('\n').map((l) => (/^\s*-\s*[\w ]+:/.test(l) ? (pastedLine(l) ?? '') : l)).join(' ').replace(SAME_AS_PASTE, ' ');
  // ("Weekly vuln review template:": how often a document is used names the document, it schedules nothing)
  text = text.replace(/\b(?:daily|weekly|monthly|nightly|quarterly)\s+(?=(?:[\w-]+\s+){0,3}(?:template|checklist|runbook)\b)/gi, '');
  // a markdown quote ("> Step 3: …") is a quoted step like one in quotation marks
  if (/^>\s?/m.test(text)) {
    const quoted = text.split('\n').filter((l) => /^>\s?/.test(l)).map((l) => l.replace(/^>\s?/, '')).join(' ');
    text = `"${quoted.replace(/"/g, '')}" ${text.split('\n').filter((l) => !/^>\s?/.test(l)).join(' ')}`;
  }
  // (round 11: a workshop step passed on with an ask to do it, before the step's number is read as a numbered step)
  text = numberedStep(labStepOrdered(text));
  text = text.replace(/(?:^|\s)#\d{3,}\b/g, ' ');
  text = text.replace(/\s*\n\s*/g, ' ');
  text = text.replace(/\b(?:jira|runbook|incident|change|ticket)\s+(?=[A-Z]{2,}-\d+\b)/gi, '').replace(REFERENCE_ID, ' ').replace(REFERENCE, ' ');
  text = text.replace(INTERNAL_ANNOTATION_REMOVED, 'make $1 public');
  text = text.replace(INTERNAL_ANNOTATION_ADDED, 'make $1 internal');
  // ("Step 8 rollback - <step>": the section a step is filed under; the step says what to do)
  if (text !== typed) text = text.replace(/^\W*(?:rollback|roll-back|cleanup|clean-up|undo)\s*[:-]\s+/i, '');
  text = quotedStep(text);
  text = secondHand(text);
  return text.replace(/\s{2,}/g, ' ').trim();
}

/** Words by which the text around a paste asks us to act on it ("apply it", "please add it", "do the same here"). */
const ORDERING = /\b(?:apply|do|run|execute|go|add|set|make|put|use|please|pls|plz|need|want|enable|disable|turn|switch|remove|restrict|allow|lock|open|fill)\b/i;

/** The text around a fenced paste, when there is one: it alone may ask for a change, never the paste's contents. */
export function askAroundPaste(typed: string): string | undefined {
  if (!typed.includes('```')) return undefined;
  return typed.replace(FENCE, ' ').trim();
}

/** Whether the words around a paste ask for anything to be done. */
export const ordersSomething = (around: string): boolean => ORDERING.test(around);

/** The targets the terminal lines of a paste name by flag (fenced or in backticks): a change read from it must name them. */
export function pastedToolTargets(typed: string): string[] {
  const code = [...typed.matchAll(FENCE)].flatMap((m) => m[1].split('\n')).concat([...typed.replace(FENCE, ' ').matchAll(/`([^`\n]+)`/g)].map((m) => m[1]));
  return code.flatMap((line) => {
    const tool = TOOL_LINE.exec(line.trim());
    return tool ? toolTargets(tool[1]) : [];
  });
}
