import { format, parse } from '../commands/grammar.js';
import { tagEntities } from './entities.js';
import { normaliseText } from './normalise.js';
import type { Snapshot, Understanding } from './types.js';

/**
 * Round 12c: a digest schedule said in plain words, whatever their order: "please send a security summary to this
 * channel every weekday morning at 8:30", "I'd like to receive the digest every day at 8h30, Paris time", "get the
 * posture report posted in here every morning at 9, Berlin time", "how do I get a daily summary in here? like 9:30
 * every day, Europe/Berlin". The message names the digest, how often (every day, every weekday, every <day>), one
 * time of day, and at most one zone: every value of the schedule is said, so there is nothing left to guess and the
 * schedule is what was asked (a how-to that gives every value asks for it too). Not when it stops, changes or moves a
 * schedule, asks a question about one, imagines one, says "not", or gives two times.
 */

/** "8h30", "8h": a time written the way much of Europe writes it. */
const H_TIME = /\b([01]?\d|2[0-3])h([0-5]\d)?\b/gi;
/** "hour of Paris", "Paris hour": the zone said as a city's time. */
const CITY_HOUR = /\b(?:hour|time) of ([A-Z][a-z]+)\b|\b([A-Z][a-z]+) hour\b/g;

/** Words that say something else than a new schedule is wanted (another change, a read, or what used to be). */
const NOT_A_NEW_SCHEDULE = /^(?:stop|cancel|pause|mute|off|disable|unsubscribe|unschedule|delete|remove|no|not|never|instead|change|move|reschedule|shift|earlier|later|replace|update|skip|if|whether|unless|when|why|except|excluding|besides|apart|but|already|used|previously|earlier|ago|yesterday|show|list|display|tell|check|see)$/;
/** A word that asks for it (a request marker, or a verb that has a digest sent, received or set up). */
const ASKS = /^(?:send|post|get|receive|schedule|set|want|like|deliver|give|share|have|drop|put|publish|need|add|arrange|please|pls|can|could|would|start|setup|create|enable|turn)$/;

/** A time zone said ("CET", "Lagos time", "time zone"), read or not. */
function zoneSaid(text: string): boolean {
  return /\b(?:CES?T|EES?T|WES?T|BST|IST|JST|KST|HKT|SGT|MSK|AES?T|AEDT|ACST|AWST|NZST|NZDT|[ECMP][SD]T|AK[SD]T|HST)\b/.test(text) || /\b(?:[a-z]+ (?:time|hour)|time ?zone)\b/i.test(text.replace(/\b(?:at|by|same|every|each|any|that|this|the|a|what|which|first|next|last|one|free|lunch|work|working|office|business|local|some|no|in|on|of)\s+time\b/gi, ' '));
}

export function digestSaidPlainly(typed: string, snap: Snapshot, vocabulary: ReadonlySet<string>): string | undefined {
  // (a schedule has one time of day and names the digest: a message without both is not read again)
  if (!/\d|\b(?:noon|midday|midnight|half|quarter|o'?clock)\b/i.test(typed) || !/digest|summar|recap|round-?up|report|brief|newsletter|update|post|mail/i.test(typed)) return undefined;
  const text = typed.replace(H_TIME, (_, h: string, m?: string) => `${h}:${m ?? '00'}`).replace(CITY_HOUR, (_, a?: string, b?: string) => `${a ?? b} time`);
  const n = normaliseText(text);
  if (n.negated || n.hypothetical || n.conditional || (n.question && !n.howTo)) return undefined;
  const { tokens, entities } = tagEntities(n.tokens, snap, vocabulary);
  if (!tokens.some((t) => /^digests?$/.test(t))) return undefined;
  // (a how-to's own words, "how do I …", never stop it: the how-to is the ask)
  const words = n.howTo ? tokens.filter((t) => !/^(?:how|do|does|can|should|would|is|what)$/.test(t)) : tokens;
  if (words.some((t) => NOT_A_NEW_SCHEDULE.test(t))) return undefined;
  // (asked: a request, a how-to, an order ("send …"), or a verb someone wants done ("asks to get it posted", "would
  // love to receive"); "we already get the daily digest at 9" only says what is)
  if (!n.howTo && !n.request && !ASKS.test(tokens[0] ?? '') && !tokens.some((t, i) => ASKS.test(t) && tokens[i - 1] === 'to')) return undefined;
  // (a zone said but not read, "9:00 CET", "Lagos hour", would be a schedule at another time: not this one)
  if (!entities.some((e) => e.type === 'TZ') && zoneSaid(text)) return undefined;
  const values = (type: string) => [...new Set(entities.filter((e) => e.type === type).map((e) => e.value))];
  const [times, zones, days, clusters] = [values('TIME'), values('TZ'), values('DAY'), values('CLUSTER')];
  if (times.length !== 1 || zones.length > 1 || entities.some((e) => !['TIME', 'TZ', 'DAY', 'CLUSTER'].includes(e.type))) return undefined;
  const daily = tokens.includes('daily');
  const weekdays = tokens.includes('weekdays');
  // ("every monday", "on fridays": one day of the week, said as a recurrence)
  const weekly = days.length === 1 && tokens.some((t, i) => t === 'DAY' && /^(?:every|each|on)$/.test(tokens[i - 1] ?? ''));
  if (Number(daily) + Number(weekdays) + Number(weekly) !== 1 || (!weekly && days.length)) return undefined;
  const [h, m] = times[0].split(':').map(Number);
  const rest = `${zones.length ? ` ${zones[0]}` : ''}${clusters.length ? ` for ${clusters.join(', ')}` : ''}`;
  const command = weekly ? `digest cron "${m} ${h} * * ${days[0]}"${rest}` : `digest ${daily ? 'daily' : 'weekdays'} at ${times[0]}${rest}`;
  const p = parse(command);
  return p.ok ? format(p.command) : undefined;
}

/** The plain schedule in place of a reading that missed it (an "I don't know", a card, a read or a help). */
export function digestScheduleRead(typed: string, snap: Snapshot, vocabulary: ReadonlySet<string>, u: Understanding): Understanding {
  if (typeof typed !== 'string') return u;
  if (u.kind === 'sure' && /^digest (?:daily|weekdays|cron)\b/.test(u.command)) {
    // (a schedule read without the zone the message says, "every monday at 9:00 CET", would post at another hour)
    const zoneless = !/ (?:[A-Za-z_]+(?:\/[A-Za-z_]+)+|UTC)(?: for |$)/.test(u.command);
    return zoneless && zoneSaid(typed) ? { kind: 'ask', question: 'In which time zone?', detail: `I could not read the time zone you gave. Say it as a region and city, e.g. Europe/Berlin, or UTC. Usage: digest daily|weekdays at <HH:MM> [<time zone>]`, options: [], intent: u.intent, score: u.score } : u;
  }
  if (u.kind === 'lost' && u.negated) return u;
  const command = digestSaidPlainly(typed, snap, vocabulary);
  if (!command) return u;
  const intent = command.startsWith('digest daily') ? 'digestDaily' : command.startsWith('digest weekdays') ? 'digestWeekdays' : 'digestWeekly';
  return { kind: 'sure', command, intent, score: u.score };
}

/**
 * Round 12c: stopping the digest said plainly, "would you stop posting the digests here, please? they're noisy",
 * "thanks for the daily summaries, but we'd like to stop receiving them in this channel": a verb that stops right
 * before the digest (or "it/them" when the digest is what the message is about) says the whole of `digest off`,
 * which has no value to get wrong; the words around it (where, why, for now) need not match an example.
 */
const STOPS_IT = /\b(?:stop|cancel|pause|mute|end|unsubscribe(?: from)?|unschedule|turn off|switch off)(?: (?:posting|sending|receiving|getting|delivering|sharing|dropping))?(?: (?:the|these|those|this|our|my|all|all the|any))? (?:digests?|them|it)\b/;

export function digestOffRead(typed: string, snap: Snapshot, vocabulary: ReadonlySet<string>, u: Understanding): Understanding {
  if (typeof typed !== 'string' || u.kind !== 'ask' || u.options.length !== 1 || u.options[0].command !== 'digest off' || !u.question.startsWith('Did you mean')) return u;
  const n = normaliseText(typed);
  if (n.negated || n.hypothetical || n.conditional || n.advice || (n.question && !n.request)) return u;
  const { tokens, entities } = tagEntities(n.tokens, snap, vocabulary);
  if (!tokens.some((t) => /^digests?$/.test(t)) || entities.length || !STOPS_IT.test(tokens.join(' '))) return u;
  return { kind: 'sure', command: 'digest off', intent: 'digestOff', score: u.score };
}
